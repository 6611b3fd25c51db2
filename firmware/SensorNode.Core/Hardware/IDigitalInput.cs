namespace SensorNode.Core.Hardware
{
    /// <summary>One digital input pin (the PIR output).</summary>
    public interface IDigitalInput
    {
        /// <summary>True when the pin reads a logic high.</summary>
        bool IsHigh();
    }
}
