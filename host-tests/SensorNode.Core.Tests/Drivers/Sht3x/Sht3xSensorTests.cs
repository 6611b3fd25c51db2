using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Sht3x;

public class Sht3xSensorTests
{
    [Fact]
    public void ReadmeUsage_ReadsOneMeasurement()
    {
        var channel = new SimulatedSht3x { TemperatureCelsius = 21.5, HumidityPercent = 48.0 };

        // --- README snippet starts
        var sht = new Sht3xSensor(channel, Sht3xRepeatability.High);
        int waitMilliseconds = sht.StartMeasurement();      // 16; 0 if the bus failed
        // ... start the other sensors, then wait once for the slowest (the simulator needs no wait) ...
        bool ok = sht.TryReadMeasurement(out ClimateSample sample);
        // sample.TemperatureCentiCelsius is 2150 (21.50 degC), sample.HumidityCentiPercent 4800 (48.00 %RH)
        // --- README snippet ends

        Assert.True(ok, sht.Describe());
        Assert.Equal(16, waitMilliseconds);
        Assert.Equal(2150, sample.TemperatureCentiCelsius);
        Assert.Equal(4800, sample.HumidityCentiPercent);
    }

    [Theory]
    [InlineData(Sht3xRepeatability.High, 0x24, 0x00, 16)]
    [InlineData(Sht3xRepeatability.Medium, 0x24, 0x0B, 7)]
    [InlineData(Sht3xRepeatability.Low, 0x24, 0x16, 5)]
    public void StartMeasurement_WritesSingleShotCommandWithoutClockStretching(Sht3xRepeatability repeatability, byte msb, byte lsb, int expectedWait)
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Sht3xSensor(channel, repeatability);

        int wait = sensor.StartMeasurement();

        Assert.Equal(expectedWait, wait);
        Assert.Equal(new[] { new byte[] { msb, lsb } }, channel.Writes);
        Assert.Equal(SensorError.None, sensor.LastError);
    }

    [Fact]
    public void TryReadMeasurement_DecodesATypedInFrame()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Sht3xSensor(channel, Sht3xRepeatability.High);
        sensor.StartMeasurement();
        // 0x6666 = 25.00 degC, 0x8000 = 50.00 %RH, each followed by its CRC-8 (computed outside this code base).
        channel.EnqueueRead(0x66, 0x66, 0x93, 0x80, 0x00, 0xA2);

        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));

        Assert.Equal(2500, sample.TemperatureCentiCelsius);
        Assert.Equal(5000, sample.HumidityCentiPercent);
        Assert.Equal(SensorError.None, sensor.LastError);
    }

    [Theory]
    [InlineData(-45.0, 0.0)]
    [InlineData(-40.0, 5.0)]
    [InlineData(0.0, 12.5)]
    [InlineData(21.37, 45.5)]
    [InlineData(85.0, 99.99)]
    [InlineData(130.0, 100.0)]
    public void TryReadMeasurement_ReadsBackTheSimulatedClimateWithinOneHundredth(double celsius, double percent)
    {
        var chip = new SimulatedSht3x { TemperatureCelsius = celsius, HumidityPercent = percent };
        var sensor = new Sht3xSensor(chip, Sht3xRepeatability.High);

        sensor.StartMeasurement();
        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));

        // One output step is 0.0027 degC / 0.0015 %RH, so rounding to 0.01 stays within 1.
        Assert.InRange(sample.TemperatureCentiCelsius, celsius * 100 - 1, celsius * 100 + 1);
        Assert.InRange(sample.HumidityCentiPercent, percent * 100 - 1, percent * 100 + 1);
    }

    [Theory]
    [InlineData(23.456, 67.891)]
    [InlineData(-12.34, 3.21)]
    public void TryReadMeasurement_AgreesWithAnIndependentDecodingOfTheChipsBytes(double celsius, double percent)
    {
        var chip = new SimulatedSht3x { TemperatureCelsius = celsius, HumidityPercent = percent };
        // Measure once by hand, decoding with the datasheet's floating-point formulas.
        Assert.Equal(I2cStatus.Ok, chip.Write(new byte[] { 0x24, 0x00 }));
        var frame = new byte[6];
        Assert.Equal(I2cStatus.Ok, chip.Read(frame));
        double expectedCelsius = -45.0 + 175.0 * ((frame[0] << 8) | frame[1]) / 65535.0;
        double expectedPercent = 100.0 * ((frame[3] << 8) | frame[4]) / 65535.0;

        var sensor = new Sht3xSensor(chip, Sht3xRepeatability.Medium);
        sensor.StartMeasurement();
        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));

        Assert.Equal((int)Math.Round(expectedCelsius * 100, MidpointRounding.AwayFromZero), sample.TemperatureCentiCelsius);
        Assert.Equal((int)Math.Round(expectedPercent * 100, MidpointRounding.AwayFromZero), sample.HumidityCentiPercent);
    }

    [Fact]
    public void TryReadMeasurement_ReturnsFalse_WhenCrcMismatch_InATypedInFrame()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Sht3xSensor(channel, Sht3xRepeatability.High);
        sensor.StartMeasurement();
        channel.EnqueueRead(0x66, 0x66, 0x93, 0x80, 0x00, 0xA3); // humidity CRC should be 0xA2

        Assert.False(sensor.TryReadMeasurement(out ClimateSample sample));

        Assert.Equal(SensorError.CrcMismatch, sensor.LastError);
        Assert.Equal(default, sample);
    }

    [Fact]
    public void RetryingAfterACrcMismatch_IsNackedByTheChip_NeverAStaleValue()
    {
        var chip = new SimulatedSht3x();
        var sensor = new Sht3xSensor(chip, Sht3xRepeatability.High);
        sensor.StartMeasurement();
        chip.CorruptNextReads(1);
        Assert.False(sensor.TryReadMeasurement(out _));

        // The chip cleared its data when it was read out: a retry without a new start gets NACKed.
        Assert.False(sensor.TryReadMeasurement(out ClimateSample sample));
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
        Assert.Equal(default, sample);
    }

    [Fact]
    public void TryReadMeasurement_ReturnsFalse_WhileTheChipIsStillMeasuring_ThenSucceedsWhenDone()
    {
        var chip = new SimulatedSht3x { TemperatureCelsius = 10.0, HumidityPercent = 80.0, HoldConversions = true };
        var sensor = new Sht3xSensor(chip, Sht3xRepeatability.High);
        sensor.StartMeasurement();

        Assert.False(sensor.TryReadMeasurement(out ClimateSample early));
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);
        Assert.Equal(default, early);

        chip.CompleteConversion();
        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));
        Assert.Equal(1000, sample.TemperatureCentiCelsius);
        Assert.Equal(8000, sample.HumidityCentiPercent);
    }

    [Fact]
    public void Constructor_Throws_ForNullChannelOrUndefinedRepeatability()
    {
        Assert.Throws<ArgumentNullException>(() => new Sht3xSensor(null!, Sht3xRepeatability.High));
        var error = Assert.Throws<ArgumentException>(() => new Sht3xSensor(new SimulatedSht3x(), (Sht3xRepeatability)7));
        Assert.Contains("High, Medium or Low", error.Message);
    }

    [Fact]
    public void Constructor_DoesNoBusTraffic()
    {
        var chip = new SimulatedSht3x();
        _ = new Sht3xSensor(chip, Sht3xRepeatability.Low);
        Assert.Equal(0, chip.TransferCount);
    }

    [Fact]
    public void Describe_NamesChipModeAndLastError()
    {
        var chip = new SimulatedSht3x();
        var sensor = new Sht3xSensor(chip, Sht3xRepeatability.Low);
        Assert.Equal("SHT3x single-shot, low repeatability, no clock stretching, last error None", sensor.Describe());

        chip.Present = false;
        sensor.StartMeasurement();
        Assert.EndsWith("last error NotAcknowledged", sensor.Describe());
    }
}
