namespace SensorNode.Core.Policy
{
    /// <summary>
    /// The wake-or-count rule of the built-in layout-3 table (nodes with the event RTC, docs/policy.md "Wake or count").
    /// The motion bit means "wake for the next arrival": the wake cycle arms the RTC's interrupt only when the last
    /// motion is at least the arrival gap old, and otherwise counts until the gap ends (EventRtc.WatchForArrivals), so a
    /// set bit costs at most one boot per arrival plus one timer wake per quiet gap. The rule sets it in a quiet room
    /// (event-rate bin "none") from voltage bin 3 (good), and in any room from bin 4 (high) on a lit morning or afternoon
    /// (light bin office or bright, hour bin 1 or 2), when arrivals are likely and the panel is harvesting. Interval and
    /// transmit are those of the layout-2 built-in table. A documented rule, chosen on the measured environments
    /// (docs/policy.md "Results against issue 18's targets"), not a learned choice.
    /// </summary>
    public static class RtcWakeOrCount
    {
        /// <summary>Version of the built-in layout-3 table made by this rule (3001: the first rule, quiet rooms from bin 2).</summary>
        public const uint Version = 3002;

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

        /// <summary>
        /// True when the rule sets the motion bit in state <paramref name="stateIndex"/>: a quiet room from voltage bin 3
        /// (good), or a lit morning or afternoon from bin 4 (high). Bin 2 in a quiet room (the first rule) cost a
        /// brown-out on ff66 at a 1.5 s boot; bin 3 in busy rooms cost two (the timer wakes at the ends of quiet gaps).
        /// </summary>
        public static bool WakesOnMotion(int stateIndex)
        {
            int arrivalAndRate = StateEncoder.ArrivalBins * StateEncoder.EventRateBins;
            int eventRateBin = stateIndex / StateEncoder.ArrivalBins % StateEncoder.EventRateBins;
            int hourBin = stateIndex / (arrivalAndRate * StateEncoder.BacklogBins) % StateEncoder.HourBins;
            int lightBin = stateIndex / (arrivalAndRate * StateEncoder.BacklogBins * StateEncoder.HourBins) % StateEncoder.LightBins;
            int voltageBin = StateEncoder.VoltageBinOf(stateIndex);
            bool quietRoom = eventRateBin == 0 && voltageBin >= 3;
            bool litDaytime = voltageBin >= 4 && lightBin >= 2 && (hourBin == 1 || hourBin == 2);
            return quietRoom || litDaytime;
        }
    }
}
