using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>A digital input whose level the test or simulator sets (the PIR output).</summary>
public sealed class SimulatedPin : IDigitalInput
{
    /// <summary>Logic level of the pin; true = high (the PIR reports motion).</summary>
    public bool High { get; set; }

    /// <summary>Reads taken so far.</summary>
    public int ReadCount { get; private set; }

    /// <inheritdoc />
    public bool IsHigh()
    {
        ReadCount++;
        return High;
    }
}
