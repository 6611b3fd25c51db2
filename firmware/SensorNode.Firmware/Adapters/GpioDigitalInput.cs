using System;
using System.Device.Gpio;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>One input pin through System.Device.Gpio (the PIR output).</summary>
    public sealed class GpioDigitalInput : IDigitalInput, IDisposable
    {
        private readonly GpioPin _pin;

        /// <summary>Opens GPIO <paramref name="pinNumber"/> as an input in <paramref name="mode"/>.</summary>
        public GpioDigitalInput(GpioController controller, int pinNumber, PinMode mode)
        {
            _pin = controller.OpenPin(pinNumber, mode);
        }

        /// <inheritdoc />
        public bool IsHigh()
        {
            return _pin.Read() == PinValue.High;
        }

        /// <summary>Releases the pin.</summary>
        public void Dispose()
        {
            _pin.Dispose();
        }
    }
}
