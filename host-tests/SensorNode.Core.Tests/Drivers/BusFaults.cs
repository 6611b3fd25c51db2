using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>Every failing I2C status with the driver error it must become.</summary>
public static class BusFaults
{
    public static TheoryData<I2cStatus, SensorError> All => new()
    {
        { I2cStatus.AddressNotAcknowledged, SensorError.NotAcknowledged },
        { I2cStatus.PartialTransfer, SensorError.BusError },
        { I2cStatus.ClockStretchTimeout, SensorError.BusError },
        { I2cStatus.BusError, SensorError.BusError },
    };
}
