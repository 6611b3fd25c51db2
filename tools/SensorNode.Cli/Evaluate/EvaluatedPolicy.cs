using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>What a host-side policy may read of the node it runs on: its clock and whether the PIR woke it.</summary>
public sealed record PolicyContext(Func<long> NowUnixSeconds, Func<bool> WokeOnMotion);

/// <summary>
/// One contestant of <c>sensornode evaluate</c>: a table installed in flash (<see cref="Spec"/>) or a host-side
/// policy built per run (<see cref="Make"/>); <see cref="Config"/> replaces the node's configuration when the
/// contestant needs another wake-interval set (fixed-4h).
/// </summary>
public sealed record EvaluatedPolicy(string Name, PolicySpec Spec, Func<PolicyContext, IWakePolicy>? Make, NodeConfig? Config = null)
{
    /// <summary>Name of the baseline whose brown-outs are the floor (docs/policy.md).</summary>
    public const string LeastSpendingName = "least-spending";

    /// <summary>The fixed intervals evaluate lists, PIR armed: fixed-15s ... fixed-4h.</summary>
    public static readonly string[] FixedIntervals = { "15s", "1m", "5m", "15m", "30m", "1h", "2h", "4h" };

    /// <summary>
    /// Every baseline, in table order: built-in, heuristic, fixed 15 s ... 4 h, least-spending, fixed-arrival, Pible
    /// thresholds, ENO-EWMA, ENO-WCMA. The tuned baselines are added by <see cref="BaselineTuning"/> (they need training days).
    /// </summary>
    public static List<EvaluatedPolicy> Baselines(NodeConfig config, HardwareProfile profile, ServiceTargets service)
    {
        var list = new List<EvaluatedPolicy>
        {
            new("built-in", PolicySpec.BuiltIn(), null),
            // The hand-written rule the trainer starts from (the built-in table before training).
            new("heuristic", PolicySpec.BuiltIn(), _ => PolicyTable.Heuristic()),
        };
        foreach (string interval in FixedIntervals)
        {
            int seconds = PolicySpec.ParseDuration(interval);
            NodeConfig nodeConfig = WithInterval(config, seconds);
            int index = Array.IndexOf(nodeConfig.WakeIntervalsSeconds, seconds);
            list.Add(new("fixed-" + interval, PolicySpec.BuiltIn(), _ => new FixedIntervalPolicy(index), ReferenceEquals(nodeConfig, config) ? null : nodeConfig));
        }
        list.Add(LeastSpending(config));
        int arrivalIndex = Array.IndexOf(config.WakeIntervalsSeconds, FixedArrivalPolicy.DefaultIntervalSeconds);
        if (arrivalIndex >= 0)
            list.Add(new("fixed-arrival", PolicySpec.BuiltIn(), c => new FixedArrivalPolicy(arrivalIndex, service.ArrivalGapSeconds, c.NowUnixSeconds, c.WokeOnMotion)));
        list.Add(new("pible-thresholds", PolicySpec.BuiltIn(), _ => new PibleThresholdPolicy()));
        int[] intervals = config.WakeIntervalsSeconds;
        list.Add(new("eno-ewma", PolicySpec.BuiltIn(), c => new EnergyNeutralPolicy(new EwmaHarvestPredictor(), profile, intervals, c.NowUnixSeconds)));
        list.Add(new("eno-wcma", PolicySpec.BuiltIn(), c => new EnergyNeutralPolicy(new WcmaHarvestPredictor(), profile, intervals, c.NowUnixSeconds)));
        return list;
    }

    /// <summary>The floor: longest interval, PIR off, radio only when the log is full.</summary>
    public static EvaluatedPolicy LeastSpending(NodeConfig config)
    {
        int capacity = config.LogCapacityReadings;
        return new(LeastSpendingName, PolicySpec.BuiltIn(), _ => new LeastSpendingPolicy(capacity));
    }

    /// <summary>
    /// <paramref name="config"/> itself when <paramref name="seconds"/> is one of its wake intervals; otherwise a copy
    /// whose interval set drops the shortest and appends <paramref name="seconds"/> (it must exceed the longest): the
    /// node's table has 8 intervals, so a 4 h timer needs a set that has one.
    /// </summary>
    public static NodeConfig WithInterval(NodeConfig config, int seconds)
    {
        if (Array.IndexOf(config.WakeIntervalsSeconds, seconds) >= 0) return config;
        int[] old = config.WakeIntervalsSeconds;
        if (seconds <= old[^1]) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"not one of the wake intervals and not above the longest ({old[^1]} s)");
        NodeConfig copy = FleetSimulator.WithNodeId(config, config.NodeId);
        copy.WakeIntervalsSeconds = old.Skip(1).Append(seconds).ToArray();
        return copy;
    }
}
