namespace SensorNode.Core.Policy
{
    /// <summary>What the node knows at a wake, before the state encoder puts it into bins.</summary>
    public struct PolicyObservation
    {
        /// <summary>Supercap voltage, mV.</summary>
        public int SupercapMillivolts;
        /// <summary>Light at the sensor, 0.01 lx; negative when the light read failed (the encoder then uses harvest power).</summary>
        public int IlluminanceCentiLux;
        /// <summary>Estimated harvested power, uW.</summary>
        public int HarvestMicrowatts;
        /// <summary>Local hour of day 0-23; negative when wall time is unknown.</summary>
        public int HourOfDay;
        /// <summary>Readings in the log not yet acknowledged by the broker.</summary>
        public int BacklogReadings;
        /// <summary>Smoothed PIR event rate, events per 1000 h.</summary>
        public int EventRateMilliPerHour;
        /// <summary>
        /// True when this wake saw motion after a quiet gap (no motion seen for [service] arrival_gap_minutes, or none
        /// known before): an arrival, the reading a building wants at once. Needs wall time; false when it is unknown.
        /// </summary>
        public bool ArrivalWake;
    }
}
