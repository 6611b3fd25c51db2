using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>Maps a failed I2C transfer to the driver error code.</summary>
    internal static class I2cErrors
    {
        /// <summary>
        /// Address NACK becomes <see cref="SensorError.NotAcknowledged"/> (device absent or busy); every other
        /// failure means the transfer started and broke off, so <see cref="SensorError.BusError"/>.
        /// </summary>
        internal static SensorError ToSensorError(I2cStatus status)
        {
            switch (status)
            {
                case I2cStatus.Ok: return SensorError.None;
                case I2cStatus.AddressNotAcknowledged: return SensorError.NotAcknowledged;
                default: return SensorError.BusError;
            }
        }
    }
}
