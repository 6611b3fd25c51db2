namespace SensorNode.Core.Storage
{
    /// <summary>
    /// Everything one wake leaves for the next. It lives in flash (deep sleep keeps no RAM), is loaded at
    /// the start of every wake and saved at its end. A fresh or unreadable state is all zeros except
    /// <see cref="NextSequence"/> = 1.
    /// </summary>
    public sealed class NodeState
    {
        /// <summary>Sequence number the next reading gets (1 upwards).</summary>
        public uint NextSequence = 1;
        /// <summary>Highest sequence the broker acknowledged; every reading at or below it has left the log.</summary>
        public uint AckedSequence;
        /// <summary>Unacknowledged readings overwritten because the log was full, since the node was first flashed.</summary>
        public uint DroppedReadings;
        /// <summary>Wakes since the node was first flashed.</summary>
        public uint WakeCount;
        /// <summary>Supercap voltage at the end of the previous wake, mV; 0 when unknown.</summary>
        public int LastSupercapMillivolts;
        /// <summary>Best estimate of wall time at the end of the previous wake (Unix s); 0 when unknown.</summary>
        public long LastWakeEndUnixSeconds;
        /// <summary>Sleep the previous wake planned, s.</summary>
        public int LastSleepSeconds;
        /// <summary>Estimated energy the previous wake spent, uJ.</summary>
        public int LastWakeCostMicrojoules;
        /// <summary>Smoothed harvested power estimate, uW.</summary>
        public int HarvestMicrowatts;
        /// <summary>Smoothed PIR event rate in events per 1000 h (milli-events per hour).</summary>
        public int EventRateMilliPerHour;
        /// <summary>Wall time of the last successful publish (Unix s); 0 when never.</summary>
        public long LastTransmitUnixSeconds;
        /// <summary>Wall time of the last motion the node saw (Unix s, u32: until 2106); 0 when none known. Decides the arrival wake-cause bin.</summary>
        public uint LastMotionUnixSeconds;
        /// <summary>Times the brown-out guard refused to start Wi-Fi.</summary>
        public uint GuardRefusals;
        /// <summary>Failed Wi-Fi associations.</summary>
        public uint LinkFailures;
        /// <summary>Broker connects or publishes that failed or were not acknowledged.</summary>
        public uint PublishFailures;
        /// <summary>
        /// True when <see cref="LastSleepMotionArmed"/> is known: false in a fresh state and in a record saved by firmware
        /// that did not keep it, so the next reading's armed time is then unknown rather than a guess.
        /// </summary>
        public bool LastSleepArmingKnown;
        /// <summary>The PIR was armed (watching) for the sleep the previous wake planned: the next reading's coverage.</summary>
        public bool LastSleepMotionArmed;
        /// <summary>
        /// Watch commitment the broker acknowledged with the last publish, min from <see cref="LastTransmitUnixSeconds"/>
        /// (0 = none; up to 255, or a multiple of 16 up to <see cref="Policy.WatchCommitment.MaxMinutes"/>, 24 h: what the
        /// state record holds): until then the PIR stays armed and the node reports a change of the room at once
        /// (<see cref="Policy.WatchCommitment"/>, docs/occupancy.md).
        /// </summary>
        public int WatchMinutes;
        /// <summary>Longest <see cref="WatchMinutes"/> the state record holds in whole minutes (one byte).</summary>
        public const int WatchWholeMinutesMax = 255;
        /// <summary>Above <see cref="WatchWholeMinutesMax"/> the state record holds <see cref="WatchMinutes"/> in units of this many minutes.</summary>
        public const int WatchLongUnitMinutes = 16;
        /// <summary>What that publish told: true = active (motion within [watch] quiet_minutes), false = quiet.</summary>
        public bool WatchReportedActive;
        /// <summary>
        /// The last send the table did not ask for (for the time, or before the log overwrites) did not reach the broker
        /// (set before it is tried, so a brown-out during it counts): the next such send waits until the supercap can pay
        /// for another failed association. Cleared by any send that reaches the broker.
        /// </summary>
        public bool UnrequestedSendFailed;

        /// <summary>Copies every field of <paramref name="other"/> into this instance.</summary>
        public void CopyFrom(NodeState other)
        {
            NextSequence = other.NextSequence;
            AckedSequence = other.AckedSequence;
            DroppedReadings = other.DroppedReadings;
            WakeCount = other.WakeCount;
            LastSupercapMillivolts = other.LastSupercapMillivolts;
            LastWakeEndUnixSeconds = other.LastWakeEndUnixSeconds;
            LastSleepSeconds = other.LastSleepSeconds;
            LastWakeCostMicrojoules = other.LastWakeCostMicrojoules;
            HarvestMicrowatts = other.HarvestMicrowatts;
            EventRateMilliPerHour = other.EventRateMilliPerHour;
            LastTransmitUnixSeconds = other.LastTransmitUnixSeconds;
            LastMotionUnixSeconds = other.LastMotionUnixSeconds;
            GuardRefusals = other.GuardRefusals;
            LinkFailures = other.LinkFailures;
            PublishFailures = other.PublishFailures;
            LastSleepArmingKnown = other.LastSleepArmingKnown;
            LastSleepMotionArmed = other.LastSleepMotionArmed;
            WatchMinutes = other.WatchMinutes;
            WatchReportedActive = other.WatchReportedActive;
            UnrequestedSendFailed = other.UnrequestedSendFailed;
        }
    }
}
