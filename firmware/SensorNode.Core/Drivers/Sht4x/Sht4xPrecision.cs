namespace SensorNode.Core.Drivers
{
    /// <summary>SHT4x measurement precision (repeatability), one single-byte command each (datasheet 4.5, Table 7).</summary>
    public enum Sht4xPrecision
    {
        /// <summary>Command 0xFD: 0.04 degC / 0.08 %RH repeatability, 8.3 ms maximum.</summary>
        High = 0,
        /// <summary>Command 0xF6: 0.07 degC / 0.15 %RH, 4.5 ms maximum.</summary>
        Medium = 1,
        /// <summary>Command 0xE0: 0.1 degC / 0.25 %RH, 1.6 ms maximum.</summary>
        Low = 2,
    }
}
