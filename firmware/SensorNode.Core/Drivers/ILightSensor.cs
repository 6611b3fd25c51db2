namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// An ambient-light sensor (OPT3001 or BH1750, chosen by configuration). A reading is split in two so the
    /// wake cycle can start every sensor, wait once for the slowest, then read them all.
    /// </summary>
    public interface ILightSensor
    {
        /// <summary>
        /// Starts one conversion. Returns the time to wait before <see cref="TryReadIlluminance"/>, ms (&gt; 0);
        /// 0 when the bus transfer failed (<see cref="LastError"/> says why).
        /// </summary>
        int StartMeasurement();

        /// <summary>
        /// Reads the conversion started last. Illuminance in 0.01 lx, 0 or more (the upper limit is the chip's).
        /// False with <see cref="LastError"/> set on any fault; the out value is then 0 and must be ignored.
        /// </summary>
        bool TryReadIlluminance(out int illuminanceCentiLux);

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        SensorError LastError { get; }

        /// <summary>One line for the boot log: chip, mode, last error.</summary>
        string Describe();
    }
}
