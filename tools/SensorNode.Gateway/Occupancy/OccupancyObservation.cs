namespace SensorNode.Gateway.Occupancy;

/// <summary>One reading as occupancy inference sees it (docs/occupancy.md).</summary>
/// <param name="UnixSeconds">When the reading was taken, Unix s (readings of unknown time cannot be placed and are left out).</param>
/// <param name="ArmedSeconds">Seconds the PIR watched before the reading, ending at it; null when unknown (older payloads).</param>
/// <param name="MotionEvents">
/// PIR events the reading counted; the last is placed at the reading's time (an armed PIR wakes the node at once) unless
/// <paramref name="LastMotionAgeSeconds"/> places it earlier.
/// </param>
/// <param name="Brownout">The node was dead between the previous reading and this one.</param>
/// <param name="KnownAtUnixSeconds">When the gateway received it (live decisions use only what was known by then).</param>
/// <param name="NextWakeUnixSeconds">When the node said it would wake next, if it announced it with this reading's message; else null.</param>
/// <param name="WatchUntilUnixSeconds">
/// The node's watch commitment with this reading's message (SenML <c>watch</c>, docs/mqtt.md): until then its PIR stays
/// armed and it transmits at once when the room turns active or quiet; null: no commitment (older payloads too).
/// </param>
/// <param name="WatchActive">With a commitment: the node saw motion within its quiet delay (it will report the quiet).</param>
/// <param name="FirstMotionAgeSeconds">Event RTC (SenML <c>motion_first</c>): the first motion, s before the reading; null when unknown.</param>
/// <param name="LastMotionAgeSeconds">
/// Event RTC (SenML <c>motion_last</c>): the last motion, s before the reading; null when unknown (no RTC, older payloads).
/// The RTC counts motion without waking the node, so the reading may come long after it: the time after it is watched.
/// </param>
public readonly record struct OccupancyObservation(long UnixSeconds, int? ArmedSeconds, int MotionEvents, bool Brownout,
    long KnownAtUnixSeconds, long? NextWakeUnixSeconds = null, long? WatchUntilUnixSeconds = null, bool WatchActive = false,
    int? FirstMotionAgeSeconds = null, int? LastMotionAgeSeconds = null)
{
    /// <summary>
    /// The interval's first motion where the event RTC stamped it: the first stamp, or the last when it counted one event
    /// (the RV-3028 keeps one stamp); null without motion or stamps.
    /// </summary>
    public long? FirstMotionUnixSeconds => MotionEvents <= 0 ? null
        : FirstMotionAgeSeconds is int first ? UnixSeconds - first
        : MotionEvents == 1 && LastMotionAgeSeconds is int last ? UnixSeconds - last : null;

    /// <summary>
    /// Until when the reading's watched interval (from <paramref name="watchedFromUnixSeconds"/>) is known to be free of
    /// motion: its end when it saw none, or when motion wakes the node at once (no RTC stamp); its first motion where the
    /// RTC stamped it; its start when the RTC counted several events and stamped only the last (the first could be anywhere).
    /// </summary>
    public long MotionFreeUntilUnixSeconds(long watchedFromUnixSeconds)
    {
        if (MotionEvents <= 0 || LastMotionAgeSeconds == null) return UnixSeconds;
        return Math.Max(watchedFromUnixSeconds, FirstMotionUnixSeconds ?? watchedFromUnixSeconds);
    }
}
