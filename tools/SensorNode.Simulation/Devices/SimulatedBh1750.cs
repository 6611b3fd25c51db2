using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Register-level ROHM BH1750FVI: one opcode per write (Power Down, Power On, Reset, One Time H-Resolution);
/// a measurement command is ignored unless the chip is powered on, as in the datasheet's measurement sequence,
/// and the chip powers down after a one-time measurement. A 2-byte read returns the data register (big-endian,
/// lux * 1.2 with the default measurement time), including while a measurement is still running: the chip has
/// no ready flag. Other modes and the measurement-time register are not modelled: their opcodes are NACKed.
/// The chip has no CRC: <see cref="SimulatedI2cDevice.CorruptNextReads(int)"/> flips the lowest data bit, a
/// well-formed, undetectably wrong reading.
/// </summary>
public sealed class SimulatedBh1750 : SimulatedI2cDevice
{
    private bool _poweredOn;
    private int _data;

    /// <summary>Illuminance on the sensor, lx; negative reads as 0, above 54612.5 the output saturates at 0xFFFF.</summary>
    public double IlluminanceLux { get; set; }

    /// <summary>True between Power On and the end of a one-time measurement (or Power Down).</summary>
    public bool PoweredOn => _poweredOn;

    /// <summary>Measurements completed so far.</summary>
    public int MeasurementsCompleted { get; private set; }

    /// <inheritdoc />
    protected override I2cStatus OnWrite(byte[] data)
    {
        if (data.Length != 1)
        {
            return I2cStatus.PartialTransfer; // the chip takes one opcode per transaction
        }
        switch ((Bh1750Command)data[0])
        {
            case Bh1750Command.PowerDown:
                _poweredOn = false;
                AbortConversion();
                return I2cStatus.Ok;
            case Bh1750Command.PowerOn:
                _poweredOn = true;
                return I2cStatus.Ok;
            case Bh1750Command.Reset:
                if (_poweredOn)
                {
                    _data = 0;
                }
                return I2cStatus.Ok;
            case Bh1750Command.OneTimeHighResolution:
                if (_poweredOn && !IsConverting)
                {
                    StartConversion();
                }
                return I2cStatus.Ok;
            default:
                return I2cStatus.PartialTransfer;
        }
    }

    /// <inheritdoc />
    protected override void OnConversionComplete()
    {
        _data = (int)Math.Round(Math.Clamp(IlluminanceLux * 1.2, 0.0, 65535.0));
        _poweredOn = false;
        MeasurementsCompleted++;
    }

    /// <inheritdoc />
    protected override I2cStatus OnRead(byte[] buffer)
    {
        Array.Fill(buffer, (byte)0xFF);
        buffer[0] = (byte)(_data >> 8);
        if (buffer.Length > 1)
        {
            buffer[1] = (byte)_data;
        }
        return I2cStatus.Ok;
    }
}
