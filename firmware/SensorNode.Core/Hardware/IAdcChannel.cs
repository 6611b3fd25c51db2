namespace SensorNode.Core.Hardware
{
    /// <summary>One ADC channel returning raw, uncalibrated counts. Calibration and divider scaling are core logic.</summary>
    public interface IAdcChannel
    {
        /// <summary>Full-scale count (4095 for the ESP32's 12-bit ADC).</summary>
        int MaxRaw { get; }

        /// <summary>Takes one conversion. Returns false when the conversion failed.</summary>
        bool TryReadRaw(out int raw);
    }
}
