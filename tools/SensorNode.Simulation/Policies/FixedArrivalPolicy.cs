using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// A fixed timer with the PIR armed that sends an arrival at once: it transmits at a motion wake that follows a quiet
/// gap (no motion wake for [service] arrival_gap_minutes, the definition of an arrival), and otherwise when
/// <see cref="FixedIntervalPolicy.TransmitBacklogReadings"/> readings wait. Host-side: it keeps the time of the last
/// motion wake it saw (a device would keep it in its state file).
/// </summary>
public sealed class FixedArrivalPolicy : IWakePolicy
{
    /// <summary>The timer interval <c>fixed-arrival</c> runs with in evaluate, s (one temperature reading per coverage interval).</summary>
    public const int DefaultIntervalSeconds = 3600;

    private readonly int _intervalIndex;
    private readonly long _gapSeconds;
    private readonly Func<long> _nowUnixSeconds;
    private readonly Func<bool> _wokeOnMotion;
    private long _lastMotionUnixSeconds = long.MinValue / 2;

    /// <param name="intervalIndex">Index into the node's wake intervals, 0..7.</param>
    /// <param name="arrivalGapSeconds">Quiet gap that makes a motion an arrival, s.</param>
    /// <param name="nowUnixSeconds">The node's clock.</param>
    /// <param name="wokeOnMotion">True during a wake the PIR caused.</param>
    public FixedArrivalPolicy(int intervalIndex, int arrivalGapSeconds, Func<long> nowUnixSeconds, Func<bool> wokeOnMotion)
    {
        if (intervalIndex < 0 || intervalIndex >= PolicyTable.WakeIntervalCount)
            throw new ArgumentOutOfRangeException(nameof(intervalIndex), intervalIndex, "must be 0..7");
        _intervalIndex = intervalIndex;
        _gapSeconds = arrivalGapSeconds;
        _nowUnixSeconds = nowUnixSeconds;
        _wokeOnMotion = wokeOnMotion;
    }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation)
    {
        bool arrival = false;
        if (_wokeOnMotion())
        {
            long now = _nowUnixSeconds();
            arrival = now - _lastMotionUnixSeconds >= _gapSeconds;
            _lastMotionUnixSeconds = now;
        }
        return new PolicyAction
        {
            WakeIntervalIndex = _intervalIndex,
            MotionWakeArmed = true,
            Transmit = arrival || observation.BacklogReadings >= FixedIntervalPolicy.TransmitBacklogReadings,
        };
    }
}
