namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// A temperature and humidity sensor (SHT3x or SHT4x, chosen by configuration). Like <see cref="ILightSensor"/>,
    /// a reading is split in two so the wake cycle can start every sensor, wait once for the slowest, then read them all.
    /// </summary>
    public interface IClimateSensor
    {
        /// <summary>
        /// Starts one conversion. Returns the time to wait before <see cref="TryReadMeasurement"/>, ms (&gt; 0);
        /// 0 when the bus transfer failed (<see cref="LastError"/> says why).
        /// </summary>
        int StartMeasurement();

        /// <summary>
        /// Reads the conversion started last. False with <see cref="LastError"/> set on any fault (NACK, bus fault,
        /// CRC mismatch, nothing started); <paramref name="sample"/> is then all zero and must be ignored.
        /// </summary>
        bool TryReadMeasurement(out ClimateSample sample);

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        SensorError LastError { get; }

        /// <summary>One line for the boot log: chip, mode, last error.</summary>
        string Describe();
    }
}
