using System.Globalization;
using SensorNode.Core.Numerics;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode train</c>: learns a policy table in the simulator (model-based: exploratory runs, value
/// iteration, evaluation; see docs/policy.md "Training") and writes policy.bin with its learning curve, visit
/// counts and a summary beside it.
/// </summary>
public static class TrainCommand
{
    public const string Help = """
        usage: sensornode train --trace FILE [--trace FILE ...] --out policy.bin [options]

          --trace FILE       training trace (Pible '|' format or CSV); repeat for several, episodes cycle through them
          --days A..B        train on days A to B of each trace, inclusive, 0 = the first day (default: all)
          --profile FILE     hardware profile JSON (default: the embedded reference design)
          --config FILE      nf.config: the node's settings and the [service] targets the table is judged by
                             (utility, docs/policy.md; default: the defaults)
          --seed N           seed of the exploration and the simulated noise (default 1); same seed, same policy.bin
          --episodes N       exploratory simulator runs (default 16, in rounds of 2), then a simulator-verified search
          --stress-light LIST  light factors of the darker copies every kept table must survive (default 0.8)
          --no-history       no trace: write the prior table (what a new site starts with, docs/policy.md)
          --fleet            no trace: train the fleet-default table on a synthetic office, corridor and
                             window-side room (FleetDefault; version 102)
          --out FILE         the table to write (policy.bin); beside it: <name>.curve.png (learning curve),
                             <name>.visits.csv (decisions per state, for `sensornode policy show --visits`),
                             <name>.summary.txt
          --quiet            no progress lines
        """;

    private static readonly string[] Valued = { "days", "profile", "seed", "episodes", "out", "stress-light", "config" };
    private static readonly string[] Flags = { "quiet", "help", "no-history", "fleet" };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            return RunChecked(args, output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine($"sensornode train: {e.Message}");
            error.WriteLine("run 'sensornode train --help' for the options");
            return CommandLine.Usage;
        }
    }

    private static int RunChecked(string[] args, TextWriter output, TextWriter error)
    {
        var traces = new List<string>();
        string[] rest = TakeRepeated(args, "trace", traces);
        var options = new Options(rest, Valued, Flags);
        if (options.Has("help"))
        {
            output.WriteLine(Help);
            return CommandLine.Ok;
        }
        string outPath = options.Get("out") ?? throw new UsageException("--out FILE is required");
        OutputPaths.PrepareFile("out", outPath);
        if (options.Has("no-history"))
        {
            if (traces.Count > 0) throw new UsageException("--no-history takes no --trace");
            string? priorDir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (priorDir != null) Directory.CreateDirectory(priorDir);
            File.WriteAllBytes(outPath, PriorTable.Build().Serialize());
            output.WriteLine($"wrote {outPath}: the prior table (version {PriorTable.Version}), no history");
            return CommandLine.Ok;
        }
        bool fleet = options.Has("fleet");
        if (fleet && traces.Count > 0) throw new UsageException("--fleet takes no --trace (it trains on FleetDefault's synthetic buildings)");
        if (traces.Count == 0 && !fleet) throw new UsageException("--trace FILE is required (at least one), or --fleet");
        (int firstDay, int lastDay)? days = options.Get("days") is { } d ? ParseDays(d) : null;
        int seed = options.GetInt("seed", 1, int.MinValue, int.MaxValue);
        int episodes = options.GetInt("episodes", 16, 1, 100_000);
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }

        Core.Config.NodeConfig config = SimulateCommand.LoadConfig(options.Get("config")); // checked before the traces are read
        HardwareConsistency.Check(config, options.Get("config"), profile);
        var environments = new List<EnvironmentTrace>();
        foreach (string trace in traces)
        {
            EnvironmentTrace env;
            try { env = TraceReader.Read(trace); }
            catch (TraceFormatException e) { throw new UsageException(e.Message); }
            catch (IOException e) { throw new UsageException($"--trace {trace}: {e.Message}"); }
            if (days is var (a, b))
            {
                if (a >= env.DayCount) throw new UsageException($"--days {a}..{b}: {trace} has only {env.DayCount} days (0..{env.DayCount - 1})");
                env = env.Slice(a, Math.Min(b, env.DayCount - 1));
            }
            environments.Add(env);
        }
        if (fleet) environments.AddRange(FleetDefault.Environments(seed));

        bool quiet = options.Has("quiet");
        string stressText = options.Get("stress-light") ?? "0.8";
        double[] stressLight = stressText == "none" ? Array.Empty<double>() : ParseNumbers(stressText, "stress-light", 10);
        var trainingOptions = new TrainingOptions
        {
            Environments = environments, Profile = profile, Seed = seed, Episodes = episodes, StressLightScales = stressLight,
            Config = config, Service = Simulation.Simulator.ServiceTargets.FromConfig(config),
            TableVersion = fleet ? FleetDefault.TableVersion : new TrainingOptions { Environments = environments, Profile = profile }.TableVersion,
        };
        if (!quiet)
        {
            error.WriteLine($"training on {string.Join(", ", environments.Select(e => $"{e.Name} ({e.DayCount} days, {e.MotionEventUnixSeconds.Length} events)"))}; profile {profile.Name}, seed {seed}, {episodes} episodes");
        }
        TrainingResult result = PolicyTrainer.Train(trainingOptions, quiet ? null : round => error.WriteLine(ProgressLine(round, episodes)));

        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir != null) Directory.CreateDirectory(dir);
        byte[] bytes = result.Table.Serialize();
        File.WriteAllBytes(outPath, bytes);
        string curvePath = SiblingPath(outPath, ".curve.png");
        string visitsPath = VisitsPath(outPath);
        string summaryPath = SiblingPath(outPath, ".summary.txt");
        LearningCurvePlot.Render(curvePath, result);
        File.WriteAllText(visitsPath, VisitsFile.Format(result.Visits));
        string summary = Summary(result, trainingOptions, traces, days, bytes);
        File.WriteAllText(summaryPath, summary);
        output.Write(summary);
        output.WriteLine($"wrote {outPath}, {curvePath}, {visitsPath}, {summaryPath}");
        return CommandLine.Ok;
    }

    /// <summary>Where the trainer writes the visit counts of <paramref name="policyPath"/> (policy.bin -> policy.visits.csv).</summary>
    public static string VisitsPath(string policyPath) => SiblingPath(policyPath, ".visits.csv");

    private static string SiblingPath(string policyPath, string suffix) =>
        Path.Combine(Path.GetDirectoryName(policyPath) ?? "", Path.GetFileNameWithoutExtension(policyPath) + suffix);

    /// <summary>"A..B" (inclusive, 0-based) or "N" (that one day).</summary>
    public static (int First, int Last) ParseDays(string text)
    {
        string[] parts = text.Split("..");
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
            && last >= first)
        {
            return (first, last);
        }
        throw new UsageException($"--days: expected A..B with 0 <= A <= B (e.g. 0..20), got '{text}'");
    }

    /// <summary>A comma-separated list of positive numbers up to <paramref name="max"/> (--start-volts, --stress-light).</summary>
    internal static double[] ParseNumbers(string text, string option, double max)
    {
        var list = new List<double>();
        foreach (string part in text.Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || !(f > 0 && f <= max))
                throw new UsageException($"--{option}: expected positive numbers up to {max} separated by commas (e.g. 0.8 or 4.0,3.3), got '{text}'");
            list.Add(f);
        }
        return list.ToArray();
    }

    /// <summary>Removes every <c>--name value</c> / <c>--name=value</c> from <paramref name="args"/> into <paramref name="values"/>.</summary>
    internal static string[] TakeRepeated(string[] args, string name, List<string> values)
    {
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--" + name)
            {
                if (i + 1 >= args.Length) throw new UsageException($"--{name} needs a value");
                values.Add(args[++i]);
            }
            else if (args[i].StartsWith("--" + name + "=", StringComparison.Ordinal)) values.Add(args[i][(name.Length + 3)..]);
            else rest.Add(args[i]);
        }
        return rest.ToArray();
    }

    private static string ProgressLine(TrainingRound r, int episodes)
    {
        var s = r.Score;
        return $"  {r.EpisodesSoFar,5}/{episodes} episodes  captured {s.EventsCaptured}/{s.EventsTotal} (cold start {s.EventsCapturedColdStart})  brown-outs {s.Brownouts}+{s.BrownoutsColdStart}+{s.BrownoutsStress}  reward {s.Reward.ToString("F1", CultureInfo.InvariantCulture)}{(r.Kept ? "  kept" : s.Safe ? "" : "  rejected")}";
    }

    private static string Summary(TrainingResult r, TrainingOptions o, List<string> traces, (int, int)? days, byte[] bytes)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringWriter(inv);
        w.WriteLine("sensornode train summary");
        w.WriteLine($"  traces:        {(traces.Count > 0 ? string.Join(", ", traces.Select(Path.GetFileName)) : string.Join(", ", o.Environments.Select(e => e.Name)))}");
        w.WriteLine($"  days:          {(days is var (a, b) ? $"{a}..{b}" : "all")}");
        w.WriteLine($"  profile:       {o.Profile.Name}");
        w.WriteLine($"  seed:          {o.Seed}");
        w.WriteLine($"  episodes:      {o.Episodes} ({r.Rounds.Count - 1} rounds), {r.Transitions} transitions");
        w.WriteLine($"  training time: {r.WallSeconds.ToString("F1", inv)} s");
        w.WriteLine($"  simulator runs: {r.SimulatorRuns.ToString(inv)} ({r.SearchTrialsSkipped.ToString(inv)} search trials skipped: the table never decided in their state)");
        w.WriteLine($"  kept:          round {r.KeptRound}{(r.KeptRound == 0 ? " (the heuristic: no learned table beat it without a brown-out)" : "")}");
        w.WriteLine($"  table:         version {r.Table.Version}, {bytes.Length} bytes, CRC-32 0x{LittleEndian.ReadUInt32(bytes, bytes.Length - 4):X8}");
        w.WriteLine("  on the training days      heuristic   learned");
        w.WriteLine($"  events captured (4.0 V)   {Pct(r.Heuristic.EventsCaptured, r.Heuristic.EventsTotal),-11} {Pct(r.Learned.EventsCaptured, r.Learned.EventsTotal)}");
        w.WriteLine($"  events captured (cold)    {Pct(r.Heuristic.EventsCapturedColdStart, r.Heuristic.EventsTotal),-11} {Pct(r.Learned.EventsCapturedColdStart, r.Learned.EventsTotal)}");
        w.WriteLine($"  brown-outs (4.0 V + cold) {r.Heuristic.Brownouts + "+" + r.Heuristic.BrownoutsColdStart,-11} {r.Learned.Brownouts}+{r.Learned.BrownoutsColdStart}");
        w.WriteLine($"  brown-outs, {r.Learned.StressRuns} stress runs {r.Heuristic.BrownoutsStress,-11} {r.Learned.BrownoutsStress}   (light x{string.Join("/x", o.StressLightScales.Select(x => x.ToString("0.##", inv)))}; start {string.Join("/", o.StressStartVolts.Select(x => x.ToString("0.0", inv)))} V)");
        w.WriteLine($"  readings delivered        {r.Heuristic.ReadingsDelivered,-11} {r.Learned.ReadingsDelivered}");
        w.WriteLine($"  utility (4.0 V start)     {r.Heuristic.Utility.ToString("F3", inv),-11} {r.Learned.Utility.ToString("F3", inv)}");
        int changed = 0;
        byte[] heuristic = Core.Policy.HeuristicPolicy.BuildActionCodes();
        for (int i = 0; i < heuristic.Length; i++) if (heuristic[i] != bytes[Core.Policy.PolicyTable.HeaderLength + i]) changed++;
        w.WriteLine($"  states changed from the heuristic: {changed} of {heuristic.Length}; states visited: {r.Visits.Count(v => v > 0)}");
        return w.ToString();

        static string Pct(long a, long b) => b == 0 ? $"{a}" : $"{a} ({100.0 * a / b:F1}%)";
    }
}
