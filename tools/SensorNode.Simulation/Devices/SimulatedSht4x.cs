using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Register-level SHT4x: answers the three no-heater measurement commands, soft reset and read-serial, NACKs its
/// address while converting, as the chip does. The heater commands are not modelled: they are NACKed.
/// </summary>
public sealed class SimulatedSht4x : SimulatedSensirionChip
{
    /// <summary>Serial number the read-serial command answers (two words).</summary>
    public uint SerialNumber { get; set; } = 0x1234_5678;

    /// <summary>The word spans -6 to 119 %RH (datasheet 4.6); the driver crops to 0..100.</summary>
    protected override double HumidityFraction(double percent) => (percent + 6.0) / 125.0;

    /// <inheritdoc />
    protected override I2cStatus OnWrite(byte[] data)
    {
        if (IsConverting)
        {
            return I2cStatus.AddressNotAcknowledged; // a measuring chip does not answer its address
        }
        if (data.Length != 1)
        {
            return I2cStatus.PartialTransfer; // SHT4x commands are single bytes
        }
        byte command = data[0];
        if (command == Sht4xCodec.MeasureCommand(Sht4xPrecision.High)
            || command == Sht4xCodec.MeasureCommand(Sht4xPrecision.Medium)
            || command == Sht4xCodec.MeasureCommand(Sht4xPrecision.Low))
        {
            return BeginMeasurement();
        }
        if (command == Sht4xCodec.ReadSerialCommand) return Answer((int)(SerialNumber >> 16), (int)(SerialNumber & 0xFFFF));
        if (command == Sht4xCodec.SoftResetCommand) return Reset();
        return I2cStatus.PartialTransfer; // heater and unknown commands: not modelled
    }
}
