using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>A load switch driven by an output pin (the gated supercap divider). Counts how often it was switched on.</summary>
public sealed class SimulatedSwitch : IDigitalOutput
{
    public bool On { get; private set; }
    public int TimesSwitchedOn { get; private set; }

    public void Write(bool high)
    {
        if (high && !On) TimesSwitchedOn++;
        On = high;
    }
}
