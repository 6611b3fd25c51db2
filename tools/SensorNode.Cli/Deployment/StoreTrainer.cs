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

    /// <summary>Every candidate the gate scored (learned, current, prior, built-in), with its brown-outs on the darker copies and whether it was as safe as the reference.</summary>
    public IReadOnlyList<PushGate.Verdict> Verdicts { get; init; } = [];

    /// <summary>Every node's reconstructed history (one for a single node; <see cref="History"/> is the first).</summary>
    public IReadOnlyList<HistoryTrace> Histories { get; init; } = [];
}

/// <summary>
/// Learning on site (docs/policy.md): the stored readings of one node become a trace (<see cref="CensoredHistory"/>),
/// the trainer learns on it through its public entry point, and the exploration budget is applied to what it learned.
/// </summary>
public static class StoreTrainer
{
    /// <summary>Exploratory episodes of a site retrain: what every figure of docs/deployment.md was measured with (`train --trace` runs 16).</summary>
    public const int SiteEpisodes = 8;

    /// <summary>Passes of the trainer's simulator-verified search in a site retrain (TrainingOptions.SearchSweeps).</summary>
    public const int SiteSearchSweeps = 2;

    /// <summary>States the search of a site retrain tries (TrainingOptions.SearchStates).</summary>
    public const int SiteSearchStates = 40;

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
    /// <b>gates</b> the result (<see cref="PushGate"/>): the learned table, the table the node runs now
    /// (<paramref name="current"/>), the prior and the built-in table (the last three with the exploration budget,
    /// re-versioned) are kept only if no less safe than <paramref name="current"/> (or the prior when unknown) on
    /// darker copies of the reconstructed history; of those the fewest brown-outs, then the highest utility, is returned
    /// as version <paramref name="version"/>. <see cref="StoreTraining.Kept"/> says which; "current" means there is
    /// nothing better to push. <paramref name="strictGate"/>: the gate's strict margin (<see cref="PushGate"/>).
    /// </summary>
    public static StoreTraining Train(IReadOnlyList<HistoryReading> readings, string name, long startUnixSeconds, long endUnixSeconds, NodeConfig config,
        HardwareProfile profile, int seed, int episodes, uint version, PolicyTable? current = null, int searchSweeps = SiteSearchSweeps, int searchStates = SiteSearchStates,
        bool strictGate = false) =>
        TrainRoom([(name, readings)], startUnixSeconds, endUnixSeconds, config, profile, seed, episodes, version, current, searchSweeps, searchStates, strictGate);

    /// <summary>
    /// <see cref="Train"/> on the stored readings of several nodes of one room kind at once: each node's history is
    /// rebuilt on its own (<see cref="CensoredHistory"/>) and becomes one training environment; one table is learned
    /// for all of them and gated on all of them (the darkest stress copy any history asks for).
    /// </summary>
    public static StoreTraining TrainRoom(IReadOnlyList<(string Name, IReadOnlyList<HistoryReading> Readings)> nodes, long startUnixSeconds, long endUnixSeconds,
        NodeConfig config, HardwareProfile profile, int seed, int episodes, uint version, PolicyTable? current = null, int searchSweeps = SiteSearchSweeps,
        int searchStates = SiteSearchStates, bool strictGate = false)
    {
        if (nodes.Count == 0) throw new ArgumentException("no node to learn from");
        HistoryTrace[] histories = nodes.Select((n, i) => CensoredHistory.Build(n.Name, n.Readings, startUnixSeconds, endUnixSeconds, seed + i,
            config.UtcOffsetMinutes * 60)).ToArray();
        var options = new TrainingOptions
        {
            Environments = histories.Select(h => h.Trace).ToArray(), Profile = profile, Config = config, Service = ServiceTargets.FromConfig(config), Seed = seed,
            Episodes = episodes, TableVersion = version, StressLightScales = [histories.Min(h => h.StressLightScale)],
            SearchSweeps = searchSweeps, SearchStates = searchStates,
            // Not started from the table the node runs: on 10 training offices that held the search near it and lost a
            // tenth of week 3 (docs/deployment.md, "The retrain no longer starts from the table the node runs"). The gate
            // still offers it as a candidate.
        };
        TrainingResult result = PolicyTrainer.Train(options);
        // The prior and the built-in table of the node's layout (the learned table has it): a node with the event RTC
        // refuses a layout-2 table, so that candidate was scored as the built-in fallback it runs instead.
        int layout = result.Table.LayoutId;
        var candidates = new List<(string Name, PolicyTable Table)> { ("learned", ExplorationBudget.Apply(Versioned(result.Table, version))) };
        if (current != null) candidates.Add(("current", current));
        candidates.Add(("prior", ExplorationBudget.Apply(Versioned(PriorTable.ForLayout(layout), version))));
        candidates.Add(("built-in", ExplorationBudget.Apply(Versioned(PolicyTable.BuiltInFor(layout), version))));
        // Never less safe than what runs: the node's current table, or when the store does not say, the frugal prior.
        (PushGate.Verdict chosen, IReadOnlyList<PushGate.Verdict> all) = PushGate.Choose(candidates, current ?? PriorTable.ForLayout(layout), options, strictGate);
        return new StoreTraining(chosen.Table, result, histories[0]) { Kept = chosen.Name, KeptScore = chosen.Score, Verdicts = all, Histories = histories };
    }

    private static PolicyTable Versioned(PolicyTable table, uint version) => PolicyTable.FromActionCodesFor(version, PushGate.Codes(table), table.LayoutId);

    /// <summary>
    /// The whole local days of <paramref name="readings"/> before the day of the last one, or the last <paramref name="days"/>
    /// of them: [start, end). The last reading's day is left out: it is in progress when a job retrains (a retrain after
    /// midnight learns from the days before, as the simulated deployment's retrain at the start of its day does), and its
    /// hours not yet reported would be imputed as a dark, unwatched tail. Days start at the site's midnight: UTC plus
    /// <paramref name="utcOffsetSeconds"/> (the node's <c>[wake] utc_offset_minutes</c>). Throws when no whole day precedes it.
    /// </summary>
    public static (long Start, long End) Window(IReadOnlyList<HistoryReading> readings, int? days, int utcOffsetSeconds = 0)
    {
        if (readings.Count == 0) throw new ArgumentException("no stored readings with a time");
        long first = readings[0].UnixSeconds, last = readings[^1].UnixSeconds;
        long start = LocalMidnight(first, utcOffsetSeconds);
        long end = LocalMidnight(last, utcOffsetSeconds);
        if (end <= start) throw new ArgumentException("the stored readings cover no whole day before the day in progress (the last reading's): retrain once the node has reported into the next day");
        if (days is int d) start = Math.Max(start, end - d * 86_400L);
        return (start, end);
    }

    // The start of the site's day holding unixSeconds, Unix s.
    private static long LocalMidnight(long unixSeconds, int utcOffsetSeconds)
    {
        long local = unixSeconds + utcOffsetSeconds;
        return local - (local % 86_400 + 86_400) % 86_400 - utcOffsetSeconds;
    }
}
