namespace SensorNode.Core.Hardware
{
    /// <summary>A blocking wait (sensor conversion time). The simulator advances its clock instead of sleeping.</summary>
    public interface IDelay
    {
        /// <summary>Waits at least <paramref name="milliseconds"/> ms (0 or less returns at once).</summary>
        void DelayMilliseconds(int milliseconds);
    }
}
