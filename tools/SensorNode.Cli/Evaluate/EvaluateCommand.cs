using System.CommandLine;
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
    public static Command Build() => new Command("evaluate", "run every policy (learned, built-in, baselines) and the oracle on the same trace: comparison.json/.md").Options(
        CliOption.Traces("a trace (Pible '|' or CSV); repeat --trace to evaluate on several (results are summed)"),
        CliOption.Environment(),
        CliOption.Days("days to evaluate on: a trace's first N days (default: all), a synthetic building's length (default 14)"),
        CliOption.TestDays(),
        CliOption.Seed("seed of the synthetic building and the ADC noise (default 1)"),
        CliOption.TrainDays("training days of the same traces (synthetic: of the same building): tunes tuned-fixed and tuned-pible on them (never on the test days); without it they are left out"),
        CliOption.Flag("--splits", "the split study instead (docs/evaluation.md): rolling weeks on the first --trace, train on it / test on each further --trace, synthetic buildings; learned table trained per split; writes splits.json and splits.md"),
        CliOption.Int("--episodes", "--splits: trainer episodes per split", 16, 1, 100_000),
        CliOption.Text("--policy", "also evaluate this learned table (or built-in / fixed:<interval>)", "P"),
        CliOption.Profile(),
        CliOption.Config("nf.config: its [service] section sets the arrival/temperature targets and the utility weights (default: the defaults, docs/configuration.md)"),
        CliOption.OneOf("--hardware", "without (default: today's design), rtc (every policy with the event RTC, \"rtc:\" names, docs/hardware.md), gated (the RTC as the ESP32's power switch, \"gated:\" names), both (without and rtc side by side) or all three", HardwareVariants.Values),
        CliOption.Int("--oracle-levels", "energy levels of the oracle's grid", 1000, 10, 100_000),
        CliOption.Int("--oracle-slot", "oracle decision slot, s", 900, 60, 3600, "S"),
        CliOption.Text("--service-bound", "also bound what any schedule without a brown-out could reach of each service given these targets of the others (events,arrivals,coverage as fractions, e.g. 0.9,0.6,0.75; one environment): service-bound.json/.md", "E,A,C"),
        CliOption.Out("comparison.json, comparison.md, captured.png and tradeoff.png (default eval-out)"),
        CliOption.Quiet()).With(Run);

    /// <summary><c>sensornode evaluate ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        IReadOnlyList<string> traces = EnvironmentChoice.Traces(options);
        NodeConfig config = SimulateCommand.LoadConfig(options.Get("config"));
        var service = ServiceTargets.FromConfig(config);
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        HardwareConsistency.Check(config, options.Get("config"), profile);
        int seed = options.Int("seed");
        var oracleOptions = new OracleOptions { EnergyLevels = options.Int("oracle-levels"), SlotSeconds = options.Int("oracle-slot") };
        string outDir = options.Get("out") ?? "eval-out";
        OutputPaths.PrepareDirectory("out", outDir);
        if (options.Flag("splits"))
        {
            if (traces.Count == 0) throw new UsageException("--splits needs --trace (the first is split into weeks; further ones are test traces)");
            var study = new SplitStudy(config, profile, service, seed, oracleOptions, options.Int("episodes"), options.Flag("quiet") ? null : error);
            return study.Run(traces, outDir, output);
        }
        List<EnvironmentTrace> environments = EnvironmentChoice.Load(options, "test-days", seed * 31);
        ServiceBound.Point? boundTargets = options.Get("service-bound") is { } boundText ? ServiceBoundReport.ParseTargets(boundText) : null;
        if (boundTargets != null && environments.Count != 1) throw new UsageException("--service-bound needs exactly one environment (one --trace or a synthetic building)");
        // The bound's schedule boots for every event it captures; a node with the event RTC counts motion without a boot, so
        // for it the figure would not be a bound.
        if (boundTargets != null && (config.RtcFitted || (options.Get("hardware") ?? "without") != "without"))
            throw new UsageException("--service-bound bounds today's design only (every captured event a boot): not with [rtc] in --config or --hardware other than without");
        List<EnvironmentTrace>? training = EnvironmentChoice.Training(options, seed * 31);

        var contestants = new List<EvaluatedPolicy>();
        if (options.Get("policy") is { } policyText)
        {
            PolicySpec spec;
            try { spec = PolicySpec.Parse(policyText, config); }
            catch (Exception e) when (e is FormatException or IOException) { throw new UsageException(e.Message); }
            contestants.Add(new EvaluatedPolicy(spec.Name, spec, null));
        }
        contestants.AddRange(EvaluatedPolicy.Baselines(config, profile, service));
        contestants = HardwareVariants.Apply(options.Get("hardware"), contestants, config);

        string name = string.Join(" + ", environments.Select(e => e.Name));
        var notes = new List<string>();
        if (training != null)
        {
            if (!options.Flag("quiet")) error.WriteLine($"tuning tuned-fixed and tuned-pible on the training days ({string.Join(" + ", training.Select(e => e.Name))})");
            foreach (TunedBaseline tuned in TuneBaselines(training, config, profile, service, seed))
            {
                contestants.Add(tuned.Policy);
                notes.Add(BaselineTuning.Describe(tuned));
            }
        }
        else notes.Add("tuned-fixed and tuned-pible need --train-days (they are tuned on training days only)");
        if (!options.Flag("quiet")) error.WriteLine($"evaluating {contestants.Count} policies and the oracle on '{name}'");
        var occupancyRuns = new List<Occupancy.OccupancyRun>();
        List<SimulationMetrics> metrics = RunAll(contestants, environments, config, profile, service, seed, collect: occupancyRuns);
        OracleResult oracle = Sum(environments.Select(e => ScheduleOracle.Solve(e, profile, config.WakeIntervalsSeconds, oracleOptions)).ToList());

        Directory.CreateDirectory(outDir);
        List<(string Label, ServiceBound.Point Point)>? foresight = null;
        if (boundTargets is ServiceBound.Point targets)
        {
            if (!options.Flag("quiet")) error.WriteLine($"bounding each service given the others' targets on '{name}'");
            foresight = ServiceBoundReport.Run(environments[0], profile, config, service, targets, oracleOptions, outDir);
        }
        File.WriteAllText(Path.Combine(outDir, "comparison.json"), ComparisonReport.Json(name, metrics, oracle));
        string table = ComparisonReport.Markdown(name, metrics, oracle, notes);
        File.WriteAllText(Path.Combine(outDir, "comparison.md"), table);
        ComparisonReport.Chart(Path.Combine(outDir, "captured.png"), name, metrics, oracle);
        ComparisonReport.TradeoffChart(Path.Combine(outDir, "tradeoff.png"), name, metrics, foresight);
        Occupancy.OccupancyRuns.Write(outDir, occupancyRuns, new(), new()); // occupancy.json per policy (docs/occupancy.md)
        if (!options.Flag("quiet")) output.WriteLine(table);
        if (foresight != null && !options.Flag("quiet")) output.WriteLine(File.ReadAllText(Path.Combine(outDir, "service-bound.md")));
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
    public static List<TunedBaseline> TuneBaselines(IReadOnlyList<EnvironmentTrace> training, NodeConfig config, HardwareProfile profile, ServiceTargets service, int seed) =>
        [TuneFixed(training, config, profile, service, seed), Tune(BaselineTuning.PibleGrid(), training, config, profile, service, seed)];

    /// <summary>tuned-fixed alone: the best fixed interval on <paramref name="training"/> (and nothing else).</summary>
    public static TunedBaseline TuneFixed(IReadOnlyList<EnvironmentTrace> training, NodeConfig config, HardwareProfile profile, ServiceTargets service, int seed) =>
        Tune(BaselineTuning.FixedGrid(config), training, config, profile, service, seed);

    private static TunedBaseline Tune(IReadOnlyList<(string Parameters, EvaluatedPolicy Policy)> grid, IReadOnlyList<EnvironmentTrace> training, NodeConfig config, HardwareProfile profile, ServiceTargets service, int seed) =>
        BaselineTuning.Tune(grid, training, (p, e) => RunOne(p, e, config, profile, seed, service), config, service);

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
