using System.CommandLine;
using System.Globalization;
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
    public static Command Build() => new Command("train", "learn a policy table from traces in the simulator (writes policy.bin, a learning curve, visits)").Options(
        CliOption.Traces("training trace (Pible '|' format or CSV); repeat for several, episodes cycle through them"),
        CliOption.Days("train on the first N days of each trace (default: all)"),
        CliOption.TrainDays("train on days A to B of each trace, inclusive, 0 = the first day (default: all)"),
        CliOption.Profile(),
        CliOption.Config("nf.config: the node's settings and the [service] targets the table is judged by (utility, docs/policy.md; default: the defaults)"),
        CliOption.Seed("seed of the exploration and the simulated noise (default 1); same seed, same policy.bin"),
        CliOption.Int("--episodes", $"exploratory simulator runs (in rounds of 2), then a simulator-verified search (with --db: {Deployment.StoreTrainer.SiteEpisodes}, the site retrain's)", 16, 1, 100_000),
        CliOption.Text("--stress-light", "light factors of the darker copies every kept table must survive (default 0.8; none: no stress runs)", "LIST"),
        CliOption.Flag("--no-history", "no trace: write the prior table (what a new site starts with, docs/policy.md); with a --config that has [rtc], the event RTC's (layout 3)"),
        CliOption.Text("--ranking", "how tables rank: priced (utility over every run, brown-outs priced by weight_brownout; the default) or safety-first (brown-outs above the floor first, then utility), docs/policy.md", "RANKING"),
        CliOption.Flag("--fleet", "no trace: train the fleet-default table on a synthetic office, corridor and window-side room (FleetDefault; version 102)"),
        CliOption.Out("the table to write (policy.bin); beside it: <name>.curve.png (learning curve), <name>.visits.csv (decisions per state, for `sensornode policy show --visits`), <name>.summary.txt", "FILE").IsRequired(),
        CliOption.Text("--db", "learn from the gateway's store instead of a trace (with --node; --days: its last N days; docs/policy.md \"Learning on site\")", "FILE"),
        CliOption.Text("--node", "the node whose stored readings --db learns from; ID,ID,... for the nodes of one room kind (one table for all of them)", "ID"),
        CliOption.Flag("--strict-gate", "with --db: the push gate compares the normal and cold starts apart, so a table that runs the supercap lower than the node's current one is held back more often (safer, less service; docs/deployment.md \"The strict gate\")"),
        CliOption.Quiet()).With(Run);

    private static readonly string[] NoHistoryIgnores = ["days", "train-days", "profile", "seed", "episodes", "stress-light", "ranking", "fleet", "node", "strict-gate"];

    /// <summary><c>sensornode train ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        if (options.Get("db") != null)
        {
            // The site retrain from the store ranks safety first (its push gate does too) and sets its stress copy from the
            // history's uncertainty (docs/deployment.md): these options would change nothing.
            string[] unused = new[] { "ranking", "stress-light", "train-days" }.Where(options.Has).Select(o => "--" + o).ToArray();
            if (unused.Length > 0) throw new UsageException($"--db retrains with the site retrain's own settings (docs/deployment.md): {string.Join(", ", unused)} would have no effect (--days: its last N days)");
            return Deployment.StoreTrainCommand.Run(options);
        }
        if (options.Flag("strict-gate")) throw new UsageException("--strict-gate is the push gate of a retrain from the store: it needs --db");
        IReadOnlyList<string> traces = options.All("trace");
        string outPath = options.Get("out") ?? throw new UsageException("--out FILE is required");
        OutputPaths.PrepareFile("out", outPath);
        if (options.Flag("no-history"))
        {
            if (traces.Count > 0) throw new UsageException("--no-history takes no --trace");
            // The prior is a fixed table per layout: an option beside it would be ignored without a word. --config
            // chooses the layout: with [rtc] the node accepts only layout 3 (it would refuse the layout-2 prior and run
            // its built-in table instead).
            string[] ignored = NoHistoryIgnores.Where(options.Has).Select(o => "--" + o).ToArray();
            if (ignored.Length > 0) throw new UsageException($"--no-history writes the fixed prior table: {string.Join(", ", ignored)} would have no effect on it");
            bool rtc = SimulateCommand.LoadConfig(options.Get("config")).RtcFitted;
            Core.Policy.PolicyTable prior = PriorTable.ForLayout(rtc ? Core.Policy.StateEncoder.RtcLayoutId : Core.Policy.StateEncoder.LayoutId);
            string? priorDir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (priorDir != null) Directory.CreateDirectory(priorDir);
            File.WriteAllBytes(outPath, prior.Serialize());
            output.WriteLine($"wrote {outPath}: the prior table (version {prior.Version}{(rtc ? $", layout {prior.LayoutId} for the event RTC" : "")}), no history");
            return CommandLine.Ok;
        }
        bool fleet = options.Flag("fleet");
        if (fleet && traces.Count > 0) throw new UsageException("--fleet takes no --trace (it trains on FleetDefault's synthetic buildings)");
        if (traces.Count == 0 && !fleet) throw new UsageException("--trace FILE is required (at least one), or --fleet");
        string ranking = options.Get("ranking") ?? "priced";
        if (ranking != "priced" && ranking != "safety-first") throw new UsageException($"--ranking: '{ranking}' is not safety-first or priced");
        (int? dayCount, DayRange? days) = EnvironmentChoice.Days(options, "train-days");
        if (!options.Flag("quiet")) EnvironmentChoice.NoteDaysOnTraces(options, "train-days", error);
        int seed = options.Int("seed");
        int episodes = options.Int("episodes");
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }

        Core.Config.NodeConfig config = SimulateCommand.LoadConfig(options.Get("config")); // checked before the traces are read
        HardwareConsistency.Check(config, options.Get("config"), profile);
        var environments = new List<EnvironmentTrace>();
        foreach (string trace in traces) environments.Add(EnvironmentChoice.ReadTrace(trace, dayCount, days, "train-days", options.Error));
        if (fleet) environments.AddRange(FleetDefault.Environments(seed));

        bool quiet = options.Flag("quiet");
        string stressText = options.Get("stress-light") ?? "0.8";
        double[] stressLight = stressText == "none" ? Array.Empty<double>() : ParseNumbers(stressText, "stress-light", 10);
        var trainingOptions = new TrainingOptions
        {
            Environments = environments, Profile = profile, Seed = seed, Episodes = episodes, StressLightScales = stressLight,
            Config = config, Service = Simulation.Simulator.ServiceTargets.FromConfig(config),
            TableVersion = fleet ? FleetDefault.TableVersion : new TrainingOptions { Environments = environments, Profile = profile }.TableVersion,
            PricedRanking = ranking == "priced",
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
        string summary = Summary(result, trainingOptions, traces, DaysText(dayCount, days), bytes);
        File.WriteAllText(summaryPath, summary);
        output.Write(summary);
        output.WriteLine($"wrote {outPath}, {curvePath}, {visitsPath}, {summaryPath}");
        return CommandLine.Ok;
    }

    /// <summary>Where the trainer writes the visit counts of <paramref name="policyPath"/> (policy.bin -> policy.visits.csv).</summary>
    public static string VisitsPath(string policyPath) => SiblingPath(policyPath, ".visits.csv");

    private static string SiblingPath(string policyPath, string suffix) =>
        Path.Combine(Path.GetDirectoryName(policyPath) ?? "", Path.GetFileNameWithoutExtension(policyPath) + suffix);

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

    private static string DaysText(int? count, DayRange? range) => range is DayRange r ? r.ToString() : count is int n ? $"the first {n}" : "all";

    private static string ProgressLine(TrainingRound r, int episodes)
    {
        var s = r.Score;
        return $"  {r.EpisodesSoFar,5}/{episodes} episodes  captured {s.EventsCaptured}/{s.EventsTotal} (cold start {s.EventsCapturedColdStart})  brown-outs {s.Brownouts}+{s.BrownoutsColdStart}+{s.BrownoutsStress}  reward {s.Reward.ToString("F1", CultureInfo.InvariantCulture)}{(r.Kept ? "  kept" : s.Safe ? "" : "  rejected")}";
    }

    private static string Summary(TrainingResult r, TrainingOptions o, IReadOnlyList<string> traces, string days, byte[] bytes)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringWriter(inv);
        w.WriteLine("sensornode train summary");
        w.WriteLine($"  traces:        {(traces.Count > 0 ? string.Join(", ", traces.Select(Path.GetFileName)) : string.Join(", ", o.Environments.Select(e => e.Name)))}");
        w.WriteLine($"  days:          {days}");
        w.WriteLine($"  profile:       {o.Profile.Name}");
        w.WriteLine($"  seed:          {o.Seed}");
        w.WriteLine($"  ranking:       {(o.PricedRanking ? "priced (utility over every run, brown-outs priced)" : "safety-first (brown-outs above the floor first)")}, {o.SearchSweeps} search sweeps");
        w.WriteLine($"  episodes:      {o.Episodes} ({r.Rounds.Count - 1} rounds), {r.Transitions} transitions");
        w.WriteLine($"  training time: {r.WallSeconds.ToString("F1", inv)} s");
        w.WriteLine($"  simulator runs: {r.SimulatorRuns.ToString(inv)} ({r.SearchTrialsSkipped.ToString(inv)} search trials skipped: the table never decided in their state; "
            + $"{r.SearchRunsReused.ToString(inv)} runs taken over, {r.SearchTrialsPruned.ToString(inv)} trials stopped once they could not win)");
        w.WriteLine($"  kept:          round {r.KeptRound}{(r.KeptRound == 0 ? " (the heuristic: no learned table beat it without a brown-out)" : "")}");
        w.WriteLine($"  table:         version {r.Table.Version}, {bytes.Length} bytes, CRC-32 0x{SensorNode.Core.Policy.PolicyTable.SerializedCrc(bytes):X8}");
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
