namespace SensorNode.Core.Energy
{
    /// <summary>
    /// Harvested power from what the node can observe: the supercap voltage at two wakes and the energy it
    /// knows it spent in between (the previous wake's cost plus deep-sleep current). Supercap leakage is not
    /// observable, so it shows up as lower harvest: the estimate is conservative.
    /// </summary>
    public static class HarvestEstimator
    {
        /// <summary>Weight of a new estimate in the smoothed value, in 1/8ths.</summary>
        public const int SmoothingEighths = 4;

        /// <summary>
        /// Average harvested power between two wakes, uW (0 or more): (E_now - E_prev + spent) / elapsed.
        /// Returns -1 when the interval is unusable (no previous voltage, or elapsed &lt;= 0).
        /// </summary>
        public static int EstimateMicrowatts(SupercapModel supercap, int previousMillivolts, int currentMillivolts, long elapsedSeconds, long spentMicrojoules)
        {
            if (previousMillivolts <= 0 || currentMillivolts <= 0 || elapsedSeconds <= 0)
            {
                return -1;
            }
            long harvested = supercap.StoredMicrojoules(currentMillivolts) - supercap.StoredMicrojoules(previousMillivolts) + spentMicrojoules;
            if (harvested <= 0)
            {
                return 0;
            }
            long microwatts = harvested / elapsedSeconds;
            return microwatts > int.MaxValue ? int.MaxValue : (int)microwatts;
        }

        /// <summary>Deep-sleep energy, uJ: sleep current (uA) x supercap voltage (mV) x time (s) / 1000.</summary>
        public static long SleepMicrojoules(int sleepMicroamps, int supercapMillivolts, long sleepSeconds)
        {
            return (long)sleepMicroamps * supercapMillivolts / 1000 * sleepSeconds;
        }

        /// <summary>Exponential smoothing of the estimate; a negative (unusable) sample keeps the old value.</summary>
        public static int Smooth(int previousMicrowatts, int sampleMicrowatts)
        {
            if (sampleMicrowatts < 0)
            {
                return previousMicrowatts;
            }
            if (previousMicrowatts <= 0)
            {
                return sampleMicrowatts;
            }
            return (int)(((long)previousMicrowatts * (8 - SmoothingEighths) + (long)sampleMicrowatts * SmoothingEighths) / 8);
        }
    }
}
