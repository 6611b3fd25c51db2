namespace SensorNode.Gateway.Occupancy;

/// <summary>One reading as occupancy inference sees it (docs/occupancy.md).</summary>
/// <param name="UnixSeconds">When the reading was taken, Unix s (readings of unknown time cannot be placed and are left out).</param>
/// <param name="ArmedSeconds">Seconds the PIR watched before the reading, ending at it; null when unknown (older payloads).</param>
/// <param name="MotionEvents">PIR events the reading counted (motion is placed at the reading's time: an armed PIR wakes the node at once).</param>
/// <param name="Brownout">The node was dead between the previous reading and this one.</param>
/// <param name="KnownAtUnixSeconds">When the gateway received it (live decisions use only what was known by then).</param>
/// <param name="NextWakeUnixSeconds">When the node said it would wake next, if it announced it with this reading's message; else null.</param>
/// <param name="WatchUntilUnixSeconds">
/// The node's watch commitment with this reading's message (SenML <c>watch</c>, docs/mqtt.md): until then its PIR stays
/// armed and it transmits at once when the room turns active or quiet; null: no commitment (older payloads too).
/// </param>
/// <param name="WatchActive">With a commitment: the node saw motion within its quiet delay (it will report the quiet).</param>
public readonly record struct OccupancyObservation(long UnixSeconds, int? ArmedSeconds, int MotionEvents, bool Brownout,
    long KnownAtUnixSeconds, long? NextWakeUnixSeconds = null, long? WatchUntilUnixSeconds = null, bool WatchActive = false);
