using SensorNode.Core.Config;
using SensorNode.Core.Storage;

namespace SensorNode.Core.Policy
{
    /// <summary>
    /// The watch commitment (docs/occupancy.md "The watch commitment"), a node rule on top of the table's decision. A
    /// publish may carry a commitment of [watch] commit_minutes: until it ends the PIR stays armed and the node transmits
    /// at once when the room turns active (motion after [watch] quiet_minutes without) or quiet (that long without motion
    /// after motion), so the gateway can read the node's silence: quiet = still watched without motion, active = still
    /// occupied. At the end the node renews it with a publish. A new commitment is made only at or above
    /// [watch] min_millivolts; one made is kept (its reports are owed) whatever the energy. Pure: state and config in.
    /// </summary>
    public static class WatchCommitment
    {
        /// <summary>What the rule adds to one wake.</summary>
        public struct Decision
        {
            /// <summary>Transmit now (an arrival, a departure, or a commitment to make or renew).</summary>
            public bool Transmit;
            /// <summary>Why, for the wake report: 0 none, 1 arrival, 2 departure (quiet), 3 commit or renew.</summary>
            public int Reason;
            /// <summary>Commitment the publish carries, s from the reading (0 = none).</summary>
            public int CommitSeconds;
            /// <summary>The room as the publish reports it: motion within the quiet delay.</summary>
            public bool Active;
        }

        /// <summary>Reason codes of <see cref="Decision.Reason"/>.</summary>
        public const int ReasonNone = 0, ReasonArrival = 1, ReasonQuiet = 2, ReasonCommit = 3;

        /// <summary>Seconds the acknowledged commitment still runs at <paramref name="nowUnixSeconds"/>; 0 when none or ended.</summary>
        public static long RemainingSeconds(NodeState state, long nowUnixSeconds)
        {
            if (state.WatchMinutes <= 0 || state.LastTransmitUnixSeconds <= 0)
            {
                return 0;
            }
            long end = state.LastTransmitUnixSeconds + (long)state.WatchMinutes * 60;
            return end > nowUnixSeconds ? end - nowUnixSeconds : 0;
        }

        /// <summary>Motion within the quiet delay before <paramref name="nowUnixSeconds"/>.</summary>
        public static bool Active(NodeConfig config, NodeState state, long nowUnixSeconds)
        {
            return state.LastMotionUnixSeconds != 0 && nowUnixSeconds - (long)state.LastMotionUnixSeconds < (long)config.WatchQuietMinutes * 60;
        }

        /// <summary>
        /// The rule at a wake with wall time and a supercap reading (<paramref name="energyMillivolts"/>). Does nothing when
        /// [watch] is off and no commitment runs.
        /// </summary>
        public static Decision Decide(NodeConfig config, NodeState state, long nowUnixSeconds, int energyMillivolts, int commitSeconds)
        {
            Decision d = new Decision();
            long remaining = RemainingSeconds(state, nowUnixSeconds);
            bool canCommit = config.WatchCommitMinutes > 0 && energyMillivolts >= config.WatchMinMillivolts && InWindow(config, nowUnixSeconds);
            d.Active = Active(config, state, nowUnixSeconds);
            if (remaining > 0 && d.Active != state.WatchReportedActive)
            {
                d.Transmit = true;
                d.Reason = d.Active ? ReasonArrival : ReasonQuiet;
            }
            else if (remaining == 0 && canCommit)
            {
                d.Transmit = true;
                d.Reason = ReasonCommit;
            }
            // A report owed under a commitment carries it on: renewed when the energy allows, else what is left of it.
            if (canCommit)
            {
                d.CommitSeconds = commitSeconds;
            }
            else if (remaining >= 60)
            {
                d.CommitSeconds = Holdable(remaining);
            }
            return d;
        }

        /// <summary>
        /// Longest commitment, min: 24 h, the most a gateway accepts in SenML "watch" (docs/mqtt.md). The state record holds
        /// it in 16-minute units (byte 2 with byte 3 bit 2), so an overnight commitment never spans a weekend.
        /// </summary>
        public const int MaxMinutes = 1440;

        /// <summary>
        /// <paramref name="seconds"/> rounded down to a length the state record holds exactly: whole minutes up to 255, whole
        /// 16 minutes above, at most <see cref="MaxMinutes"/>. The node announces only such lengths, so what it keeps is what
        /// the gateway was told.
        /// </summary>
        public static int Holdable(long seconds)
        {
            long minutes = seconds / 60;
            if (minutes > NodeState.WatchWholeMinutesMax)
            {
                minutes = (minutes > MaxMinutes ? MaxMinutes : minutes) / NodeState.WatchLongUnitMinutes * NodeState.WatchLongUnitMinutes;
            }
            return (int)(minutes * 60);
        }

        /// <summary>
        /// Length of a commitment made now: [watch] commit_minutes, or, with [watch] overnight when that would end at or
        /// after last_hour, up to commit_minutes after the next window's first hour (<see cref="Holdable"/>) when that is
        /// within <see cref="MaxMinutes"/> (a weekend is not). The caller checks the energy for a length above commit_minutes.
        /// </summary>
        public static int CommitSeconds(NodeConfig config, long nowUnixSeconds)
        {
            int normal = config.WatchCommitMinutes * 60;
            if (!config.WatchOvernight || normal <= 0)
            {
                return normal;
            }
            long windowEnd = LocalDayStart(config, nowUnixSeconds) + (long)config.WatchLastHour * 3600;
            if (nowUnixSeconds + normal < windowEnd)
            {
                return normal;
            }
            long seconds = NextWindowStart(config, nowUnixSeconds) + normal - nowUnixSeconds;
            return seconds > normal && seconds <= (long)MaxMinutes * 60 ? Holdable(seconds) : normal;
        }

        /// <summary>The next first_hour after <paramref name="nowUnixSeconds"/> on a day new commitments are made, Unix s.</summary>
        public static long NextWindowStart(NodeConfig config, long nowUnixSeconds)
        {
            long start = LocalDayStart(config, nowUnixSeconds) + (long)config.WatchFirstHour * 3600;
            for (int day = 0; day < 8; day++)
            {
                if (start > nowUnixSeconds && InWindow(config, start))
                {
                    return start;
                }
                start += 86400;
            }
            return start;
        }

        // Unix s of the local midnight that starts the day of nowUnixSeconds.
        private static long LocalDayStart(NodeConfig config, long nowUnixSeconds)
        {
            long offset = (long)config.UtcOffsetMinutes * 60;
            long local = nowUnixSeconds + offset;
            long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
            return days * 86400 - offset;
        }

        /// <summary>
        /// True inside the hours (and days) new commitments are made: [watch] first_hour to last_hour, local time, Monday to
        /// Friday when weekdays_only.
        /// </summary>
        public static bool InWindow(NodeConfig config, long nowUnixSeconds)
        {
            long dayStart = LocalDayStart(config, nowUnixSeconds);
            long days = (dayStart + (long)config.UtcOffsetMinutes * 60) / 86400;
            int hour = (int)((nowUnixSeconds - dayStart) / 3600);
            int weekday = (int)((days + 4) % 7); // 1970-01-01 was a Thursday; 0 = Sunday
            if (weekday < 0)
            {
                weekday += 7;
            }
            if (config.WatchWeekdaysOnly && (weekday == 0 || weekday == 6))
            {
                return false;
            }
            return hour >= config.WatchFirstHour && hour < config.WatchLastHour;
        }

        /// <summary>
        /// The sleep under a commitment that runs <paramref name="commitSeconds"/> from now: the PIR armed, and a timer wake
        /// no later than the quiet delay after the last motion (to report the quiet) and the commitment's end (to renew).
        /// </summary>
        public static SleepPlan Plan(NodeConfig config, NodeState state, long nowUnixSeconds, long commitSeconds, SleepPlan plan)
        {
            if (commitSeconds <= 0 || plan.RadioAtNextBoot)
            {
                return plan;
            }
            plan.MotionWakeArmed = true;
            long limit = commitSeconds;
            if (Active(config, state, nowUnixSeconds))
            {
                long untilQuiet = (long)state.LastMotionUnixSeconds + (long)config.WatchQuietMinutes * 60 - nowUnixSeconds;
                if (untilQuiet < limit)
                {
                    limit = untilQuiet;
                }
            }
            if (limit < 1)
            {
                limit = 1;
            }
            if (plan.SleepSeconds > limit)
            {
                plan.SleepSeconds = (int)limit;
            }
            return plan;
        }
    }
}
