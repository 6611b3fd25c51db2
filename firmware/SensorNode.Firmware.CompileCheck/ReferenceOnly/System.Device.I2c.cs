// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.I2c
// version 1.1.29) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Checked against: nanoframework/System.Device.I2c @ v1.1.29 : System.Device.I2c/I2cConnectionSettings.cs (I2cConnectionSettings)
// Checked against: nanoframework/System.Device.I2c @ v1.1.29 : System.Device.I2c/I2cTransferStatus.cs (I2cTransferStatus)
// Checked against: nanoframework/System.Device.I2c @ v1.1.29 : System.Device.I2c/I2cTransferResult.cs (I2cTransferResult)
// Checked against: nanoframework/System.Device.I2c @ v1.1.29 : System.Device.I2c/I2cDevice.cs (I2cDevice)
// (shared research/device-truth-audit.md section 2.6: all MATCH. The 1.1.x line takes SpanByte (mscorlib 1.17)
// where the 2.0 preview takes Span<byte>; nf-interpreter's native entry point
// NativeTransmit___SystemDeviceI2cI2cTransferResult__SystemSpanByte__SystemSpanByte agrees.)

using System;

namespace System.Device.I2c
{
    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) { throw new NotSupportedException("reference-only"); }
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }

    public struct I2cTransferResult
    {
        public uint BytesTransferred { get { throw new NotSupportedException("reference-only"); } }

        public I2cTransferStatus Status { get { throw new NotSupportedException("reference-only"); } }
    }

    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) { throw new NotSupportedException("reference-only"); }

        public static I2cDevice Create(I2cConnectionSettings settings) { throw new NotSupportedException("reference-only"); }

        public I2cTransferResult Read(SpanByte buffer) { throw new NotSupportedException("reference-only"); }

        public I2cTransferResult Write(SpanByte buffer) { throw new NotSupportedException("reference-only"); }

        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
