namespace SensorNode.Core.Config
{
    /// <summary>ESP32 (original, dual-core) GPIO facts the configuration checks need (ESP32 datasheet, ch. 2 and 4).</summary>
    internal static class Esp32Pins
    {
        /// <summary>True when the GPIO exists: 0-19, 21-23, 25-27, 32-39.</summary>
        internal static bool Exists(int gpio)
        {
            return (gpio >= 0 && gpio <= 19) || (gpio >= 21 && gpio <= 23) || (gpio >= 25 && gpio <= 27) || (gpio >= 32 && gpio <= 39);
        }

        /// <summary>GPIO 6-11 drive the SPI flash on every module: using them crashes the chip.</summary>
        internal static bool IsFlashPin(int gpio)
        {
            return gpio >= 6 && gpio <= 11;
        }

        /// <summary>GPIO 34-39 are inputs only (no output driver, no pull-ups), so they cannot drive I2C.</summary>
        internal static bool IsInputOnly(int gpio)
        {
            return gpio >= 34 && gpio <= 39;
        }

        /// <summary>RTC GPIOs, the only pins ext0 can wake the chip from deep sleep with: 0,2,4,12-15,25-27,32-39.</summary>
        internal static bool IsRtcGpio(int gpio)
        {
            return gpio == 0 || gpio == 2 || gpio == 4 || (gpio >= 12 && gpio <= 15) || (gpio >= 25 && gpio <= 27) || (gpio >= 32 && gpio <= 39);
        }

        /// <summary>GPIO of nanoFramework's logical ADC1 channel 0-7 (GPIO 36,37,38,39,32,33,34,35), or -1 for any other channel.</summary>
        internal static int Adc1ChannelGpio(int channel)
        {
            switch (channel)
            {
                case 0: return 36;
                case 1: return 37;
                case 2: return 38;
                case 3: return 39;
                case 4: return 32;
                case 5: return 33;
                case 6: return 34;
                case 7: return 35;
                default: return -1;
            }
        }
    }
}
