using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Tests.Physics;

public class PhotovoltaicHarvesterTests
{
    // Default profile: 0.5 uA/lx x 0.85 (I_mpp / I_sc) x 4 V = 1.7 uW/lx at the panel, 75 % of it into the cap.
    private const double PanelWattsPerLux = 0.5e-6 * 0.85 * 4.0;
    private const double ThresholdWatts = 15e-6;

    private static readonly PhotovoltaicHarvester Default = PhotovoltaicHarvester.FromProfile(HardwareProfile.Default());

    // Closed-form products of a handful of doubles: 1e-15 relative covers their rounding.
    private static void AssertClose(double expected, double actual) => Assert.Equal(expected, actual, 1e-15 * Math.Abs(expected) + 1e-21);

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    [InlineData(500)]
    [InlineData(1000)]
    [InlineData(12861.6)] // the brightest sample in shared/data/indoor-light
    public void PanelWatts_IsLinearInLux_FromTheProfileFigures(double lux)
    {
        AssertClose(PanelWattsPerLux * lux, Default.PanelWatts(lux));
        AssertClose(2 * Default.PanelWatts(lux), Default.PanelWatts(2 * lux));
    }

    [Theory]
    [InlineData(200, 255e-6)] // the worked daily budget's levels, docs/energy-model.md
    [InlineData(500, 637.5e-6)]
    [InlineData(1000, 1275e-6)]
    public void ChargeWatts_IsPanelPowerTimesEfficiency_AboveTheThreshold(double lux, double watts)
    {
        AssertClose(watts, Default.ChargeWatts(lux));
        AssertClose(0.75 * Default.PanelWatts(lux), Default.ChargeWatts(lux));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(5)] // the budget's "lights off" level harvests nothing
    public void ChargeWatts_IsZero_BelowTheMinimumInput(double lux)
    {
        Assert.Equal(0, Default.ChargeWatts(lux));
        Assert.True(Default.PanelWatts(lux) >= 0);
    }

    [Fact]
    public void ChargeWatts_SwitchesOn_AtTheThresholdLuxComputedFromTheFigures()
    {
        // 15 uW / 1.7 uW/lx = 8.82 lx.
        double thresholdLux = ThresholdWatts / PanelWattsPerLux;
        Assert.Equal(8.8235, thresholdLux, 1e-4);

        Assert.Equal(0, Default.ChargeWatts(thresholdLux * (1 - 1e-9)));
        AssertClose(0.75 * PanelWattsPerLux * thresholdLux * (1 + 1e-9), Default.ChargeWatts(thresholdLux * (1 + 1e-9)));
    }

    [Fact]
    public void ChargeWatts_HasTheThresholdOnPanelPower_NotOnChargePower()
    {
        // The cold-start threshold is the harvester's input, so it applies before the efficiency.
        // 1 uA/lx at 1 V: 1 uW/lx at the panel, 50 % efficient, 10 uW minimum input.
        var harvester = new PhotovoltaicHarvester(1.0, 1.0, 1.0, 0.5, 10e-6);

        AssertClose(6e-6, harvester.ChargeWatts(12)); // 6 uW into the cap although that is below 10 uW
        Assert.Equal(0, harvester.ChargeWatts(9.99));
    }
}
