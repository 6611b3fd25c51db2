namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// The names and units of the SenML records the node publishes (docs/mqtt.md). The node writes them
    /// (<see cref="SenmlWriter"/>); the gateway and the simulator read them from here, so the wire format has one source.
    /// </summary>
    public static class SenmlSchema
    {
        /// <summary>Start of every base name: "urn:dev:sensornode:&lt;node&gt;:".</summary>
        public const string BaseNamePrefix = "urn:dev:sensornode:";

        // Energy records: once per pack, without a time.
        /// <summary>Energy stored in the supercap, J.</summary>
        public const string StoredEnergy = "stored_energy";
        /// <summary>Energy the previous wake cost, J.</summary>
        public const string WakeEnergy = "wake_energy";
        /// <summary>Harvest power estimated over the last sleep, W.</summary>
        public const string HarvestPower = "harvest_power";
        /// <summary>Readings the node overwrote unsent (its log was full), count.</summary>
        public const string Dropped = "dropped";
        /// <summary>
        /// Version of the policy table that decided the wake which sent the pack (no unit): the gateway's check of what the
        /// node really runs, whatever was acked (a flash erased or rewritten by nanoff falls back to the built-in table).
        /// </summary>
        public const string PolicyVersion = "policy";

        // Reading records: one group per reading, led by its sequence.
        /// <summary>The reading's sequence number (no unit): leads each reading's records.</summary>
        public const string Sequence = "seq";
        /// <summary>Air temperature, Cel.</summary>
        public const string Temperature = "temperature";
        /// <summary>Relative humidity, %RH.</summary>
        public const string Humidity = "humidity";
        /// <summary>Illuminance, lx.</summary>
        public const string Illuminance = "illuminance";
        /// <summary>Supercap voltage, V.</summary>
        public const string Supercap = "supercap";
        /// <summary>PIR events since the previous reading, count.</summary>
        public const string Motion = "motion";
        /// <summary>Event RTC: age of the interval's first motion event before the reading's time, s.</summary>
        public const string MotionFirst = "motion_first";
        /// <summary>Event RTC: age of the interval's last motion event before the reading's time, s.</summary>
        public const string MotionLast = "motion_last";
        /// <summary>Seconds the PIR was armed (watching) since the previous reading, s (docs/occupancy.md).</summary>
        public const string Armed = "armed";
        /// <summary>1 when the node was dead (brown-out) between the previous reading and this one, count.</summary>
        public const string Brownout = "brownout";
        /// <summary>Watch commitment: seconds from the base time the PIR stays armed and changes are reported at once, s.</summary>
        public const string Watch = "watch";
        /// <summary>With "watch": 1 when the node reports the room active (motion within its quiet delay), count.</summary>
        public const string WatchActive = "watch_active";

        // Units (RFC 8428 section 12.1).
        /// <summary>Joules.</summary>
        public const string UnitJoule = "J";
        /// <summary>Watts.</summary>
        public const string UnitWatt = "W";
        /// <summary>Volts.</summary>
        public const string UnitVolt = "V";
        /// <summary>Degrees Celsius.</summary>
        public const string UnitCelsius = "Cel";
        /// <summary>Relative humidity, percent.</summary>
        public const string UnitRelativeHumidity = "%RH";
        /// <summary>Lux.</summary>
        public const string UnitLux = "lx";
        /// <summary>Seconds.</summary>
        public const string UnitSecond = "s";
        /// <summary>A count of events (SenML's "count", a dimensionless counter).</summary>
        public const string UnitCount = "count";
    }
}
