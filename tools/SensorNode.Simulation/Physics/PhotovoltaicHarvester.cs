namespace SensorNode.Simulation.Physics;

/// <summary>
/// Indoor PV panel plus MPPT boost harvester: short-circuit current proportional to illuminance (the constant is
/// fitted to shared/data/indoor-light, see docs/energy-model.md), operated at its maximum-power point, converted
/// with a fixed efficiency. Below the harvester's minimum input power (cold-start threshold) nothing is harvested.
/// </summary>
public sealed class PhotovoltaicHarvester(double microampsPerLux, double mppVolts, double mppCurrentFraction, double efficiency, double minInputWatts)
{
    public static PhotovoltaicHarvester FromProfile(HardwareProfile p) =>
        new(p.PvMicroampsPerLux, p.PvMppMillivolts / 1000.0, p.PvMppCurrentFraction, p.HarvesterEfficiency, p.HarvesterMinInputMicrowatts * 1e-6);

    /// <summary>Power the panel delivers at its maximum-power point under <paramref name="lux"/>, W.</summary>
    public double PanelWatts(double lux) => lux <= 0 ? 0 : microampsPerLux * 1e-6 * lux * mppCurrentFraction * mppVolts;

    /// <summary>Power into the supercap under <paramref name="lux"/>, W (0 below the harvester's threshold).</summary>
    public double ChargeWatts(double lux)
    {
        double panel = PanelWatts(lux);
        return panel < minInputWatts ? 0 : panel * efficiency;
    }
}
