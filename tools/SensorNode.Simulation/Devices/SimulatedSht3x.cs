using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Register-level SHT3x-DIS: answers the single-shot commands (with or without clock stretching, which the
/// simulator treats alike) and soft reset, returns T and RH words each followed by its CRC-8, and NACKs a read
/// when no measurement is waiting or one is still in progress, as the chip does. Periodic mode, heater, status
/// register and alert limits are not modelled: their commands are NACKed.
/// </summary>
public sealed class SimulatedSht3x : SimulatedI2cDevice
{
    private readonly byte[] _measurement = new byte[Sht3xCodec.MeasurementLength];
    private bool _measurementReady;

    /// <summary>Air temperature at the sensor, degC; outside -45 to 130 the output clamps, like the chip's.</summary>
    public double TemperatureCelsius { get; set; } = 20.0;

    /// <summary>Relative humidity at the sensor, %; clamps to 0 to 100.</summary>
    public double HumidityPercent { get; set; } = 50.0;

    /// <summary>Single-shot measurements started so far.</summary>
    public int MeasurementsStarted { get; private set; }

    /// <inheritdoc />
    protected override I2cStatus OnWrite(byte[] data)
    {
        if (IsConverting)
        {
            return I2cStatus.AddressNotAcknowledged; // a measuring chip does not answer its address
        }
        if (data.Length != 2)
        {
            return I2cStatus.PartialTransfer; // only bare 16-bit commands are modelled
        }
        switch ((Sht3xCommand)((data[0] << 8) | data[1]))
        {
            case Sht3xCommand.SingleShotHighRepeatability:
            case Sht3xCommand.SingleShotMediumRepeatability:
            case Sht3xCommand.SingleShotLowRepeatability:
            case Sht3xCommand.SingleShotHighRepeatabilityStretched:
            case Sht3xCommand.SingleShotMediumRepeatabilityStretched:
            case Sht3xCommand.SingleShotLowRepeatabilityStretched:
                _measurementReady = false;
                MeasurementsStarted++;
                StartConversion();
                return I2cStatus.Ok;
            case Sht3xCommand.SoftReset:
                _measurementReady = false;
                return I2cStatus.Ok;
            default:
                return I2cStatus.PartialTransfer; // the chip NACKs a command it does not process
        }
    }

    /// <inheritdoc />
    protected override void OnConversionComplete()
    {
        WriteWord(0, Quantise((TemperatureCelsius + 45.0) / 175.0));
        WriteWord(3, Quantise(HumidityPercent / 100.0));
        _measurementReady = true;
    }

    /// <inheritdoc />
    protected override I2cStatus OnRead(byte[] buffer)
    {
        if (IsConverting || !_measurementReady)
        {
            return I2cStatus.AddressNotAcknowledged;
        }
        // The master may stop early (e.g. after the temperature word); bytes past the sixth read as 0xFF.
        Array.Fill(buffer, (byte)0xFF);
        Array.Copy(_measurement, buffer, Math.Min(buffer.Length, _measurement.Length));
        _measurementReady = false; // the data memory is cleared once read out
        return I2cStatus.Ok;
    }

    /// <summary>Fraction of full scale (0 to 1, clamped) to the 16-bit output word.</summary>
    private static int Quantise(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0.0, 1.0) * 65535.0);

    private void WriteWord(int offset, int word)
    {
        _measurement[offset] = (byte)(word >> 8);
        _measurement[offset + 1] = (byte)word;
        _measurement[offset + 2] = Sht3xCodec.Crc8(_measurement, offset, 2);
    }
}
