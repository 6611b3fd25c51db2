using System.CommandLine;
using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode sweep</c>: the sensitivity of the design to one hardware-profile figure (issue 18). For each value of
/// <c>--figure</c>, the profile with that figure changed runs every chosen policy on the same environments through
/// <c>evaluate</c>'s machinery (<see cref="EvaluateCommand.RunAll"/>: same simulator, scoring, utility floor), and the
/// table lists per value and policy events, brown-outs, Wi-Fi connects, dead time, utility and arrival latency.
/// </summary>
public static class SweepCommand
{
    /// <summary>The policies swept by default: the built-in table and the strongest plain baselines.</summary>
    public const string DefaultPolicies = "built-in,fixed-2h,least-spending";

    public static Command Build() => new Command("sweep", "the sensitivity to one hardware-profile figure: the built-in table and the strongest baselines per value").WithDetails("""
        For each of --values, the profile (the embedded reference design or --profile) with --figure changed runs every
        policy of --policies on the same environments through evaluate's machinery (the same simulator, scoring and
        utility floor). The table lists per value and policy: events captured of the total, brown-outs (and least-spending's,
        the floor), Wi-Fi connects, dead time, utility and arrival latency p50 / p95; sweep.json has every metric, sweep.csv
        the table's figures unrounded. docs/energy-model.md shows the boot-time and sleep-current sweeps on ff66.
        """).Options(
        CliOption.OneOf("--figure", "the hardware-profile figure to vary, e.g. boot_milliseconds, deep_sleep_microamps, radio_milliamps (all: docs/energy-model.md, \"Every figure of the default profile\")",
            [.. HardwareProfile.FigureRanges.Select(f => f.Key)], "FIGURE").IsRequired(),
        CliOption.Text("--values", "comma-separated values of the figure in its unit, e.g. 300,700,1000,1500,3000", "LIST").IsRequired(),
        CliOption.Traces(),
        CliOption.Environment(),
        CliOption.Days("a trace's first N days (default: all); a synthetic building's length (default 14)"),
        CliOption.TestDays(),
        CliOption.TrainDays("training days of the same traces: adds tuned-fixed, tuned on them at each value (never on the test days)"),
        CliOption.Text("--policies", $"comma-separated evaluate baselines (built-in, heuristic, fixed-15s ... fixed-4h, least-spending, fixed-arrival, pible-thresholds, eno-ewma, eno-wcma; default {DefaultPolicies})", "LIST"),
        CliOption.Profile(),
        CliOption.Config("nf.config: the node's settings and the [service] targets of the utility (default: the defaults)"),
        CliOption.Seed("seed of the synthetic building and the ADC noise (default 1, as `sensornode evaluate`)"),
        CliOption.Out("sweep.json, sweep.csv and sweep.md (default sweep-out)"),
        CliOption.Quiet()).With(Run);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string figure = options.Get("figure")!;
        (string Key, double Min, double Max) range = HardwareProfile.FigureRanges.Single(f => f.Key == figure);
        double[] values = ParseValues(options.Get("values")!, range);
        NodeConfig config = SimulateCommand.LoadConfig(options.Get("config"));
        var service = ServiceTargets.FromConfig(config);
        string? profilePath = options.Get("profile");
        string baseJson, baseName = profilePath ?? HardwareProfile.DefaultName;
        try { baseJson = profilePath == null ? HardwareProfile.DefaultJson() : File.ReadAllText(profilePath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"--profile {profilePath}: {e.Message}"); }
        HardwareProfile baseProfile;
        var profiles = new List<HardwareProfile>();
        try
        {
            baseProfile = HardwareProfile.Parse(baseJson, baseName);
            foreach (double value in values) profiles.Add(ProfileVariant.With(baseJson, baseName, figure, value));
        }
        catch (ProfileException e) { throw new UsageException(e.Message.ReplaceLineEndings(" ")); }
        foreach (HardwareProfile p in profiles) HardwareConsistency.Check(config, options.Get("config"), p);
        int seed = options.Int("seed");
        List<string> policies = PolicyNames(options.Get("policies") ?? DefaultPolicies, config, profiles[0], service);
        string outDir = options.Get("out") ?? "sweep-out";
        OutputPaths.PrepareDirectory("out", outDir);
        List<EnvironmentTrace> environments = EnvironmentChoice.Load(options, "test-days", seed * 31);
        List<EnvironmentTrace>? training = EnvironmentChoice.Training(options, seed * 31);
        string environment = string.Join(" + ", environments.Select(e => e.Name));
        bool quiet = options.Flag("quiet");
        if (!quiet) error.WriteLine($"sweeping {figure} over {string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))} on '{environment}': {string.Join(", ", policies)}{(training != null ? ", tuned-fixed" : "")}");

        var rows = new List<SweepRow>();
        for (int i = 0; i < values.Length; i++)
        {
            // Built per value: the ENO baselines predict with the profile they are given.
            List<EvaluatedPolicy> baselines = EvaluatedPolicy.Baselines(config, profiles[i], service);
            List<EvaluatedPolicy> round = policies.Select(n => baselines.Single(b => b.Name == n)).ToList();
            if (training != null) round.Add(EvaluateCommand.TuneFixed(training, config, profiles[i], service, seed).Policy);
            List<SimulationMetrics> metrics = EvaluateCommand.RunAll(round, environments, config, profiles[i], service, seed);
            // Table order: the policies as asked, not by utility, so the rows of every value line up.
            foreach (EvaluatedPolicy c in round) rows.Add(new SweepRow(values[i], metrics.Single(m => m.Policy == c.Name)));
            if (!quiet) error.WriteLine($"  {figure} = {values[i].ToString(CultureInfo.InvariantCulture)}: done");
        }
        var sweep = new SweepResult(figure, environment, baseProfile.Name, seed, rows);
        File.WriteAllText(Path.Combine(outDir, "sweep.json"), SweepReport.Json(sweep));
        File.WriteAllText(Path.Combine(outDir, "sweep.csv"), SweepReport.Csv(sweep));
        string table = SweepReport.Markdown(sweep);
        File.WriteAllText(Path.Combine(outDir, "sweep.md"), table);
        if (!quiet) output.Write(table);
        return CommandLine.Ok;
    }

    /// <summary>--values: numbers inside the figure's range, in the order given.</summary>
    private static double[] ParseValues(string text, (string Key, double Min, double Max) range)
    {
        var values = new List<double>();
        foreach (string part in text.Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v < range.Min || v > range.Max)
                throw new UsageException($"--values: expected numbers {range.Min.ToString(CultureInfo.InvariantCulture)}..{range.Max.ToString(CultureInfo.InvariantCulture)} for {range.Key}, separated by commas, got '{text}'");
            values.Add(v);
        }
        if (values.Distinct().Count() != values.Count) throw new UsageException($"--values: a value is given twice in '{text}'");
        return values.ToArray();
    }

    /// <summary>--policies: names of evaluate's baselines, in the order given.</summary>
    private static List<string> PolicyNames(string text, NodeConfig config, HardwareProfile profile, ServiceTargets service)
    {
        List<string> known = EvaluatedPolicy.Baselines(config, profile, service).Select(b => b.Name).ToList();
        var chosen = new List<string>();
        foreach (string name in text.Split(',').Select(n => n.Trim()))
        {
            if (!known.Contains(name)) throw new UsageException($"--policies: unknown policy '{name}' (one of {string.Join(", ", known)}; tuned-fixed comes with --train-days)");
            if (chosen.Contains(name)) throw new UsageException($"--policies: '{name}' is given twice");
            chosen.Add(name);
        }
        return chosen;
    }
}
