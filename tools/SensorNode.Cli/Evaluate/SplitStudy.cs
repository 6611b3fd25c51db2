using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli;

/// <summary>One train/test split: what the learned table and the tuned baselines may see, and what they are judged on.</summary>
public sealed record Split(string Name, string Kind, IReadOnlyList<EnvironmentTrace> Train, IReadOnlyList<EnvironmentTrace> Test);

/// <summary>What one split produced: every contestant on the test environments (sorted by utility), the oracle, the tuning.</summary>
public sealed record SplitResult(Split Split, List<SimulationMetrics> Policies, OracleResult Oracle, List<TunedBaseline> Tuned, double TrainSeconds);

/// <summary>
/// <c>sensornode evaluate --splits</c>: the comparison over several splits, never one (docs/evaluation.md): rolling weeks
/// on the first trace (train weeks 1..k, test week k+1) and its days 0..20 / 21..34; train on the first trace, test on
/// each further one; train on a synthetic office, test on a corridor, a window-side room and an office of an unseen
/// seed. The fleet-default table (<see cref="FleetDefault"/>: one synthetic office, corridor and window-side room of
/// other seeds) is trained once and runs in every split. Per split the learned table is trained (<see cref="PolicyTrainer"/>) and the tuned baselines are tuned on the
/// training environments only; everything is judged on the test environments. The built-in table is left out: it was
/// trained on ff66 days 0..20, which some test weeks are. Writes splits.json, splits.md and tradeoff-N.png per split.
/// </summary>
public sealed class SplitStudy
{
    /// <summary>Name of the per-split learned table in the results: <c>train</c>'s defaults (the priced ranking).</summary>
    public const string LearnedName = "learned";
    /// <summary>Name of the site table trained with the safety-first ranking (<c>train --ranking safety-first</c>) on the same days as the learned table.</summary>
    public const string SafetyFirstName = "learned-safety-first";

    /// <summary>The tables the study trains (the rest are baselines).</summary>
    public static readonly string[] TrainedNames = { LearnedName, SafetyFirstName, FleetName };

    /// <summary>Name of the fleet-default table (trained once on <see cref="FleetDefault"/>'s buildings, none of them a test environment).</summary>
    public const string FleetName = "fleet-default";
    /// <summary>Days of each synthetic environment.</summary>
    public const int SyntheticDays = 14;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly NodeConfig _config;
    private readonly HardwareProfile _profile;
    private readonly ServiceTargets _service;
    private readonly int _seed, _episodes;
    private readonly OracleOptions _oracle;
    private readonly TextWriter? _log;
    private PolicyTable? _fleet;

    public SplitStudy(NodeConfig config, HardwareProfile profile, ServiceTargets service, int seed, OracleOptions oracle, int episodes, TextWriter? log)
    {
        (_config, _profile, _service, _seed, _oracle, _episodes, _log) = (config, profile, service, seed, oracle, episodes, log);
    }

    /// <summary>The splits of docs/evaluation.md for these traces (the first is split by weeks; the rest are test traces).</summary>
    public static List<Split> Splits(IReadOnlyList<EnvironmentTrace> traces, int seed)
    {
        var splits = new List<Split>();
        EnvironmentTrace primary = traces[0];
        int days = (int)primary.DayCount;
        for (int k = 1; 7 * k < days; k++)
        {
            int last = Math.Min(7 * k + 6, days - 1);
            splits.Add(new Split($"{primary.Name}: weeks 1..{k} -> week {k + 1}", "rolling",
                new[] { primary.Slice(0, 7 * k - 1) }, new[] { primary.Slice(7 * k, last) }));
        }
        if (days >= 35) splits.Add(new Split($"{primary.Name}: days 0..20 -> 21..34", "issue split", new[] { primary.Slice(0, 20) }, new[] { primary.Slice(21, 34) }));
        foreach (EnvironmentTrace other in traces.Skip(1))
            splits.Add(new Split($"{primary.Name} -> {other.Name}", "cross-trace", new[] { primary }, new[] { other }));
        long start = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        EnvironmentTrace office = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, start, SyntheticDays, seed * 31);
        foreach ((SyntheticProfileKind kind, int s) in new[] { (SyntheticProfileKind.Corridor, seed + 1), (SyntheticProfileKind.WindowSide, seed + 2), (SyntheticProfileKind.Office, seed + 3) })
        {
            EnvironmentTrace test = SyntheticEnvironment.Generate(kind, start, SyntheticDays, s * 31);
            splits.Add(new Split($"synthetic office seed {seed} -> {SyntheticEnvironment.Name(kind)} seed {s}", "synthetic", new[] { office }, new[] { test }));
        }
        return splits;
    }

    public int Run(IReadOnlyList<string> tracePaths, string outDir, TextWriter output)
    {
        var traces = new List<EnvironmentTrace>();
        foreach (string path in tracePaths)
        {
            try { traces.Add(TraceReader.Read(path)); }
            catch (TraceFormatException e) { throw new UsageException(e.Message); }
        }
        var results = new List<SplitResult>();
        Directory.CreateDirectory(outDir);
        foreach (Split split in Splits(traces, _seed))
        {
            _log?.WriteLine($"split {split.Name}");
            SplitResult result = RunSplit(split);
            results.Add(result);
            ComparisonReport.TradeoffChart(Path.Combine(outDir, $"tradeoff-{results.Count}.png"), split.Name, result.Policies);
        }
        File.WriteAllText(Path.Combine(outDir, "splits.json"), Json(results));
        string md = Markdown(results);
        File.WriteAllText(Path.Combine(outDir, "splits.md"), md);
        output.WriteLine(md);
        return CommandLine.Ok;
    }

    /// <summary>Trains the learned table and tunes the baselines on the split's training environments, then runs everything on its test ones.</summary>
    public SplitResult RunSplit(Split split)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        TrainingResult trained = PolicyTrainer.Train(new TrainingOptions { Environments = split.Train, Profile = _profile, Config = _config, Service = _service, Seed = _seed, Episodes = _episodes, PricedRanking = true });
        double trainSeconds = wall.Elapsed.TotalSeconds;
        TrainingResult safetyFirst = PolicyTrainer.Train(new TrainingOptions { Environments = split.Train, Profile = _profile, Config = _config, Service = _service, Seed = _seed, Episodes = _episodes });
        List<TunedBaseline> tuned = EvaluateCommand.TuneBaselines(split.Train, _config, _profile, _service, _seed);
        _fleet ??= PolicyTrainer.Train(new TrainingOptions
        {
            Environments = FleetDefault.Environments(_seed), Profile = _profile, Config = _config, Service = _service, Seed = _seed,
            Episodes = _episodes, TableVersion = FleetDefault.TableVersion, PricedRanking = true,
        }).Table;
        var contestants = new List<EvaluatedPolicy>
        {
            new(LearnedName, PolicySpec.FromTable(LearnedName, trained.Table), null),
            new(SafetyFirstName, PolicySpec.FromTable(SafetyFirstName, safetyFirst.Table), null),
            new(FleetName, PolicySpec.FromTable(FleetName, _fleet), null),
        };
        contestants.AddRange(EvaluatedPolicy.Baselines(_config, _profile, _service).Where(p => p.Name != "built-in"));
        contestants.AddRange(tuned.Select(t => t.Policy));
        List<SimulationMetrics> metrics = EvaluateCommand.RunAll(contestants, split.Test, _config, _profile, _service, _seed);
        OracleResult oracle = split.Test.Count == 1 ? ScheduleOracle.Solve(split.Test[0], _profile, _config.WakeIntervalsSeconds, _oracle)
            : throw new NotSupportedException("one test environment per split");
        return new SplitResult(split, metrics, oracle, tuned, trainSeconds);
    }

    /// <summary>splits.json: per split its environments, tuning, oracle and every contestant's metrics; then the per-policy summary.</summary>
    public static string Json(IReadOnlyList<SplitResult> results)
    {
        var splits = new JsonArray();
        foreach (SplitResult r in results)
        {
            var policies = new JsonArray();
            foreach (SimulationMetrics m in r.Policies) policies.Add(new JsonObject { ["name"] = m.Policy, ["metrics"] = JsonNode.Parse(MetricsJson.Serialize(m)) });
            splits.Add(new JsonObject
            {
                ["name"] = r.Split.Name, ["kind"] = r.Split.Kind,
                ["train"] = new JsonArray(r.Split.Train.Select(e => (JsonNode)JsonValue.Create(e.Name)!).ToArray()),
                ["test"] = new JsonArray(r.Split.Test.Select(e => (JsonNode)JsonValue.Create(e.Name)!).ToArray()),
                ["learned_training_seconds"] = Math.Round(r.TrainSeconds, 1),
                ["tuned"] = new JsonArray(r.Tuned.Select(t => (JsonNode)new JsonObject { ["name"] = t.Policy.Name, ["parameters"] = t.Parameters, ["training_utility"] = t.TrainingUtility }).ToArray()),
                ["oracle_events_captured"] = r.Oracle.EventsCaptured,
                ["policies"] = policies,
            });
        }
        var summary = new JsonArray();
        foreach (PolicySummary s in Summarise(results))
        {
            summary.Add(new JsonObject
            {
                ["name"] = s.Name, ["mean_utility"] = s.MeanUtility, ["worst_utility"] = s.WorstUtility, ["worst_split"] = s.WorstSplit,
                ["mean_margin_learned_minus_this"] = s.MeanMargin, ["worst_margin_learned_minus_this"] = s.WorstMargin,
                ["splits_above_learned"] = s.SplitsAboveLearned, ["splits_with_brownouts_above_floor"] = s.SplitsAboveFloor,
            });
        }
        var root = new JsonObject { ["splits"] = splits, ["summary"] = summary };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Per policy over the splits: mean and worst utility, and the learned table's margin over it (mean, worst).</summary>
    public sealed record PolicySummary(string Name, double MeanUtility, double WorstUtility, string WorstSplit, double MeanMargin, double WorstMargin, int SplitsAboveLearned, int SplitsAboveFloor);

    public static List<PolicySummary> Summarise(IReadOnlyList<SplitResult> results)
    {
        var names = results.SelectMany(r => r.Policies.Select(m => m.Policy)).Distinct().ToList();
        var list = new List<PolicySummary>();
        foreach (string name in names)
        {
            var rows = results.Select(r => (r, m: r.Policies.FirstOrDefault(m => m.Policy == name), learned: r.Policies.FirstOrDefault(m => m.Policy == LearnedName)))
                .Where(x => x.m != null).ToList();
            var worst = rows.OrderBy(x => x.m!.Utility).First();
            var margins = rows.Where(x => x.learned != null).Select(x => x.learned!.Utility - x.m!.Utility).ToList();
            list.Add(new PolicySummary(name, rows.Average(x => x.m!.Utility), worst.m!.Utility, worst.r.Split.Name,
                margins.Count > 0 ? margins.Average() : 0, margins.Count > 0 ? margins.Min() : 0, margins.Count(d => d < 0),
                rows.Count(x => x.m!.Brownouts > x.m.BrownoutsFloor)));
        }
        return list.OrderByDescending(s => s.MeanUtility).ToList();
    }

    public static string Markdown(IReadOnlyList<SplitResult> results)
    {
        var sb = new StringBuilder("# Policy comparison over splits\n\n");
        sb.Append("Utility (docs/policy.md) per policy over ").Append(results.Count).Append(" splits; margin = learned minus this policy (negative: this policy beat the learned table).\n\n");
        sb.Append("| policy | mean utility | worst utility | worst split | mean margin | worst margin | splits above learned | splits with brown-outs above floor |\n");
        sb.Append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
        foreach (PolicySummary s in Summarise(results))
        {
            sb.Append(Inv, $"| {s.Name} | {s.MeanUtility:F3} | {s.WorstUtility:F3} | {s.WorstSplit} | {s.MeanMargin:+0.000;-0.000;0.000} | {s.WorstMargin:+0.000;-0.000;0.000} | {s.SplitsAboveLearned} | {s.SplitsAboveFloor} |\n");
        }
        // The trained tables (not baselines) against the best baseline of each split.
        foreach (string table in TrainedNames.Where(n => results.All(r => r.Policies.Any(m => m.Policy == n))))
        {
            sb.Append(table == LearnedName ? "\n## Learned table against the best baseline, per split\n\n" : $"\n## {table} against the best baseline, per split\n\n");
            sb.Append($"| split | {table} utility | best baseline | its utility | margin | {table} brown-outs (floor) | {table} events / oracle | {table} arrivals on time | {table} temperature coverage |\n");
            sb.Append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (SplitResult r in results)
            {
                SimulationMetrics learned = r.Policies.First(m => m.Policy == table);
                SimulationMetrics best = r.Policies.First(m => !TrainedNames.Contains(m.Policy));
                sb.Append(Inv, $"| {r.Split.Name} | {learned.Utility:F3} | {best.Policy} | {best.Utility:F3} | {learned.Utility - best.Utility:+0.000;-0.000;0.000} | {learned.Brownouts} ({learned.BrownoutsFloor}) | {learned.EventsCaptured} / {r.Oracle.EventsCaptured} | {learned.ArrivalsOnTime} / {learned.ArrivalsTotal} | {learned.TemperatureCoverage * 100:F1} % |\n");
            }
        }
        foreach (SplitResult r in results)
        {
            sb.Append("\n## ").Append(r.Split.Name).Append("\n\n");
            sb.Append("Train: ").Append(string.Join(" + ", r.Split.Train.Select(e => e.Name))).Append("; test: ").Append(string.Join(" + ", r.Split.Test.Select(e => e.Name)))
              .Append(Inv, $"; learned table trained in {r.TrainSeconds:F1} s.\n\n");
            sb.Append("| policy | utility | events captured / oracle | arrivals on time | arrival latency p50 / p95 | temperature coverage | brown-outs (floor) | dead time |\n");
            sb.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (SimulationMetrics m in r.Policies)
            {
                sb.Append(Inv, $"| {m.Policy} | {m.Utility:F3} | {m.EventsCaptured} / {r.Oracle.EventsCaptured} ({ComparisonReport.Percent(m.EventsCaptured, r.Oracle.EventsCaptured)}) | {m.ArrivalsOnTime} / {m.ArrivalsTotal} ({ComparisonReport.Percent(m.ArrivalsOnTime, m.ArrivalsTotal)}) | {ComparisonReport.Duration(m.ArrivalLatencyP50S)} / {ComparisonReport.Duration(m.ArrivalLatencyP95S)} | {m.TemperatureCoverage * 100:F1} % | {m.Brownouts} ({m.BrownoutsFloor}) | {m.DeadTimeFraction * 100:F1} % |\n");
            }
            foreach (TunedBaseline t in r.Tuned) sb.Append("\n- ").Append(BaselineTuning.Describe(t));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
