using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>
/// One I2C driver over its simulated chip, reduced to what the shared fault tests need: start, read (as an
/// array of the reading's integers, all zero on failure), last error, and the good reading to expect.
/// </summary>
public sealed class I2cDriverHarness
{
    public const string Sht3x = "SHT3x";
    public const string Sht4x = "SHT4x";
    public const string Opt3001 = "OPT3001";
    public const string Bh1750 = "BH1750";

    private I2cDriverHarness(SimulatedI2cDevice chip, Func<int> start, Func<(bool Ok, int[] Values)> read,
        Func<SensorError> lastError, Func<int> conversionsStarted, int expectedWait, int[] expectedValues)
    {
        Chip = chip;
        Start = start;
        Read = read;
        LastError = lastError;
        ConversionsStarted = conversionsStarted;
        ExpectedWait = expectedWait;
        ExpectedValues = expectedValues;
    }

    public SimulatedI2cDevice Chip { get; }
    public Func<int> Start { get; }
    public Func<(bool Ok, int[] Values)> Read { get; }
    public Func<SensorError> LastError { get; }
    /// <summary>Conversions the simulated chip has begun (a failed start must not begin one).</summary>
    public Func<int> ConversionsStarted { get; }
    public int ExpectedWait { get; }
    public int[] ExpectedValues { get; }

    public static TheoryData<string> Chips => new() { Sht3x, Sht4x, Opt3001, Bh1750 };

    public static TheoryData<string, I2cStatus, SensorError> ChipsAndFaults
    {
        get
        {
            var data = new TheoryData<string, I2cStatus, SensorError>();
            foreach (string chip in new[] { Sht3x, Sht4x, Opt3001, Bh1750 })
            {
                foreach (object[] fault in BusFaults.All)
                {
                    data.Add(chip, (I2cStatus)fault[0], (SensorError)fault[1]);
                }
            }
            return data;
        }
    }

    public static I2cDriverHarness Create(string chip)
    {
        switch (chip)
        {
            case Sht3x:
            {
                var device = new SimulatedSht3x { TemperatureCelsius = 24.0, HumidityPercent = 55.0 };
                var sensor = new Sht3xSensor(device, Sht3xRepeatability.High);
                return new I2cDriverHarness(device, sensor.StartMeasurement,
                    () => (sensor.TryReadMeasurement(out ClimateSample s), new[] { s.TemperatureCentiCelsius, s.HumidityCentiPercent }),
                    () => sensor.LastError, () => device.MeasurementsStarted, 16, new[] { 2400, 5500 });
            }
            case Sht4x:
            {
                var device = new SimulatedSht4x { TemperatureCelsius = 24.0, HumidityPercent = 55.0 };
                var sensor = new Sht4xSensor(device, Sht4xPrecision.High);
                return new I2cDriverHarness(device, sensor.StartMeasurement,
                    () => (sensor.TryReadMeasurement(out ClimateSample s), new[] { s.TemperatureCentiCelsius, s.HumidityCentiPercent }),
                    () => sensor.LastError, () => device.MeasurementsStarted, 10, new[] { 2400, 5500 });
            }
            case Opt3001:
            {
                var device = new SimulatedOpt3001 { IlluminanceLux = 1000.0 };
                var sensor = new Opt3001Sensor(device);
                return Light(device, sensor, () => device.ConversionsCompleted, 110, 100000);
            }
            case Bh1750:
            {
                var device = new SimulatedBh1750 { IlluminanceLux = 600.0 };
                var sensor = new Bh1750Sensor(device);
                return Light(device, sensor, () => device.MeasurementsCompleted, 180, 60000);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(chip), chip, "unknown chip");
        }
    }

    /// <summary>Asserts that a new start and read give the good reading: a fault left nothing behind.</summary>
    public void AssertNextReadingIsGood()
    {
        Assert.Equal(ExpectedWait, Start());
        var (ok, values) = Read();
        Assert.True(ok, LastError().ToString());
        Assert.Equal(SensorError.None, LastError());
        Assert.Equal(ExpectedValues, values);
    }

    /// <summary>Asserts that a read fails with <paramref name="expected"/> and hands back only zeros.</summary>
    public void AssertReadFails(SensorError expected)
    {
        var (ok, values) = Read();
        Assert.False(ok);
        Assert.Equal(expected, LastError());
        Assert.All(values, value => Assert.Equal(0, value));
    }

    private static I2cDriverHarness Light(SimulatedI2cDevice device, ILightSensor sensor, Func<int> conversions, int wait, int centiLux)
    {
        return new I2cDriverHarness(device, sensor.StartMeasurement,
            () => (sensor.TryReadIlluminance(out int value), new[] { value }),
            () => sensor.LastError, conversions, wait, new[] { centiLux });
    }
}
