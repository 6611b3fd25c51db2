namespace SensorNode.Core.Storage
{
    /// <summary>Which parts of a <see cref="Reading"/> are missing. A faulted value is never published as a number.</summary>
    [System.Flags]
    public enum ReadingFaults : byte
    {
        None = 0,
        /// <summary>SHT3x did not answer or its CRC failed: temperature and humidity are absent.</summary>
        Climate = 0b0000_0001,
        /// <summary>The light sensor did not answer: illuminance is absent.</summary>
        Light = 0b0000_0010,
        /// <summary>The ADC failed or saturated: supercap voltage is absent.</summary>
        Supercap = 0b0000_0100,
        /// <summary>Wall time was unknown when the reading was taken: its timestamp is absent.</summary>
        TimeUnknown = 0b0000_1000,
        /// <summary>
        /// The node was dead (brown-out, power loss or a reset) between the previous reading and this one: it saw
        /// nothing for part of that time. Not a missing value: the flag itself is the news.
        /// </summary>
        BrownoutBefore = 0b0001_0000,
    }

    /// <summary>One wake's measurements, as stored in the log and published. Fixed-point integers only.</summary>
    public struct Reading
    {
        /// <summary>Per-node sequence number, 1 upwards, never reused: the gateway deduplicates on it.</summary>
        public uint Sequence;
        /// <summary>Unix seconds (UTC) when taken; 0 when <see cref="ReadingFaults.TimeUnknown"/>.</summary>
        public long UnixSeconds;
        /// <summary>Air temperature in 0.01 degC (-4500 to 13000 for the SHT3x).</summary>
        public int TemperatureCentiCelsius;
        /// <summary>Relative humidity in 0.01 %RH (0 to 10000).</summary>
        public int HumidityCentiPercent;
        /// <summary>Illuminance in 0.01 lx (0 to 8386560, the OPT3001's full scale).</summary>
        public int IlluminanceCentiLux;
        /// <summary>Supercap voltage in mV at the start of the wake (0 to 65535).</summary>
        public int SupercapMillivolts;
        /// <summary>PIR events counted since the previous reading (0 to 65535).</summary>
        public int MotionEvents;
        /// <summary>What is missing.</summary>
        public ReadingFaults Faults;
        /// <summary>
        /// Seconds before <see cref="UnixSeconds"/> of the interval's first motion event (event RTC only), 0 to 65534
        /// (saturating); -1 when there was none or it is unknown.
        /// </summary>
        public int FirstMotionAgeSeconds;
        /// <summary>Seconds before <see cref="UnixSeconds"/> of the interval's last motion event, 0 to 65534; -1 when none or unknown.</summary>
        public int LastMotionAgeSeconds;
        /// <summary>
        /// Seconds the PIR was armed (watching) since the previous reading, 0 to 65534; -1 when unknown (the previous
        /// wake's arming or the sleep's length is not known, or an old log record). 0 after a brown-out: the node
        /// cannot tell how long it watched before it died, so it claims nothing.
        /// </summary>
        public int ArmedSeconds;
    }
}
