namespace SensorNode.Core.Telemetry
{
    /// <summary>The node's energy figures at the time of a publish; encoded once per message (docs/mqtt.md).</summary>
    public struct EnergyTelemetry
    {
        /// <summary>
        /// Supercap voltage just before the radio starts, mV (0 to 65535). Not encoded by <see cref="SenmlWriter"/>:
        /// the readings' "supercap" records carry the voltage; kept for sinks that log it.
        /// </summary>
        public int SupercapMillivolts;
        /// <summary>Usable energy stored above brown-out, uJ (negative below brown-out). Published as "stored_energy", J.</summary>
        public long StoredMicrojoules;
        /// <summary>Estimated energy the previous wake spent, uJ (0 to about 2e9). Published as "wake_energy", J.</summary>
        public int LastWakeCostMicrojoules;
        /// <summary>Smoothed harvested power, uW (0 upwards). Published as "harvest_power", W.</summary>
        public int HarvestMicrowatts;
        /// <summary>Unacknowledged readings lost to a full log since first flash. Published as "dropped", count.</summary>
        public uint DroppedReadings;
        /// <summary>Version of the table that decided this wake (0 = unknown: not encoded). Published as "policy", no unit.</summary>
        public uint PolicyVersion;
        /// <summary>
        /// Watch commitment from the pack's base time, s (0 = none: not encoded). Published as "watch", s (docs/mqtt.md).
        /// </summary>
        public int WatchSeconds;
        /// <summary>With a commitment: the node saw motion within its quiet delay. Published as "watch_active" = 1 only when true.</summary>
        public bool WatchActive;
    }
}
