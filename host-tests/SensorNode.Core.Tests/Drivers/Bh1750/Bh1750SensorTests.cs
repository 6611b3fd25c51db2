using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Bh1750;

public class Bh1750SensorTests
{
    [Fact]
    public void ReadmeUsage_ReadsOneMeasurement()
    {
        var channel = new SimulatedBh1750 { IlluminanceLux = 250.0 };

        // --- README snippet starts
        var light = new Bh1750Sensor(channel);
        int waitMilliseconds = light.StartMeasurement();    // 180; 0 if the bus failed
        // ... wait: the chip has no ready flag, reading early returns the previous value (the simulator needs no wait) ...
        bool ok = light.TryReadIlluminance(out int illuminanceCentiLux);   // 25000 = 250.00 lx
        // --- README snippet ends

        Assert.Equal(180, waitMilliseconds);
        Assert.True(ok);
        Assert.Equal(25000, illuminanceCentiLux);
    }

    [Fact]
    public void StartMeasurement_SendsPowerOnThenOneTimeHighResolution_OneOpcodePerTransaction()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Bh1750Sensor(channel);

        Assert.Equal(180, sensor.StartMeasurement());

        Assert.Equal(new[] { new byte[] { 0x01 }, new byte[] { 0x20 } }, channel.Writes);
    }

    [Fact]
    public void TryReadIlluminance_DecodesTheDatasheetExampleBytes()
    {
        var channel = new RecordingI2cChannel();
        var sensor = new Bh1750Sensor(channel);
        sensor.StartMeasurement();
        channel.EnqueueRead(0b1000_0011, 0b1001_0000);

        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(2806667, centiLux); // 28066.67 lx, the datasheet's "28067 lx"
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
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(123.4)]
    [InlineData(28067.0)]
    [InlineData(54612.0)]
    public void TryReadIlluminance_ReadsBackTheSimulatedLightWithinHalfACount(double lux)
    {
        var chip = new SimulatedBh1750 { IlluminanceLux = lux };
        var sensor = new Bh1750Sensor(chip);

        sensor.StartMeasurement();
        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        // One count is 1/1.2 lx: half a count is 41.7 x 0.01 lx.
        Assert.InRange(centiLux, lux * 100 - 42, lux * 100 + 42);
        Assert.False(chip.PoweredOn); // one-time mode powers the chip down again
    }

    [Theory]
    [InlineData(7.7)]
    [InlineData(4321.0)]
    public void TryReadIlluminance_AgreesWithAnIndependentDecodingOfTheDataRegister(double lux)
    {
        var chip = new SimulatedBh1750 { IlluminanceLux = lux };
        var sensor = new Bh1750Sensor(chip);
        sensor.StartMeasurement();
        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        var data = new byte[2];
        Assert.Equal(I2cStatus.Ok, chip.Read(data));
        double expectedLux = ((data[0] << 8) | data[1]) / 1.2;

        Assert.Equal((int)Math.Round(expectedLux * 100), centiLux);
    }

    [Fact]
    public void TryReadIlluminance_SaturatesAtFullScale_InDirectSunlight()
    {
        var sensor = new Bh1750Sensor(new SimulatedBh1750 { IlluminanceLux = 100000 });
        sensor.StartMeasurement();

        Assert.True(sensor.TryReadIlluminance(out int centiLux));

        Assert.Equal(Bh1750Codec.MaxCentiLux, centiLux);
    }

    [Fact]
    public void Constructor_Throws_ForNullChannel_AndDoesNoBusTraffic()
    {
        Assert.Throws<ArgumentNullException>(() => new Bh1750Sensor(null!));
        var chip = new SimulatedBh1750();
        _ = new Bh1750Sensor(chip);
        Assert.Equal(0, chip.TransferCount);
    }

    [Fact]
    public void Describe_NamesChipModeAndLastError()
    {
        var chip = new SimulatedBh1750 { Present = false };
        var sensor = new Bh1750Sensor(chip);
        Assert.Equal("BH1750 one-time H-resolution, 180 ms, last error None", sensor.Describe());

        sensor.StartMeasurement();
        Assert.EndsWith("last error NotAcknowledged", sensor.Describe());
    }
}
