// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.Gpio
// version 1.1.62) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Checked against: nanoframework/System.Device.Gpio @ v1.1.62 : System.Device.Gpio/GpioController.cs (GpioController)
// Checked against: nanoframework/System.Device.Gpio @ v1.1.62 : System.Device.Gpio/GpioPin.cs (GpioPin)
// Checked against: nanoframework/System.Device.Gpio @ v1.1.62 : System.Device.Gpio/PinMode.cs (PinMode)
// Checked against: nanoframework/System.Device.Gpio @ v1.1.62 : System.Device.Gpio/PinValue.cs (PinValue)
// (shared research/device-truth-audit.md section 2.5: all MATCH. PinValue is a readonly struct; nf-interpreter's
// native GpioPin::Read builds a PinValue struct object.)

using System;

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        public static PinValue High { get { throw new NotSupportedException("reference-only"); } }

        public static PinValue Low { get { throw new NotSupportedException("reference-only"); } }

        public bool Equals(PinValue other) { throw new NotSupportedException("reference-only"); }

        public override bool Equals(object obj) { throw new NotSupportedException("reference-only"); }

        public override int GetHashCode() { throw new NotSupportedException("reference-only"); }

        public static bool operator ==(PinValue a, PinValue b) { throw new NotSupportedException("reference-only"); }

        public static bool operator !=(PinValue a, PinValue b) { throw new NotSupportedException("reference-only"); }
    }

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() { }

        public PinValue Read() { throw new NotSupportedException("reference-only"); }

        public void Write(PinValue value) { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { throw new NotSupportedException("reference-only"); }

        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
