namespace SensorNode.Core.Policy
{
    /// <summary>
    /// The wake-or-count rule of the built-in layout-3 table (nodes with the event RTC, docs/policy.md "Wake or count"):
    /// the next motion wakes the node only while the room has been quiet (event-rate bin "none": under 0.5 events/h,
    /// smoothed over an hour) and the supercap is at least fair (voltage bin 2: a motion boot at low charge was what
    /// browned nodes out in the busy corridor), because then the next motion is an arrival, the
    /// reading a building wants at once. Once motion has been seen the room is known to be occupied: further events
    /// are only counted and time-stamped by the RTC and read at the next timer wake, which costs no boot. Interval
    /// and transmit are those of the layout-2 built-in table. A documented rule, not a learned choice.
    /// </summary>
    public static class RtcWakeOrCount
    {
        /// <summary>Version of the built-in layout-3 table made by this rule.</summary>
        public const uint Version = 3001;

        /// <summary>Layout-3 action codes from layout-2 <paramref name="layoutTwoCodes"/> (one per state; a new array).</summary>
        public static byte[] Derive(byte[] layoutTwoCodes)
        {
            byte[] codes = new byte[layoutTwoCodes.Length];
            for (int state = 0; state < codes.Length; state++)
            {
                int code = layoutTwoCodes[state] & ~PolicyTable.MotionBit;
                if (WakesOnMotion(state))
                {
                    code |= PolicyTable.MotionBit;
                }
                codes[state] = (byte)code;
            }
            return codes;
        }

        /// <summary>True when the rule arms the wake on motion in state <paramref name="stateIndex"/>: a quiet room, voltage bin 2 (fair) or above.</summary>
        public static bool WakesOnMotion(int stateIndex)
        {
            int eventRateBin = stateIndex / StateEncoder.ArrivalBins % StateEncoder.EventRateBins;
            return eventRateBin == 0 && StateEncoder.VoltageBinOf(stateIndex) >= 2;
        }
    }
}
