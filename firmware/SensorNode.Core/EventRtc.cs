using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;

namespace SensorNode.Core
{
    /// <summary>
    /// The event RTC's part of one wake (nodes with [rtc] in nf.config, docs/hardware.md): at the start, the crystal
    /// time and the motion the RTC counted and time-stamped since the last wake, and a fresh count; before the sleep,
    /// whether the next motion wakes the node (the RTC's INT on ext0) or is only counted; after an SNTP sync, the RTC
    /// set from network time. Kept out of <see cref="WakeCycle"/> so a node without the RTC runs the same code as before.
    /// </summary>
    public sealed class EventRtc
    {
        private readonly Rv3028Clock _rtc;
        private readonly int _syncToleranceSeconds;
        private Rv3028Snapshot _read;

        private EventRtc(II2cChannel channel, int syncToleranceSeconds)
        {
            _rtc = new Rv3028Clock(channel);
            _syncToleranceSeconds = syncToleranceSeconds;
        }

        /// <summary>The wake's event RTC, or null when the configuration has no [rtc] section or the hardware no RTC channel.</summary>
        public static EventRtc Create(NodeConfig config, NodeHardware hardware)
        {
            if (!config.RtcFitted || hardware.EventRtc == null)
            {
                return null;
            }
            return new EventRtc(hardware.EventRtc, config.RtcSyncToleranceSeconds);
        }

        /// <summary>True when <see cref="ReadAndRestart"/> read the RTC.</summary>
        public bool ReadOk { get; private set; }

        /// <summary>Motion events the RTC counted since the previous wake's restart (0 when the read failed).</summary>
        public int Events { get; private set; }

        /// <summary>
        /// Reads the clock, the count and the time stamp, then clears the flag and restarts the count with the interrupt
        /// off: events during the rest of this wake are counted for the next reading. False on a bus fault (the
        /// count is then not restarted and the next wake reads it again: nothing is lost, only attributed later).
        /// </summary>
        public bool ReadAndRestart()
        {
            ReadOk = _rtc.TryReadSnapshot(out _read);
            if (!ReadOk)
            {
                Events = 0;
                return false;
            }
            Events = _read.EventCount;
            return _rtc.TryWriteControls(_read, false) && _rtc.TryResetCount();
        }

        /// <summary>The RTC's time at the start of the wake, when it was read and holds a valid time since it was last set.</summary>
        public bool TryGetUnixSeconds(out long unixSeconds)
        {
            unixSeconds = _read.UnixSeconds;
            return ReadOk && _read.TimeValid;
        }

        /// <summary>
        /// Ages in seconds before <paramref name="readingUnixSeconds"/> of the interval's first and last motion event, -1
        /// when none or unknown. The RV-3028 stamps one event (the last); the first is known only when it was the only one.
        /// </summary>
        public void MotionAges(long readingUnixSeconds, out int firstAgeSeconds, out int lastAgeSeconds)
        {
            firstAgeSeconds = -1;
            lastAgeSeconds = -1;
            long last = _read.LastEventUnixSeconds;
            if (Events <= 0 || last <= 0 || readingUnixSeconds <= 0)
            {
                return;
            }
            long age = readingUnixSeconds - last;
            lastAgeSeconds = age < 0 ? 0 : (age > int.MaxValue ? int.MaxValue : (int)age);
            if (Events == 1)
            {
                firstAgeSeconds = lastAgeSeconds;
            }
        }

        /// <summary>Unix seconds of the last counted event, 0 when none or unknown.</summary>
        public long LastEventUnixSeconds
        {
            get { return Events > 0 ? _read.LastEventUnixSeconds : 0; }
        }

        /// <summary>
        /// Before the sleep: the next motion wakes the node (<paramref name="wakeOnMotion"/>) or is only counted. Clears
        /// the event flag first, so events of this wake (already counted) do not wake the node at once. False when the
        /// RTC was not read at the start of the wake or on a bus fault.
        /// </summary>
        public bool PrepareSleep(bool wakeOnMotion)
        {
            return ReadOk && _rtc.TryWriteControls(_read, wakeOnMotion);
        }

        /// <summary>
        /// A counting sleep shorter than this, s, is not worth its boot: within it of the quiet gap's end the next
        /// motion wakes the node (it is nearly an arrival, and waking for it costs the same boot).
        /// </summary>
        public const int MinimumCountingSleepSeconds = 60;

        /// <summary>
        /// Layout 3's "next motion wakes" made exact with the RTC's time stamp (docs/policy.md "Wake or count"): the
        /// motion worth a boot is an arrival, motion at least <paramref name="gapSeconds"/> ([service]
        /// arrival_gap_minutes) after the last one. When the plan arms the wake but the room moved less than the gap
        /// ago, the next motion is not an arrival: the sleep only counts, and ends when the gap would (if sooner than
        /// planned), so the wake after it can arm for the arrival. The table's interval and the supercap still bound
        /// the sleep: a plan that does not arm is returned as it is, and so is one without a known time or last motion.
        /// </summary>
        /// <param name="plan">The plan from the table's action.</param>
        /// <param name="timeKnown">The wake knows the wall time (<paramref name="nowUnixSeconds"/> is valid).</param>
        /// <param name="nowUnixSeconds">Now, Unix s.</param>
        /// <param name="lastMotionUnixSeconds">The last motion the node knows of (the RTC's stamp), Unix s; 0 when none.</param>
        /// <param name="gapSeconds">The arrival gap, s (1 or more).</param>
        public static SleepPlan WatchForArrivals(SleepPlan plan, bool timeKnown, long nowUnixSeconds, long lastMotionUnixSeconds, int gapSeconds)
        {
            if (!plan.MotionWakeArmed || !timeKnown || lastMotionUnixSeconds <= 0 || nowUnixSeconds < lastMotionUnixSeconds)
            {
                return plan;
            }
            long remaining = lastMotionUnixSeconds + gapSeconds - nowUnixSeconds;
            if (remaining <= MinimumCountingSleepSeconds)
            {
                return plan;
            }
            plan.MotionWakeArmed = false;
            if (remaining < plan.SleepSeconds)
            {
                plan.SleepSeconds = (int)remaining;
            }
            return plan;
        }

        /// <summary>
        /// The low-charge sleep ([rtc] low_charge_sleep_seconds, docs/policy.md "Results against issue 18's targets"): where
        /// the table chose the longest [wake] interval (<paramref name="intervalIndex"/> is the last of
        /// <paramref name="intervalsSeconds"/>) and the supercap is in voltage bin low or critical (under 20 % of the
        /// brown-out..max range, <see cref="StateEncoder.VoltageBin"/>), the node sleeps <paramref name="lowChargeSleepSeconds"/>
        /// instead. The RTC keeps the clock and counts the motion meanwhile, so the longer sleep costs temperature readings,
        /// not events. Any other plan, and a value not longer than the longest interval (0 = off), is returned as it is.
        /// </summary>
        public static SleepPlan StretchAtLowCharge(SleepPlan plan, int intervalIndex, int[] intervalsSeconds, int supercapMillivolts,
            int brownoutMillivolts, int maxMillivolts, int lowChargeSleepSeconds)
        {
            int last = intervalsSeconds.Length - 1;
            if (intervalIndex != last || plan.SleepSeconds != intervalsSeconds[last] || lowChargeSleepSeconds <= plan.SleepSeconds)
            {
                return plan;
            }
            if (StateEncoder.VoltageBin(supercapMillivolts, brownoutMillivolts, maxMillivolts) > LowChargeVoltageBin)
            {
                return plan;
            }
            plan.SleepSeconds = lowChargeSleepSeconds;
            return plan;
        }

        /// <summary>The highest voltage bin of the low-charge sleep: 1, low (under 20 % of the brown-out..max range).</summary>
        public const int LowChargeVoltageBin = 1;

        /// <summary>
        /// After the radio came up (nanoCLR sets the system clock from SNTP): sets the RTC from <paramref name="clock"/>
        /// when it is unset or differs by more than [rtc] sync_tolerance_seconds. True when the RTC was set.
        /// </summary>
        public bool SyncFrom(IClock clock)
        {
            long networkSeconds;
            if (!clock.TryGetUnixSeconds(out networkSeconds))
            {
                return false;
            }
            Rv3028Snapshot now;
            if (_rtc.TryReadSnapshot(out now) && now.TimeValid)
            {
                long difference = now.UnixSeconds - networkSeconds;
                if (difference <= _syncToleranceSeconds && -difference <= _syncToleranceSeconds)
                {
                    return false;
                }
            }
            return _rtc.TrySetTime(networkSeconds);
        }
    }
}
