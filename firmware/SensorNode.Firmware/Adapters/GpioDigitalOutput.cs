using System;
using System.Device.Gpio;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>One output pin through System.Device.Gpio (the supercap divider's load switch). Opened low: off.</summary>
    public sealed class GpioDigitalOutput : IDigitalOutput, IDisposable
    {
        private readonly GpioPin _pin;

        /// <summary>Opens GPIO <paramref name="pinNumber"/> as a push-pull output, driven low.</summary>
        public GpioDigitalOutput(GpioController controller, int pinNumber)
        {
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        /// <inheritdoc />
        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }

        /// <summary>Releases the pin.</summary>
        public void Dispose()
        {
            _pin.Dispose();
        }
    }
}
