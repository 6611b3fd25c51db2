using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Opt3001;

public class Opt3001SensorTests
{
    [Fact]
    public void ReadmeUsage_ReadsOneConversion()
    {
        var channel = new SimulatedOpt3001 { IlluminanceLux = 88.8 };

        // --- README snippet starts
        var light = new Opt3001Sensor(channel);
        bool genuine = light.TryReadManufacturerId(out int id) && id == Opt3001Codec.ManufacturerIdTexasInstruments;
        int waitMilliseconds = light.StartMeasurement();    // 110; 0 if the bus failed
        // ... wait (the simulator needs no wait) ...
        bool ok = light.TryReadIlluminance(out int illuminanceCentiLux);   // 8880 = 88.80 lx
        // --- README snippet ends

        Assert.True(genuine);
        Assert.Equal(110, waitMilliseconds);
        Assert.True(ok);
        Assert.Equal(8880, illuminanceCentiLux);
    }

    [Fact]
    public void StartMeasurement_WritesTheSingleShotConfiguration()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Opt3001Sensor(channel);

        Assert.Equal(110, sensor.StartMeasurement());

        Assert.Equal(new[] { new byte[] { 0x01, 0xC2, 0x10 } }, channel.Writes);
    }

    [Fact]
    public void TryReadIlluminance_ChecksConversionReadyThenReadsTheResultRegister()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Opt3001Sensor(channel);
        sensor.StartMeasurement();
        channel.EnqueueRead(0xC0, 0x90);   // configuration: back in shutdown, CRF set
        channel.EnqueueRead(0x34, 0x56);   // result: datasheet example, 88.80 lx

        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(8880, centiLux);
        Assert.Equal(new[] { new byte[] { 0x01, 0xC2, 0x10 }, new byte[] { 0x01 }, new byte[] { 0x00 } }, channel.Writes);
    }

    [Fact]
    public void TryReadIlluminance_ReturnsFalse_WhenTheConversionIsNotReady()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Opt3001Sensor(channel);
        sensor.StartMeasurement();
        channel.EnqueueRead(0xC2, 0x10);   // still single shot, CRF clear

        Assert.False(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(SensorError.NotStarted, sensor.LastError);
        Assert.Equal(0, centiLux);
        Assert.Equal(2, channel.Writes.Count); // the stale result register was not even read
    }

    [Fact]
    public void TryReadIlluminance_ReturnsOutOfRange_ForAReservedExponent()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Opt3001Sensor(channel);
        sensor.StartMeasurement();
        channel.EnqueueRead(0xC0, 0x90);
        channel.EnqueueRead(0xC0, 0x00);

        Assert.False(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(SensorError.OutOfRange, sensor.LastError);
        Assert.Equal(0, centiLux);
    }

    [Fact]
    public void TryReadIlluminance_RetriesOnlyTheResultRead_AfterItFailed()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Opt3001Sensor(channel);
        sensor.StartMeasurement();
        channel.EnqueueRead(0xC0, 0x90);
        channel.EnqueueReadFailure(I2cStatus.PartialTransfer);
        Assert.False(sensor.TryReadIlluminance(out _));
        Assert.Equal(SensorError.BusError, sensor.LastError);

        // The chip cleared CRF when the configuration was read; the driver remembers it was set.
        channel.EnqueueRead(0x34, 0x56);
        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(8880, centiLux);
        Assert.Equal(new byte[] { 0x00 }, channel.Writes[^1]);
        Assert.Equal(new byte[] { 0x00 }, channel.Writes[^2]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(12.34)]
    [InlineData(40.95)]
    [InlineData(41.0)]
    [InlineData(1000.0)]
    [InlineData(2818.56)]
    [InlineData(20000.0)]
    [InlineData(83865.6)]
    public void TryReadIlluminance_ReadsBackTheSimulatedLightWithinHalfAnLsb(double lux)
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = lux };
        var sensor = new Opt3001Sensor(chip);

        Assert.Equal(110, sensor.StartMeasurement());
        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        // Auto range keeps at least 11 significant mantissa bits, so half an LSB is at most 1/4096 of the value.
        double tolerance = Math.Max(0.5, lux * 100 / 4096);
        Assert.InRange(centiLux, lux * 100 - tolerance, lux * 100 + tolerance);
        Assert.Equal(SensorError.None, sensor.LastError);
    }

    [Theory]
    [InlineData(3.21)]
    [InlineData(654.321)]
    [InlineData(45678.9)]
    public void TryReadIlluminance_AgreesWithAnIndependentDecodingOfTheResultRegister(double lux)
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = lux };
        var sensor = new Opt3001Sensor(chip);
        sensor.StartMeasurement();
        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        var register = new byte[2];
        Assert.Equal(I2cStatus.Ok, chip.WriteRead(new byte[] { 0x00 }, register));
        int exponent = register[0] >> 4;
        int mantissa = ((register[0] & 0x0F) << 8) | register[1];
        double expectedLux = 0.01 * Math.Pow(2, exponent) * mantissa;

        Assert.Equal(expectedLux, centiLux / 100.0, 6);
    }

    [Fact]
    public void TryReadIlluminance_SaturatesAtFullScale_InDirectSunlight()
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = 120000 };
        var sensor = new Opt3001Sensor(chip);
        sensor.StartMeasurement();

        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(8386560, centiLux);
    }

    [Fact]
    public void TryReadIlluminance_ReturnsFalse_BeforeTheConversionFinishes_ThenSucceeds()
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = 500, HoldConversions = true };
        var sensor = new Opt3001Sensor(chip);
        sensor.StartMeasurement();

        Assert.False(sensor.TryReadIlluminance(out int early));
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
        Assert.Equal(0, early);

        chip.CompleteConversion();
        Assert.True(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(50000, centiLux);
    }

    [Fact]
    public void Chip_ReturnsToShutdown_AfterTheSingleShotConversion()
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = 500 };
        var sensor = new Opt3001Sensor(chip);
        sensor.StartMeasurement();
        Assert.True(sensor.TryReadIlluminance(out _));

        Assert.Equal(0, chip.Configuration & 0b0000_0110_0000_0000); // M[10:9] = 00: shutdown, 0.3 uA
    }

    [Fact]
    public void TryReadManufacturerId_ReadsTexasInstrumentsId()
    {
        var sensor = new Opt3001Sensor(new SimulatedOpt3001());

        Assert.True(sensor.TryReadManufacturerId(out int id));

        Assert.Equal(0x5449, id);
        Assert.Equal(SensorError.None, sensor.LastError);
    }

    [Fact]
    public void TryReadManufacturerId_DoesNotDisturbAPendingConversion()
    {
        var chip = new SimulatedOpt3001 { IlluminanceLux = 300 };
        var sensor = new Opt3001Sensor(chip);
        sensor.StartMeasurement();

        Assert.True(sensor.TryReadManufacturerId(out _));

        Assert.True(sensor.TryReadIlluminance(out int centiLux));
        Assert.Equal(30000, centiLux);
    }

    [Fact]
    public void Constructor_Throws_ForNullChannel_AndDoesNoBusTraffic()
    {
        Assert.Throws<ArgumentNullException>(() => new Opt3001Sensor(null!));
        var chip = new SimulatedOpt3001();
        _ = new Opt3001Sensor(chip);
        Assert.Equal(0, chip.TransferCount);
    }

    [Fact]
    public void Describe_NamesChipModeAndLastError()
    {
        var chip = new SimulatedOpt3001();
        var sensor = new Opt3001Sensor(chip);
        Assert.Equal("OPT3001 single-shot, auto range, 100 ms, last error None", sensor.Describe());

        sensor.TryReadIlluminance(out _);
        Assert.EndsWith("last error NotStarted", sensor.Describe());
    }
}
