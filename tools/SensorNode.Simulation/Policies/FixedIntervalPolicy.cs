using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// The naive baseline every duty-cycling paper starts from: wake on a fixed timer, PIR always armed, transmit once
/// <see cref="TransmitBacklogReadings"/> readings wait. Same decisions as the table <c>PolicySpec.Fixed</c> builds
/// (<c>--policy fixed:5m</c>), as a host-side policy.
/// </summary>
public sealed class FixedIntervalPolicy : IWakePolicy
{
    /// <summary>Backlog, readings, at which a fixed policy transmits: StateEncoder's "many" edge, which the table form uses.</summary>
    public const int TransmitBacklogReadings = StateEncoder.BacklogManyReadings;

    private readonly int _intervalIndex;
    private readonly int _transmitBacklog;

    /// <param name="intervalIndex">Index into the node's wake intervals, 0..7 (default set: 0 = 15 s, 1 = 60 s, 2 = 300 s, 4 = 900 s).</param>
    /// <param name="transmitBacklogReadings">Transmit once this many readings wait, 1..4096 (tuned-fixed searches it).</param>
    public FixedIntervalPolicy(int intervalIndex, int transmitBacklogReadings = TransmitBacklogReadings)
    {
        if (intervalIndex < 0 || intervalIndex >= PolicyTable.WakeIntervalCount)
            throw new ArgumentOutOfRangeException(nameof(intervalIndex), intervalIndex, "must be 0..7");
        if (transmitBacklogReadings < 1 || transmitBacklogReadings > 4096)
            throw new ArgumentOutOfRangeException(nameof(transmitBacklogReadings), transmitBacklogReadings, "must be 1..4096");
        _intervalIndex = intervalIndex;
        _transmitBacklog = transmitBacklogReadings;
    }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation) => new()
    {
        WakeIntervalIndex = _intervalIndex,
        MotionWakeArmed = true,
        Transmit = observation.BacklogReadings >= _transmitBacklog,
    };
}
