using System;
using System.Device.I2c;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>One device address on one I2C bus through System.Device.I2c. SDA/SCL pins are assigned once in Program.</summary>
    public sealed class NanoI2cChannel : II2cChannel, IDisposable
    {
        private readonly I2cDevice _device;

        /// <summary>Opens <paramref name="address"/> (7-bit) on bus <paramref name="busId"/> (nanoFramework counts from 1).</summary>
        public NanoI2cChannel(int busId, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address));
        }

        /// <inheritdoc />
        public I2cStatus Write(byte[] data)
        {
            return Map(_device.Write(data));
        }

        /// <inheritdoc />
        public I2cStatus Read(byte[] buffer)
        {
            return Map(_device.Read(buffer));
        }

        /// <inheritdoc />
        public I2cStatus WriteRead(byte[] writeData, byte[] readBuffer)
        {
            return Map(_device.WriteRead(writeData, readBuffer));
        }

        /// <summary>Releases the bus handle.</summary>
        public void Dispose()
        {
            _device.Dispose();
        }

        private static I2cStatus Map(I2cTransferResult result)
        {
            switch (result.Status)
            {
                case I2cTransferStatus.FullTransfer: return I2cStatus.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged: return I2cStatus.AddressNotAcknowledged;
                case I2cTransferStatus.PartialTransfer: return I2cStatus.PartialTransfer;
                case I2cTransferStatus.ClockStretchTimeout: return I2cStatus.ClockStretchTimeout;
                default: return I2cStatus.BusError;
            }
        }
    }
}
