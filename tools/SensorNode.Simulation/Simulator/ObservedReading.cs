namespace SensorNode.Simulation.Simulator;

/// <summary>
/// One reading a simulated node took, as occupancy inference needs it (docs/occupancy.md): what the reading says and
/// when, if ever, it reached the broker.
/// </summary>
/// <param name="Sequence">The reading's sequence number.</param>
/// <param name="UnixSeconds">When the wake that took it started, Unix s (local hours, like the trace).</param>
/// <param name="ArmedSeconds">Seconds the PIR watched since the previous reading; -1 unknown.</param>
/// <param name="MotionEvents">Motion the reading counted (0 or 1: the core counts the wake's motion).</param>
/// <param name="Brownout">The node was dead before it (<c>ReadingFaults.BrownoutBefore</c>).</param>
/// <param name="TimeUnknown">The node did not know the time: a gateway cannot place it.</param>
/// <param name="ArrivalUnixSeconds">First arrival at the broker, Unix s; null when it never arrived.</param>
/// <param name="NextWakeUnixSeconds">The wake announced with this reading's message (a transmitting wake's "sleeping:N"), else null.</param>
/// <param name="WatchUntilUnixSeconds">The watch commitment the broker acknowledged with this reading's message (SenML "watch"), else null.</param>
/// <param name="WatchActive">With a commitment: the message reported the room active.</param>
/// <param name="FirstMotionAgeSeconds">Event RTC: the reading's first motion, s before it; -1 unknown.</param>
/// <param name="LastMotionAgeSeconds">Event RTC: the reading's last motion, s before it (the RTC's stamp); -1 unknown.</param>
public sealed record ObservedReading(uint Sequence, long UnixSeconds, int ArmedSeconds, int MotionEvents, bool Brownout, bool TimeUnknown,
    long? ArrivalUnixSeconds, long? NextWakeUnixSeconds, long? WatchUntilUnixSeconds = null, bool WatchActive = false, int FirstMotionAgeSeconds = -1,
    int LastMotionAgeSeconds = -1);
