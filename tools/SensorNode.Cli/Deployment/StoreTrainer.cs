using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli.Deployment;

/// <summary>What a retrain from the store produced: the table to push, the trainer's result and the history it saw.</summary>
public sealed record StoreTraining(PolicyTable Table, TrainingResult Result, HistoryTrace History);

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
    /// Trains on <paramref name="readings"/> over the window [start, end) (local midnights are the day boundaries), and
    /// returns the table with the exploration budget applied, version <paramref name="version"/>.
    /// </summary>
    public static StoreTraining Train(IReadOnlyList<HistoryReading> readings, string name, long startUnixSeconds, long endUnixSeconds, NodeConfig config,
        HardwareProfile profile, int seed, int episodes, uint version)
    {
        HistoryTrace history = CensoredHistory.Build(name, readings, startUnixSeconds, endUnixSeconds, seed);
        var options = new TrainingOptions
        {
            Environments = [history.Trace], Profile = profile, Config = config, Service = ServiceTargets.FromConfig(config), Seed = seed,
            Episodes = episodes, TableVersion = version, StressLightScales = [history.StressLightScale],
        };
        TrainingResult result = PolicyTrainer.Train(options);
        return new StoreTraining(ExplorationBudget.Apply(result.Table), result, history);
    }

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
