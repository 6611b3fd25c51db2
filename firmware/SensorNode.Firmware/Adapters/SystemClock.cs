using System;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>
    /// Uptime from the ESP32 high-resolution timer (monotonic, restarts at every boot; mscorlib 1.17 has no
    /// Environment.TickCount64) and wall time from the RTC, which SNTP sets when Wi-Fi connects.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        // The RTC keeps counting through deep sleep but restarts from its epoch after a power loss;
        // any year before this means it has not been set since.
        private const int FirstPlausibleYear = 2024;

        private const ulong MicrosecondsPerMillisecond = 1000;

        /// <inheritdoc />
        public long UptimeMilliseconds
        {
            get { return (long)(HighResTimer.GetCurrent() / MicrosecondsPerMillisecond); }
        }

        /// <inheritdoc />
        public bool TryGetUnixSeconds(out long unixSeconds)
        {
            DateTime now = DateTime.UtcNow;
            if (now.Year < FirstPlausibleYear)
            {
                unixSeconds = 0;
                return false;
            }

            unixSeconds = now.ToUnixTimeSeconds();
            return true;
        }
    }
}
