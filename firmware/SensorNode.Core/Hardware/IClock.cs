namespace SensorNode.Core.Hardware
{
    /// <summary>Time as the core sees it. Injected so tests and the simulator control it.</summary>
    public interface IClock
    {
        /// <summary>Monotonic milliseconds since this boot (a deep sleep is a boot).</summary>
        long UptimeMilliseconds { get; }

        /// <summary>
        /// Wall time in Unix seconds (UTC). False when the clock has not been set since power was lost
        /// (the ESP32's RTC keeps time through deep sleep but not through a brown-out).
        /// </summary>
        bool TryGetUnixSeconds(out long unixSeconds);
    }
}
