using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// nanoCLR's stored Wi-Fi station configuration: read at every boot (<see cref="Boot"/>) to decide whether the radio
/// runs that wake; each Enable/Disable is one flash write, counted in <see cref="Writes"/>.
/// </summary>
public sealed class SimulatedRadioConfig : IRadioConfigStore
{
    /// <summary>What is in flash now.</summary>
    public bool Stored { get; set; }

    /// <summary>Flash writes of the configuration block so far.</summary>
    public int Writes { get; private set; }

    /// <summary>The next Enable/Disable/IsStoredEnabled throws (an adapter fault).</summary>
    public bool FailNext { get; set; }

    public bool EnabledAtBoot { get; private set; }

    /// <summary>A new boot: nanoCLR reads the stored configuration before Main.</summary>
    public void Boot() => EnabledAtBoot = Stored;

    public bool IsStoredEnabled()
    {
        ThrowIfFailing();
        return Stored;
    }

    public bool Enable() => Write(true);

    public bool Disable() => Write(false);

    private bool Write(bool enabled)
    {
        Writes++;
        ThrowIfFailing();
        Stored = enabled;
        return true;
    }

    private void ThrowIfFailing()
    {
        if (!FailNext) return;
        FailNext = false;
        throw new System.IO.IOException("simulated configuration-store fault");
    }
}
