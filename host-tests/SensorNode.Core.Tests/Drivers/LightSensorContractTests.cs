using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>The wake cycle uses either light sensor through <see cref="ILightSensor"/>: both must keep the same contract.</summary>
public class LightSensorContractTests
{
    public static TheoryData<string> Chips => new() { "OPT3001", "BH1750" };

    [Theory]
    [MemberData(nameof(Chips))]
    public void ReadsTheSameLight_ThroughTheInterface(string chip)
    {
        ILightSensor sensor = Create(chip, 750.0, out _);

        Assert.True(sensor.StartMeasurement() > 0);
        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        Assert.InRange(centiLux, 75000 - 50, 75000 + 50);
        Assert.Equal(SensorError.None, sensor.LastError);
        Assert.StartsWith(chip, sensor.Describe());
    }

    [Theory]
    [MemberData(nameof(Chips))]
    public void ReportsNotStarted_AndZero_WhenReadWithoutStart(string chip)
    {
        ILightSensor sensor = Create(chip, 750.0, out _);

        Assert.False(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(0, centiLux);
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
    }

    [Theory]
    [MemberData(nameof(Chips))]
    public void StartMeasurement_ReturnsZero_WhenTheChipIsAbsent(string chip)
    {
        ILightSensor sensor = Create(chip, 750.0, out SimulatedI2cDevice device);
        device.Present = false;

        Assert.Equal(0, sensor.StartMeasurement());
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
    }

    private static ILightSensor Create(string chip, double lux, out SimulatedI2cDevice device)
    {
        if (chip == "OPT3001")
        {
            var opt = new SimulatedOpt3001 { IlluminanceLux = lux };
            device = opt;
            return new Opt3001Sensor(opt);
        }
        var bh = new SimulatedBh1750 { IlluminanceLux = lux };
        device = bh;
        return new Bh1750Sensor(bh);
    }
}
