using System;
using System.Device.Adc;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>One ADC1 channel through System.Device.Adc: raw, uncalibrated counts (calibration is core logic).</summary>
    public sealed class NanoAdcChannel : IAdcChannel, IDisposable
    {
        // The ESP32 ADC runs at 12 bits (11 dB attenuation) under nanoCLR.
        private const int Esp32MaxRaw = 4095;

        private readonly AdcChannel _channel;

        /// <summary>Opens logical channel <paramref name="channelNumber"/> (0-7 = ADC1, usable while Wi-Fi is on).</summary>
        public NanoAdcChannel(AdcController controller, int channelNumber)
        {
            _channel = controller.OpenChannel(channelNumber);
        }

        /// <inheritdoc />
        public int MaxRaw
        {
            get { return Esp32MaxRaw; }
        }

        /// <inheritdoc />
        public bool TryReadRaw(out int raw)
        {
            try
            {
                raw = _channel.ReadValue();
            }
            catch (Exception)
            {
                // A failed conversion is a runtime fault like a NACK: report it, never a stale value.
                raw = 0;
                return false;
            }

            return raw >= 0 && raw <= Esp32MaxRaw;
        }

        /// <summary>Releases the channel.</summary>
        public void Dispose()
        {
            _channel.Dispose();
        }
    }
}
