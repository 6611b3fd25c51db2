using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Opt3001;

public class Opt3001FaultTests
{
    private const double Lux = 1000.0; // auto range picks E=5 (LSB 0.32 lx), mantissa 3125

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void StartMeasurement_ReturnsZero_WhenTheConfigurationWriteFails_AndTheNextStartWorks(I2cStatus status, SensorError expected)
    {
        var (chip, sensor) = Create();
        chip.FailNextTransfers(1, status);

        Assert.Equal(0, sensor.StartMeasurement());
        Assert.Equal(expected, sensor.LastError);
        Assert.False(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
        Assert.Equal(0, centiLux);
        Assert.Equal(0, chip.ConversionsCompleted);

        AssertNextReadingIsGood(sensor);
    }

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void TryReadIlluminance_ReturnsFalse_WhenAReadFails_AndTheNextReadWorks(I2cStatus status, SensorError expected)
    {
        var (chip, sensor) = Create();
        sensor.StartMeasurement();
        chip.FailNextTransfers(1, status);

        Assert.False(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(expected, sensor.LastError);
        Assert.Equal(0, centiLux);

        AssertNextReadingIsGood(sensor);
    }

    [Fact]
    public void TryReadIlluminance_CannotDetectCorruption_BecauseTheOpt3001HasNoCrc()
    {
        var (chip, sensor) = Create();
        sensor.StartMeasurement();
        chip.CorruptNextReads(1);

        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        // One flipped mantissa bit: a plausible reading one LSB (32 x 0.01 lx) off, reported as good.
        Assert.Equal(100000 - 32, centiLux);
        Assert.Equal(SensorError.None, sensor.LastError);
        AssertNextReadingIsGood(sensor);
    }

    [Fact]
    public void AbsentChip_FailsWithNotAcknowledged_AndWorksOnceItAnswers()
    {
        var (chip, sensor) = Create();
        chip.Present = false;

        Assert.Equal(0, sensor.StartMeasurement());
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
        Assert.False(sensor.TryReadManufacturerId(out int id));
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
        Assert.Equal(0, id);

        chip.Present = true;
        AssertNextReadingIsGood(sensor);
    }

    private static (SimulatedOpt3001 Chip, Opt3001Sensor Sensor) Create()
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = Lux };
        return (chip, new Opt3001Sensor(chip));
    }

    private static void AssertNextReadingIsGood(Opt3001Sensor sensor)
    {
        Assert.Equal(110, sensor.StartMeasurement());
        Assert.True(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(SensorError.None, sensor.LastError);
        Assert.Equal(100000, centiLux);
    }
}
