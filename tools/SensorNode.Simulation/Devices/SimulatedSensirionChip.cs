using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// What the simulated SHT3x and SHT4x share: a temperature and a humidity, a 6-byte output of two words each with its
/// Sensirion CRC-8, NACKs while converting or when nothing waits, and output cleared once read. A subclass decodes
/// its commands and says how its words map the physical values.
/// </summary>
public abstract class SimulatedSensirionChip : SimulatedI2cDevice
{
    private readonly byte[] _output = new byte[6];
    private bool _outputReady;

    /// <summary>Air temperature at the sensor, degC; outside -45 to 130 the output clamps, like the chips'.</summary>
    public double TemperatureCelsius { get; set; } = 20.0;

    /// <summary>Relative humidity at the sensor, %.</summary>
    public double HumidityPercent { get; set; } = 50.0;

    /// <summary>Measurements started so far.</summary>
    public int MeasurementsStarted { get; private set; }

    /// <summary>The humidity word's fraction of full scale for <paramref name="percent"/> (the chips' formulas differ).</summary>
    protected abstract double HumidityFraction(double percent);

    /// <summary>Starts a measurement: the output is invalid until the conversion completes.</summary>
    protected I2cStatus BeginMeasurement()
    {
        _outputReady = false;
        MeasurementsStarted++;
        StartConversion();
        return I2cStatus.Ok;
    }

    /// <summary>Drops any waiting output (soft reset).</summary>
    protected I2cStatus Reset()
    {
        _outputReady = false;
        return I2cStatus.Ok;
    }

    /// <summary>Puts two words (e.g. a serial number) in the output, ready to read.</summary>
    protected I2cStatus Answer(int firstWord, int secondWord)
    {
        WriteWord(0, firstWord);
        WriteWord(3, secondWord);
        _outputReady = true;
        return I2cStatus.Ok;
    }

    /// <inheritdoc />
    protected override void OnConversionComplete()
    {
        Answer(Quantise((TemperatureCelsius + 45.0) / 175.0), Quantise(HumidityFraction(HumidityPercent)));
    }

    /// <inheritdoc />
    protected override I2cStatus OnRead(byte[] buffer)
    {
        if (IsConverting || !_outputReady)
        {
            return I2cStatus.AddressNotAcknowledged;
        }
        // The master may stop early (e.g. after the temperature word); bytes past the sixth read as 0xFF.
        Array.Fill(buffer, (byte)0xFF);
        Array.Copy(_output, buffer, Math.Min(buffer.Length, _output.Length));
        _outputReady = false; // the output is cleared once read
        return I2cStatus.Ok;
    }

    /// <summary>Fraction of full scale (0 to 1, clamped) to the 16-bit output word.</summary>
    private static int Quantise(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0.0, 1.0) * 65535.0);

    private void WriteWord(int offset, int word)
    {
        _output[offset] = (byte)(word >> 8);
        _output[offset + 1] = (byte)word;
        _output[offset + 2] = SensirionCrc8.Compute(_output, offset, 2);
    }
}
