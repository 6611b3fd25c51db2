using Xunit;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Sht4x;

public class Sht4xSensorTests
{
    [Fact]
    public void ReadmeUsage_ReadsOneMeasurement()
    {
        var channel = new SimulatedSht4x { TemperatureCelsius = 21.5, HumidityPercent = 48.0 };

        // --- README snippet starts
        IClimateSensor sht = new Sht4xSensor(channel, Sht4xPrecision.High);
        int waitMilliseconds = sht.StartMeasurement();      // 10; 0 if the bus failed
        // ... start the other sensors, then wait once for the slowest (the simulator needs no wait) ...
        bool ok = sht.TryReadMeasurement(out ClimateSample sample);
        // sample.TemperatureCentiCelsius is 2150 (21.50 degC), sample.HumidityCentiPercent 4800 (48.00 %RH)
        // --- README snippet ends

        Assert.True(ok, sht.Describe());
        Assert.Equal(10, waitMilliseconds);
        Assert.Equal(2150, sample.TemperatureCentiCelsius);
        Assert.Equal(4800, sample.HumidityCentiPercent);
    }

    [Fact]
    public void StartMeasurement_SendsTheOneByteHighPrecisionCommand_AndDecodesADatasheetFrame()
    {
        var channel = new RecordingI2cChannel();
        // T word 0x6666 and RH word 0x6666, each with its CRC 0x93: 25.00 degC and 44.00 %RH (datasheet 4.6).
        channel.EnqueueRead(0x66, 0x66, 0x93, 0x66, 0x66, 0x93);
        var sensor = new Sht4xSensor(channel, Sht4xPrecision.High);

        Assert.Equal(10, sensor.StartMeasurement());
        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));

        Assert.Equal(new byte[] { 0xFD }, Assert.Single(channel.Writes));
        Assert.Equal(2500, sample.TemperatureCentiCelsius);
        Assert.Equal(4400, sample.HumidityCentiPercent);
    }

    [Theory]
    [InlineData(-10.0, 0)]     // a chip word below 0 %RH is cropped, never published negative
    [InlineData(110.0, 10000)] // and above 100 %RH likewise
    public void Humidity_OutsideZeroToHundred_IsCropped(double percent, int expectedCentiPercent)
    {
        var sensor = new Sht4xSensor(new SimulatedSht4x { HumidityPercent = percent }, Sht4xPrecision.Low);
        sensor.StartMeasurement();

        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));
        Assert.Equal(expectedCentiPercent, sample.HumidityCentiPercent);
    }

    [Fact]
    public void Read_BeforeTheConversionEnds_IsANack_AndTheSameMeasurementCanBeRetried()
    {
        var chip = new SimulatedSht4x { TemperatureCelsius = 22.0, HumidityPercent = 40.0, HoldConversions = true };
        var sensor = new Sht4xSensor(chip, Sht4xPrecision.High);
        sensor.StartMeasurement();

        Assert.False(sensor.TryReadMeasurement(out _));
        Assert.Equal(SensorError.NotAcknowledged, sensor.LastError);

        chip.CompleteConversion();
        Assert.True(sensor.TryReadMeasurement(out ClimateSample sample));
        Assert.Equal(2200, sample.TemperatureCentiCelsius);
        Assert.False(sensor.TryReadMeasurement(out _)); // returned at most once
        Assert.Equal(SensorError.NotStarted, sensor.LastError);
    }

    [Theory]
    [InlineData(ClimateSensorKind.Sht3x, "SHT3x single-shot")]
    [InlineData(ClimateSensorKind.Sht4x, "SHT4x, high precision")]
    public void SensorDrivers_PicksTheConfiguredChip(ClimateSensorKind kind, string described)
    {
        IClimateSensor sensor = SensorDrivers.Climate(kind, new SimulatedSht4x());

        Assert.StartsWith(described, sensor.Describe());
    }
}
