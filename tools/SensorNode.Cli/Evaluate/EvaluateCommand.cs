using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Devices;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode evaluate</c>: every policy on the same environment and hardware (the learned table if given, the
/// built-in table, the baselines) plus the oracle's upper bound; writes comparison.json, comparison.md, captured.png.
/// </summary>
public static class EvaluateCommand
{
    public const string Help = """
        usage: sensornode evaluate [options]

        environment (one of):
          --trace FILE           a trace (Pible '|' or CSV); repeat --trace to evaluate on several (results are summed)
          --environment KIND     synthetic: office (default), corridor, window-side
          --days A..B            days A to B of each trace (day 0 = its first day), e.g. 21..34; synthetic: N days
          --seed N               seed of the synthetic building and the ADC noise (default 1)
          --train-days A..B      training days of the same traces (synthetic: of the same building): tunes
                                 tuned-fixed and tuned-pible on them (never on --days); without it they are left out
          --splits               the split study instead (docs/evaluation.md): rolling weeks on the first --trace,
                                 train on it / test on each further --trace, synthetic buildings; learned table
                                 trained per split; writes splits.json and splits.md
          --episodes N           --splits: trainer episodes per split (default 16)
        policies:
          --policy FILE          also evaluate this learned table (or built-in / fixed:<interval>)
          --profile FILE         hardware profile JSON (default: the embedded reference design)
          --config FILE          nf.config: its [service] section sets the arrival/temperature targets and the
                                 utility weights (default: the defaults, docs/configuration.md)
        oracle:
          --oracle-levels N      energy levels of the oracle's grid (default 1000)
          --oracle-slot S        oracle decision slot, s (default 900)
        output:
          --out DIR              comparison.json, comparison.md, captured.png and tradeoff.png (default eval-out)
        """;

    private static readonly string[] Valued = { "environment", "days", "seed", "policy", "profile", "out", "oracle-levels", "oracle-slot", "config", "train-days", "episodes" };
    private static readonly string[] Flags = { "help", "quiet", "splits" };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // --trace may repeat; the strict option reader takes the rest.
        var traces = new List<string>();
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--trace")
            {
                if (i + 1 >= args.Length) throw new UsageException("--trace needs a value");
                traces.Add(args[++i]);
            }
            else if (args[i].StartsWith("--trace=", StringComparison.Ordinal)) traces.Add(args[i]["--trace=".Length..]);
            else rest.Add(args[i]);
        }
        var options = new Options(rest.ToArray(), Valued, Flags);
        if (options.Has("help"))
        {
            output.WriteLine(Help);
            return CommandLine.Ok;
        }
        NodeConfig config = SimulateCommand.LoadConfig(options.Get("config"));
        var service = ServiceTargets.FromConfig(config);
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        HardwareConsistency.Check(config, options.Get("config"), profile);
        int seed = options.GetInt("seed", 1, int.MinValue, int.MaxValue);
        var oracleOptions = new OracleOptions { EnergyLevels = options.GetInt("oracle-levels", 1000, 10, 100_000), SlotSeconds = options.GetInt("oracle-slot", 900, 60, 3600) };
        string outDir = options.Get("out") ?? "eval-out";
        OutputPaths.PrepareDirectory("out", outDir);
        if (options.Has("splits"))
        {
            if (traces.Count == 0) throw new UsageException("--splits needs --trace (the first is split into weeks; further ones are test traces)");
            var study = new SplitStudy(config, profile, service, seed, oracleOptions, options.GetInt("episodes", 16, 1, 100_000), options.Has("quiet") ? null : error);
            return study.Run(traces, outDir, output);
        }
        List<EnvironmentTrace> environments = Environments(traces, options, seed, options.Get("days"));
        List<EnvironmentTrace>? training = options.Get("train-days") is { } trainDays ? Environments(traces, options, seed, trainDays) : null;

        var contestants = new List<EvaluatedPolicy>();
        if (options.Get("policy") is { } policyText)
        {
            PolicySpec spec;
            try { spec = PolicySpec.Parse(policyText, config); }
            catch (Exception e) when (e is FormatException or IOException) { throw new UsageException(e.Message); }
            contestants.Add(new EvaluatedPolicy(spec.Name, spec, null));
        }
        contestants.AddRange(EvaluatedPolicy.Baselines(config, profile, service));

        string name = string.Join(" + ", environments.Select(e => e.Name));
        var notes = new List<string>();
        if (training != null)
        {
            if (!options.Has("quiet")) error.WriteLine($"tuning tuned-fixed and tuned-pible on the training days ({string.Join(" + ", training.Select(e => e.Name))})");
            foreach (TunedBaseline tuned in TuneBaselines(training, config, profile, service, seed))
            {
                contestants.Add(tuned.Policy);
                notes.Add(BaselineTuning.Describe(tuned));
            }
        }
        else notes.Add("tuned-fixed and tuned-pible need --train-days (they are tuned on training days only)");
        if (!options.Has("quiet")) error.WriteLine($"evaluating {contestants.Count} policies and the oracle on '{name}'");
        var occupancyRuns = new List<Occupancy.OccupancyRun>();
        List<SimulationMetrics> metrics = RunAll(contestants, environments, config, profile, service, seed, collect: occupancyRuns);
        OracleResult oracle = Sum(environments.Select(e => ScheduleOracle.Solve(e, profile, config.WakeIntervalsSeconds, oracleOptions)).ToList());

        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "comparison.json"), ComparisonReport.Json(name, metrics, oracle));
        string table = ComparisonReport.Markdown(name, metrics, oracle, notes);
        File.WriteAllText(Path.Combine(outDir, "comparison.md"), table);
        ComparisonReport.Chart(Path.Combine(outDir, "captured.png"), name, metrics, oracle);
        ComparisonReport.TradeoffChart(Path.Combine(outDir, "tradeoff.png"), name, metrics);
        Occupancy.OccupancyRuns.Write(outDir, occupancyRuns, new(), new()); // occupancy.json per policy (docs/occupancy.md)
        if (!options.Has("quiet")) output.WriteLine(table);
        return CommandLine.Ok;
    }

    /// <summary>
    /// Every contestant on every environment (summed per contestant), scored: utility against least-spending's
    /// brown-outs on the same environments (least-spending is run for the floor when it is not a contestant), sorted
    /// by utility, best first.
    /// </summary>
    public static List<SimulationMetrics> RunAll(IReadOnlyList<EvaluatedPolicy> contestants, IReadOnlyList<EnvironmentTrace> environments,
        NodeConfig config, HardwareProfile profile, ServiceTargets service, int seed, int maxParallelism = 2,
        List<Occupancy.OccupancyRun>? collect = null)
    {
        var runs = new NodeRunResult[contestants.Count, environments.Count];
        Parallel.For(0, contestants.Count * environments.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, k =>
        {
            int c = k / environments.Count, e = k % environments.Count;
            runs[c, e] = RunOne(contestants[c], environments[e], config, profile, seed, service);
        });
        var metrics = new List<SimulationMetrics>();
        for (int c = 0; c < contestants.Count; c++)
        {
            for (int e = 0; e < environments.Count; e++) collect?.Add(new Occupancy.OccupancyRun(contestants[c].Name, environments[e], runs[c, e].Readings));
            SimulationMetrics m = FleetSimulator.Aggregate(Enumerable.Range(0, environments.Count).Select(e => runs[c, e]).ToList(), 0);
            m.Policy = contestants[c].Name;
            metrics.Add(m);
        }
        long floor = metrics.FirstOrDefault(m => m.Policy == EvaluatedPolicy.LeastSpendingName)?.Brownouts
            ?? environments.Sum(e => RunOne(EvaluatedPolicy.LeastSpending(config), e, config, profile, seed, service).Metrics.Brownouts);
        foreach (SimulationMetrics m in metrics) ServiceMetrics.Score(m, floor, service);
        return metrics.OrderByDescending(m => m.Utility).ToList();
    }

    /// <summary>tuned-fixed and tuned-pible, each the best of its grid on <paramref name="training"/> (and nothing else).</summary>
    public static List<TunedBaseline> TuneBaselines(IReadOnlyList<EnvironmentTrace> training, NodeConfig config, HardwareProfile profile, ServiceTargets service, int seed)
    {
        Func<EvaluatedPolicy, EnvironmentTrace, NodeRunResult> run = (p, e) => RunOne(p, e, config, profile, seed, service);
        return new List<TunedBaseline>
        {
            BaselineTuning.Tune(BaselineTuning.FixedGrid(config), training, run, config, service),
            BaselineTuning.Tune(BaselineTuning.PibleGrid(), training, run, config, service),
        };
    }

    /// <summary>
    /// One policy on one environment: a single node, the host-side policy reading that node's clock and PIR; the
    /// contestant's own configuration when it has one (fixed-4h).
    /// </summary>
    public static NodeRunResult RunOne(EvaluatedPolicy policy, EnvironmentTrace environment, NodeConfig config, HardwareProfile profile, int seed, ServiceTargets? service = null)
    {
        SimulatedNode? node = null;
        var context = new PolicyContext(() => node!.Clock.NowUnixMilliseconds / 1000, () => node!.Pir.High);
        var setup = new SimulationSetup
        {
            Config = policy.Config ?? config, Profile = profile, Environment = environment, Policy = policy.Spec, Seed = seed,
            PolicyFactory = policy.Make == null ? null : _ => policy.Make(context),
            Service = service ?? ServiceTargets.FromConfig(config),
        };
        var simulator = new NodeSimulator(setup, 0, recordTimeline: false);
        node = simulator.Node;
        return simulator.Run();
    }

    private static List<EnvironmentTrace> Environments(List<string> traces, Options options, int seed, string? days)
    {
        if (traces.Count > 0)
        {
            if (options.Has("environment")) throw new UsageException("give --trace or --environment, not both");
            var list = new List<EnvironmentTrace>();
            foreach (string path in traces)
            {
                EnvironmentTrace trace;
                try { trace = TraceReader.Read(path); }
                catch (TraceFormatException e) { throw new UsageException(e.Message); }
                if (days != null)
                {
                    (int a, int b) = ParseDays(days);
                    try { trace = trace.Slice(a, b); }
                    catch (ArgumentOutOfRangeException e) { throw new UsageException("--days: " + e.Message.Split('\n')[0]); }
                }
                list.Add(trace);
            }
            return list;
        }
        SyntheticProfileKind kind;
        try { kind = SyntheticEnvironment.Parse(options.Get("environment") ?? "office"); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        int n = 14;
        int first = 0;
        if (days != null)
        {
            if (days.Contains("..")) { (first, int last) = ParseDays(days); n = last + 1; }
            else if (!int.TryParse(days, out n) || n < 1) throw new UsageException($"--days: expected N or A..B, got '{days}'");
        }
        EnvironmentTrace synthetic = SyntheticEnvironment.Generate(kind, new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), n, seed * 31);
        return new List<EnvironmentTrace> { first > 0 ? synthetic.Slice(first, n - 1) : synthetic };
    }

    /// <summary>"A..B" with 0 &lt;= A &lt;= B.</summary>
    public static (int First, int Last) ParseDays(string text)
    {
        string[] parts = text.Split("..");
        if (parts.Length != 2 || !int.TryParse(parts[0], out int a) || !int.TryParse(parts[1], out int b) || a < 0 || b < a)
            throw new UsageException($"--days: expected A..B with 0 <= A <= B (e.g. 21..34), got '{text}'");
        return (a, b);
    }

    private static OracleResult Sum(List<OracleResult> results)
    {
        if (results.Count == 1) return results[0];
        OracleResult first = results[0];
        long readings = results.Sum(r => r.ReadingsDelivered);
        double spent = results.Sum(r => r.EnergySpentJ);
        return new OracleResult
        {
            EventsTotal = results.Sum(r => r.EventsTotal), EventsCaptured = results.Sum(r => r.EventsCaptured),
            EventsCapturedLower = results.Sum(r => r.EventsCapturedLower), EventsDelivered = results.Sum(r => r.EventsDelivered),
            EventsDeliveredLower = results.Sum(r => r.EventsDeliveredLower), ReadingsDelivered = readings,
            Wakes = results.Sum(r => r.Wakes), MotionWakes = results.Sum(r => r.MotionWakes), WifiConnects = results.Sum(r => r.WifiConnects),
            Brownouts = results.Sum(r => r.Brownouts), EnergyHarvestedJ = results.Sum(r => r.EnergyHarvestedJ), EnergySpentJ = spent,
            EnergyPerDeliveredReadingMj = readings > 0 ? spent * 1000 / readings : 0,
            FinalSupercapV = results.Average(r => r.FinalSupercapV), MinSupercapV = results.Min(r => r.MinSupercapV),
            SlotSeconds = first.SlotSeconds, EnergyLevels = first.EnergyLevels, EnergyLevelMj = first.EnergyLevelMj,
            WallSeconds = results.Sum(r => r.WallSeconds),
        };
    }
}
