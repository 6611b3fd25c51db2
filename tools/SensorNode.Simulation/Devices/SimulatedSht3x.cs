using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Register-level SHT3x-DIS: answers the single-shot commands (with or without clock stretching, which the
/// simulator treats alike) and soft reset, returns T and RH words each followed by its CRC-8, and NACKs a read
/// when no measurement is waiting or one is still in progress, as the chip does. Periodic mode, heater, status
/// register and alert limits are not modelled: their commands are NACKed.
/// </summary>
public sealed class SimulatedSht3x : SimulatedSensirionChip
{
    /// <summary>The word spans 0 to 100 %RH (datasheet 4.13).</summary>
    protected override double HumidityFraction(double percent) => percent / 100.0;

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
                return BeginMeasurement();
            case Sht3xCommand.SoftReset:
                return Reset();
            default:
                return I2cStatus.PartialTransfer; // the chip NACKs a command it does not process
        }
    }
}
