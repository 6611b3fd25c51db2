namespace SensorNode.Core.Drivers
{
    /// <summary>One SHT3x measurement: temperature and humidity from the same conversion.</summary>
    public struct Sht3xSample
    {
        /// <summary>Temperature, 0.01 degC; -4500 to 13000 (the chip's -45 to 130 degC output range).</summary>
        public int TemperatureCentiCelsius;

        /// <summary>Relative humidity, 0.01 %RH; 0 to 10000.</summary>
        public int HumidityCentiPercent;
    }
}
