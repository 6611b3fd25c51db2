using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// The naive baseline every duty-cycling paper starts from: wake on a fixed timer, PIR always armed, transmit once
/// <see cref="TransmitBacklogReadings"/> readings wait. Same decisions as the table <c>PolicySpec.Fixed</c> builds
/// (<c>--policy fixed:5m</c>), as a host-side policy.
/// </summary>
public sealed class FixedIntervalPolicy : IWakePolicy
{
    /// <summary>Backlog, readings, at which a fixed policy transmits (StateEncoder's "many" edge).</summary>
    public const int TransmitBacklogReadings = 16;

    private readonly int _intervalIndex;

    /// <param name="intervalIndex">Index into the node's wake intervals, 0..7 (default set: 0 = 15 s, 1 = 60 s, 2 = 300 s, 4 = 900 s).</param>
    public FixedIntervalPolicy(int intervalIndex)
    {
        if (intervalIndex < 0 || intervalIndex >= PolicyTable.WakeIntervalCount)
            throw new ArgumentOutOfRangeException(nameof(intervalIndex), intervalIndex, "must be 0..7");
        _intervalIndex = intervalIndex;
    }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation) => new()
    {
        WakeIntervalIndex = _intervalIndex,
        MotionWakeArmed = true,
        Transmit = observation.BacklogReadings >= TransmitBacklogReadings,
    };
}
