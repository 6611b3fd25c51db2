namespace SensorNode.Core.Hardware
{
    /// <summary>One digital output pin (the supercap divider's load switch).</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin high (true) or low (false).</summary>
        void Write(bool high);
    }
}
