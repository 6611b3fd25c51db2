using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// The policy that spends least: the longest timer interval, PIR never armed, the radio only when the log is full.
/// No policy can do with fewer wakes or connects, so its brown-outs on a trace are the floor the others are measured
/// against (<c>brownouts_floor</c>, docs/policy.md "Service metrics and utility").
/// </summary>
public sealed class LeastSpendingPolicy : IWakePolicy
{
    private readonly int _logCapacity;

    /// <param name="logCapacityReadings">The node's log capacity ([log] capacity_readings): transmit at this backlog.</param>
    public LeastSpendingPolicy(int logCapacityReadings)
    {
        if (logCapacityReadings < 1) throw new ArgumentOutOfRangeException(nameof(logCapacityReadings), logCapacityReadings, "must be at least 1");
        _logCapacity = logCapacityReadings;
    }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation) => new()
    {
        WakeIntervalIndex = PolicyTable.WakeIntervalCount - 1,
        MotionWakeArmed = false,
        Transmit = observation.BacklogReadings >= _logCapacity,
    };
}
