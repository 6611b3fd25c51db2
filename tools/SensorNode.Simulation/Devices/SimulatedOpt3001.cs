using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Register-level TI OPT3001. A write of one byte sets the register pointer; three bytes set the pointer and
/// write a register. Writing the configuration register with a single-shot or continuous mode starts a
/// conversion; when it completes the result register gets the illuminance as exponent and mantissa (the
/// smallest exponent whose range holds the value, as the automatic full-scale range settles to), the
/// conversion-ready flag is set, and single-shot mode returns to shutdown. Reading the configuration register
/// clears the flag. Manual ranges, the 800-ms mode's finer resolution and the interrupt comparator are not
/// modelled. The chip has no CRC: <see cref="SimulatedI2cDevice.CorruptNextReads(int)"/> flips a mantissa bit of
/// result-register reads only, which leaves a well-formed, undetectably wrong reading.
/// </summary>
public sealed class SimulatedOpt3001 : SimulatedI2cDevice
{
    private const int ConfigurationReset = 0xC810;
    private const int ReadOnlyConfigBits = (int)(Opt3001ConfigBits.Overflow | Opt3001ConfigBits.ConversionReady
        | Opt3001ConfigBits.FlagHigh | Opt3001ConfigBits.FlagLow);

    private byte _pointer;
    private int _result;
    private int _configuration = ConfigurationReset;
    private int _lowLimit = 0xC000;
    private int _highLimit = 0xBFFF;

    /// <summary>Illuminance on the sensor, lx; negative reads as 0, above 83865.6 the result saturates with the overflow flag.</summary>
    public double IlluminanceLux { get; set; }

    /// <summary>Conversions completed so far.</summary>
    public int ConversionsCompleted { get; private set; }

    /// <summary>The configuration register as the chip holds it now (for assertions).</summary>
    public int Configuration => _configuration;

    /// <inheritdoc />
    protected override bool IsCorruptibleRead => _pointer == (byte)Opt3001Register.Result;

    /// <inheritdoc />
    protected override I2cStatus OnWrite(byte[] data)
    {
        if (data.Length == 0)
        {
            return I2cStatus.Ok; // address-only probe
        }
        if (!IsRegister(data[0]))
        {
            return I2cStatus.PartialTransfer; // pointer byte NACKed
        }
        _pointer = data[0];
        if (data.Length == 1)
        {
            return I2cStatus.Ok;
        }
        if (data.Length != 3)
        {
            return I2cStatus.PartialTransfer;
        }
        int value = (data[1] << 8) | data[2];
        switch ((Opt3001Register)_pointer)
        {
            case Opt3001Register.Configuration:
                WriteConfiguration(value);
                break;
            case Opt3001Register.LowLimit:
                _lowLimit = value;
                break;
            case Opt3001Register.HighLimit:
                _highLimit = value;
                break;
            default:
                break; // read-only registers ignore writes
        }
        return I2cStatus.Ok;
    }

    /// <inheritdoc />
    protected override I2cStatus OnRead(byte[] buffer)
    {
        int value = (Opt3001Register)_pointer switch
        {
            Opt3001Register.Result => _result,
            Opt3001Register.Configuration => _configuration,
            Opt3001Register.LowLimit => _lowLimit,
            Opt3001Register.HighLimit => _highLimit,
            Opt3001Register.ManufacturerId => Opt3001Codec.ManufacturerIdTexasInstruments,
            _ => 0x3001, // device ID
        };
        Array.Fill(buffer, (byte)0xFF);
        buffer[0] = (byte)(value >> 8);
        if (buffer.Length > 1)
        {
            buffer[1] = (byte)value;
        }
        if ((Opt3001Register)_pointer == Opt3001Register.Configuration)
        {
            _configuration &= ~(int)Opt3001ConfigBits.ConversionReady;
        }
        return I2cStatus.Ok;
    }

    /// <inheritdoc />
    protected override void OnConversionComplete()
    {
        bool overflow = Encode(IlluminanceLux, out _result);
        _configuration |= (int)Opt3001ConfigBits.ConversionReady;
        _configuration = overflow
            ? _configuration | (int)Opt3001ConfigBits.Overflow
            : _configuration & ~(int)Opt3001ConfigBits.Overflow;
        if ((_configuration & (int)Opt3001ConfigBits.ModeMask) == (int)Opt3001ConfigBits.ModeSingleShot)
        {
            _configuration &= ~(int)Opt3001ConfigBits.ModeMask;
        }
        ConversionsCompleted++;
    }

    /// <summary>
    /// Lux to the result register: smallest exponent E (0 to 11) with lux * 100 / 2^E at most 4095, mantissa
    /// rounded. Returns true (overflow) above full scale, where the register holds 0xBFFF.
    /// </summary>
    private static bool Encode(double lux, out int register)
    {
        double centiLux = Math.Max(0.0, lux * 100.0);
        for (int exponent = 0; exponent <= Opt3001Codec.MaxExponent; exponent++)
        {
            int mantissa = (int)Math.Round(centiLux / (1 << exponent));
            if (mantissa <= 0xFFF)
            {
                register = (exponent << 12) | mantissa;
                return false;
            }
        }
        register = (Opt3001Codec.MaxExponent << 12) | 0xFFF;
        return true;
    }

    private void WriteConfiguration(int value)
    {
        _configuration = (_configuration & ReadOnlyConfigBits) | (value & ~ReadOnlyConfigBits & 0xFFFF);
        if ((value & (int)Opt3001ConfigBits.ModeMask) == 0)
        {
            AbortConversion(); // shutdown leaves the ready flag as it was
            return;
        }
        _configuration &= ~(int)Opt3001ConfigBits.ConversionReady;
        StartConversion();
    }

    private static bool IsRegister(byte pointer) => (Opt3001Register)pointer is Opt3001Register.Result
        or Opt3001Register.Configuration or Opt3001Register.LowLimit or Opt3001Register.HighLimit
        or Opt3001Register.ManufacturerId or Opt3001Register.DeviceId;
}
