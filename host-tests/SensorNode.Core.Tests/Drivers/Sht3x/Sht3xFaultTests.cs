using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Sht3x;

public class Sht3xFaultTests
{
    private const double Celsius = 24.0;
    private const double Percent = 55.0;

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void StartMeasurement_ReturnsZero_WhenTheCommandWriteFails_AndTheNextStartWorks(I2cStatus status, SensorError expected)
    {
        var (chip, sensor) = Create();
        chip.FailNextTransfers(1, status);

        Assert.Equal(0, sensor.StartMeasurement());
        Assert.Equal(expected, sensor.LastError);
        Assert.False(sensor.TryReadMeasurement(out Sht3xSample sample));
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
        Assert.Equal(default, sample);
        Assert.Equal(0, chip.MeasurementsStarted);

        AssertNextMeasurementIsGood(sensor);
    }

    [Theory]
    [MemberData(nameof(BusFaults.All), MemberType = typeof(BusFaults))]
    public void TryReadMeasurement_ReturnsFalse_WhenTheReadFails_AndTheNextReadWorks(I2cStatus status, SensorError expected)
    {
        var (chip, sensor) = Create();
        sensor.StartMeasurement();
        chip.FailNextTransfers(1, status);

        Assert.False(sensor.TryReadMeasurement(out Sht3xSample sample));
        Assert.Equal(expected, sensor.LastError);
        Assert.Equal(default, sample);

        AssertNextMeasurementIsGood(sensor);
    }

    [Theory]
    [InlineData(0)] // temperature MSB
    [InlineData(1)] // temperature LSB
    [InlineData(2)] // temperature CRC
    [InlineData(3)] // humidity MSB
    [InlineData(4)] // humidity LSB
    [InlineData(5)] // humidity CRC
    public void TryReadMeasurement_ReturnsFalse_WhenCrcMismatch_InEitherWord(int corruptedByte)
    {
        var (chip, sensor) = Create();
        sensor.StartMeasurement();
        chip.CorruptNextReads(1, corruptedByte);

        Assert.False(sensor.TryReadMeasurement(out Sht3xSample sample));
        Assert.Equal(SensorError.CrcMismatch, sensor.LastError);
        Assert.Equal(default, sample);

        AssertNextMeasurementIsGood(sensor);
    }

    [Fact]
    public void TryReadMeasurement_ReturnsFalse_WhenCrcMismatch_InATypedInFrame()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Sht3xSensor(channel, Sht3xRepeatability.High);
        sensor.StartMeasurement();
        channel.EnqueueRead(0x66, 0x66, 0x93, 0x80, 0x00, 0xA3); // humidity CRC should be 0xA2

        Assert.False(sensor.TryReadMeasurement(out Sht3xSample sample));

        Assert.Equal(SensorError.CrcMismatch, sensor.LastError);
        Assert.Equal(default, sample);
    }

    [Fact]
    public void RetryingAfterACrcMismatch_IsNackedByTheChip_NeverAStaleValue()
    {
        var (chip, sensor) = Create();
        sensor.StartMeasurement();
        chip.CorruptNextReads(1);
        Assert.False(sensor.TryReadMeasurement(out _));

        // The chip cleared its data when it was read out: a retry without a new start gets NACKed.
        Assert.False(sensor.TryReadMeasurement(out Sht3xSample sample));
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
        Assert.Equal(default, sample);
    }

    [Fact]
    public void AbsentChip_FailsWithNotAcknowledged_AndWorksOnceItAnswers()
    {
        var (chip, sensor) = Create();
        chip.Present = false;

        Assert.Equal(0, sensor.StartMeasurement());
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
        Assert.False(sensor.TryReadMeasurement(out _));
        Assert.Equal(SensorError.NotStarted, sensor.LastError);

        chip.Present = true;
        AssertNextMeasurementIsGood(sensor);
    }

    private static (SimulatedSht3x Chip, Sht3xSensor Sensor) Create()
    {
        var chip = new SimulatedSht3x { TemperatureCelsius = Celsius, HumidityPercent = Percent };
        return (chip, new Sht3xSensor(chip, Sht3xRepeatability.High));
    }

    private static void AssertNextMeasurementIsGood(Sht3xSensor sensor)
    {
        Assert.Equal(16, sensor.StartMeasurement());
        Assert.True(sensor.TryReadMeasurement(out Sht3xSample sample));
        Assert.Equal(SensorError.None, sensor.LastError);
        Assert.Equal(2400, sample.TemperatureCentiCelsius);
        Assert.Equal(5500, sample.HumidityCentiPercent);
    }
}
