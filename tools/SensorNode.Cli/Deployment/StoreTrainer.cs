using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli.Deployment;

/// <summary>What a retrain from the store produced: the table to push, the trainer's result and the history it saw.</summary>
public sealed record StoreTraining(PolicyTable Table, TrainingResult Result, HistoryTrace History)
{
    /// <summary>Which candidate the gate kept: "learned", "current" (nothing better to push), "prior" or "built-in".</summary>
    public string Kept { get; init; } = "learned";

    /// <summary>The kept table's score on the reconstructed history.</summary>
    public TableScore? KeptScore { get; init; }
}

/// <summary>
/// Learning on site (docs/policy.md): the stored readings of one node become a trace (<see cref="CensoredHistory"/>),
/// the trainer learns on it through its public entry point, and the exploration budget is applied to what it learned.
/// </summary>
public static class StoreTrainer
{
    /// <summary>The node's stored readings with a time in [from, to] (both optional), oldest first, as the learner reads them.</summary>
    public static List<HistoryReading> Load(ReadingStore store, string nodeId, long? fromUnixSeconds = null, long? toUnixSeconds = null) =>
        store.Query(nodeId, fromUnixSeconds, toUnixSeconds)
            .Where(r => r.UnixSeconds != null)
            .Select(r => new HistoryReading(r.UnixSeconds!.Value, r.IlluminanceLux, r.TemperatureC, r.HumidityPercent, r.MotionEvents, r.ArmedSeconds,
                r.Brownout, r.FirstMotionAgeSeconds, r.LastMotionAgeSeconds))
            .OrderBy(r => r.UnixSeconds)
            .ToList();

    /// <summary>
    /// Trains on <paramref name="readings"/> over the window [start, end) (local midnights are the day boundaries), then
    /// <b>gates</b> the result: the learned table, the table the node runs now (<paramref name="current"/>), the prior and
    /// the built-in table, each with the exploration budget applied, are scored by the trainer's own evaluation on the
    /// same reconstructed history (normal, cold and stressed starts); the one with the fewest brown-outs, then the
    /// highest utility, is returned as version <paramref name="version"/>. <see cref="StoreTraining.Kept"/> says which;
    /// "current" means there is nothing better to push.
    /// </summary>
    public static StoreTraining Train(IReadOnlyList<HistoryReading> readings, string name, long startUnixSeconds, long endUnixSeconds, NodeConfig config,
        HardwareProfile profile, int seed, int episodes, uint version, PolicyTable? current = null)
    {
        HistoryTrace history = CensoredHistory.Build(name, readings, startUnixSeconds, endUnixSeconds, seed);
        var options = new TrainingOptions
        {
            Environments = [history.Trace], Profile = profile, Config = config, Service = ServiceTargets.FromConfig(config), Seed = seed,
            Episodes = episodes, TableVersion = version, StressLightScales = [history.StressLightScale],
        };
        TrainingResult result = PolicyTrainer.Train(options);
        var candidates = new List<(string Name, PolicyTable Table)> { ("learned", result.Table) };
        if (current != null) candidates.Add(("current", current));
        candidates.Add(("prior", PriorTable.Build()));
        candidates.Add(("built-in", PolicyTable.BuiltIn()));
        (string Name, PolicyTable Table, TableScore Score)? best = null;
        foreach ((string candidate, PolicyTable table) in candidates)
        {
            PolicyTable explored = candidate == "current" ? table : ExplorationBudget.Apply(Versioned(table, version));
            TableScore score = PolicyTrainer.Evaluate(Codes(explored), options);
            if (best == null || Better(score, best.Value.Score)) best = (candidate, explored, score);
        }
        return new StoreTraining(best!.Value.Table, result, history) { Kept = best.Value.Name, KeptScore = best.Value.Score };
    }

    // Fewer brown-outs above the floor from the normal and cold starts, then in the stress runs, then higher utility
    // (ties keep the earlier candidate): the trainer's own order.
    private static bool Better(TableScore a, TableScore b)
    {
        if (a.ExcessBrownouts != b.ExcessBrownouts) return a.ExcessBrownouts < b.ExcessBrownouts;
        if (a.ExcessBrownoutsStress != b.ExcessBrownoutsStress) return a.ExcessBrownoutsStress < b.ExcessBrownoutsStress;
        return a.Utility > b.Utility + 1e-9;
    }

    private static byte[] Codes(PolicyTable table)
    {
        byte[] bytes = table.Serialize();
        return bytes[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)];
    }

    private static PolicyTable Versioned(PolicyTable table, uint version) => PolicyTable.FromActionCodesFor(version, Codes(table), table.LayoutId);

    /// <summary>The whole local days covered by <paramref name="readings"/>, or the last <paramref name="days"/> of them: [start, end).</summary>
    public static (long Start, long End) Window(IReadOnlyList<HistoryReading> readings, int? days)
    {
        if (readings.Count == 0) throw new ArgumentException("no stored readings with a time");
        long first = readings[0].UnixSeconds, last = readings[^1].UnixSeconds;
        long start = first - (first % 86_400 + 86_400) % 86_400;
        long end = last - (last % 86_400 + 86_400) % 86_400 + 86_400;
        if (days is int d) start = Math.Max(start, end - d * 86_400L);
        return (start, end);
    }
}
