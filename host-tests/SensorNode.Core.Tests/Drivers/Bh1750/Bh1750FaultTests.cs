using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Bh1750;

public class Bh1750FaultTests
{
    private const double Lux = 600.0; // raw 720 exactly: 60000 x 0.01 lx

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void StartMeasurement_ReturnsZero_WhenPowerOnFails_AndTheNextStartWorks(I2cStatus status, SensorError expected)
    {
        var (chip, sensor) = Create();
        chip.FailNextTransfers(1, status);

        Assert.Equal(0, sensor.StartMeasurement());
        Assert.Equal(expected, sensor.LastError);
        Assert.Equal(1, chip.TransferCount); // no measurement command after a failed power-on
        Assert.False(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
        Assert.Equal(0, centiLux);

        AssertNextReadingIsGood(sensor);
    }

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void StartMeasurement_ReturnsZero_WhenTheMeasurementCommandFails(I2cStatus status, SensorError expected)
    {
        var channel = new RecordingI2cChannel();
        channel.EnqueueWriteStatus(I2cStatus.Ok);
        channel.EnqueueWriteStatus(status);
        var sensor = new Bh1750Sensor(channel);

        Assert.Equal(0, sensor.StartMeasurement());

        Assert.Equal(expected, sensor.LastError);
        Assert.False(sensor.TryReadIlluminance(out _));
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
    }

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void TryReadIlluminance_ReturnsFalse_WhenTheReadFails_AndTheNextReadWorks(I2cStatus status, SensorError expected)
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
    public void TryReadIlluminance_CannotDetectCorruption_BecauseTheBh1750HasNoCrc()
    {
        var (chip, sensor) = Create();
        sensor.StartMeasurement();
        chip.CorruptNextReads(1);

        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        // Raw 720 became 721: a plausible reading one count off, reported as good.
        Assert.Equal(60083, centiLux);
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

        chip.Present = true;
        AssertNextReadingIsGood(sensor);
    }

    private static (SimulatedBh1750 Chip, Bh1750Sensor Sensor) Create()
    {
        var chip = new SimulatedBh1750 { IlluminanceLux = Lux };
        return (chip, new Bh1750Sensor(chip));
    }

    private static void AssertNextReadingIsGood(Bh1750Sensor sensor)
    {
        Assert.Equal(180, sensor.StartMeasurement());
        Assert.True(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(SensorError.None, sensor.LastError);
        Assert.Equal(60000, centiLux);
    }
}
