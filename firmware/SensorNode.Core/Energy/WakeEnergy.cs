namespace SensorNode.Core.Energy
{
    /// <summary>
    /// Cost of one wake from its measured phase durations and the board's known currents. The load hangs
    /// behind a linear regulator, so the supercap supplies the load current at its own voltage: E = V x I x t.
    /// </summary>
    public static class WakeEnergy
    {
        /// <summary>
        /// Energy of a wake, uJ: awake time at the active current, plus radio time at the extra radio current,
        /// at <paramref name="supercapMillivolts"/>. mV x mA x ms = nJ, hence the / 1000.
        /// </summary>
        public static long Microjoules(int supercapMillivolts, long awakeMilliseconds, long radioMilliseconds, int activeMilliamps, int radioMilliamps)
        {
            if (awakeMilliseconds < 0) awakeMilliseconds = 0;
            if (radioMilliseconds < 0) radioMilliseconds = 0;
            long nanojoules = (long)supercapMillivolts * activeMilliamps * awakeMilliseconds
                            + (long)supercapMillivolts * (radioMilliamps - activeMilliamps) * radioMilliseconds;
            return nanojoules > 0 ? nanojoules / 1000 : 0;
        }
    }
}
