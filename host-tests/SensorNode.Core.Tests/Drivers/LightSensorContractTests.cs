using SensorNode.Core.Drivers;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>The wake cycle uses either light sensor through <see cref="ILightSensor"/>: both must read the same light.</summary>
public class LightSensorContractTests
{
    [Fact]
    public void BothChips_ReadTheSameLight_ThroughTheInterface()
    {
        ILightSensor[] sensors =
        {
            new Opt3001Sensor(new SimulatedOpt3001 { IlluminanceLux = 750.0 }),
            new Bh1750Sensor(new SimulatedBh1750 { IlluminanceLux = 750.0 }),
        };

        foreach (ILightSensor sensor in sensors)
        {
            Assert.True(sensor.StartMeasurement() > 0);
            Assert.True(sensor.TryReadIlluminance(out int centiLux));
            Assert.InRange(centiLux, 75000 - 50, 75000 + 50);
            Assert.Equal(SensorError.None, sensor.LastError);
        }
        Assert.StartsWith("OPT3001", sensors[0].Describe());
        Assert.StartsWith("BH1750", sensors[1].Describe());
    }
}
