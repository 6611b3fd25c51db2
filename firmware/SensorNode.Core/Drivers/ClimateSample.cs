namespace SensorNode.Core.Drivers
{
    /// <summary>One climate measurement: temperature and humidity from the same conversion (SHT3x or SHT4x).</summary>
    public struct ClimateSample
    {
        /// <summary>Temperature, 0.01 degC; -4500 to 13000 (the -45 to 130 degC output range of both chips).</summary>
        public int TemperatureCentiCelsius;

        /// <summary>Relative humidity, 0.01 %RH; 0 to 10000.</summary>
        public int HumidityCentiPercent;
    }
}
