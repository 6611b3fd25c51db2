using System;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>The ESP32 deep-sleep unit through nanoFramework.Hardware.Esp32.Sleep.</summary>
    public sealed class Esp32SleepController : ISleepController
    {
        /// <summary>Pin value that never maps to a wake pin: motion wake-up is refused.</summary>
        public const int NoPirPin = -1;

        private const int WakeLevelHigh = 1;

        private readonly int _pirPin;
        private readonly int _wakeLevel;

        /// <summary>Uses <paramref name="pirPin"/> (an RTC GPIO: 0,2,4,12-15,25-27,32-39) for the motion wake-up, on a high level.</summary>
        public Esp32SleepController(int pirPin)
            : this(pirPin, WakeLevelHigh)
        {
        }

        /// <summary>
        /// Uses <paramref name="wakePin"/> for the motion wake-up on <paramref name="wakeLevel"/> (1 high: the PIR itself;
        /// 0 low: the event RTC's open-drain INT, pulled up, [rtc] interrupt_pin).
        /// </summary>
        // nanoframework/nf-interpreter main 06f8ee3, targets/ESP32/_nanoCLR/nanoFramework.Hardware.ESP32/
        // nanoFramework_hardware_esp32_native_Hardware_Esp32_Sleep.cpp, NativeEnableWakeupByPin: the level is passed as
        // given to esp_sleep_enable_ext0_wakeup(gpio, level), which leaves the pin's pulls alone, so the INT line needs
        // its external pull-up (docs/hardware.md).
        public Esp32SleepController(int wakePin, int wakeLevel)
        {
            _pirPin = wakePin;
            _wakeLevel = wakeLevel;
        }

        /// <inheritdoc />
        public WakeCause GetWakeCause()
        {
            switch (Sleep.GetWakeupCause())
            {
                case Sleep.WakeupCause.Ext0: return WakeCause.Motion;
                case Sleep.WakeupCause.Timer: return WakeCause.Timer;
                case Sleep.WakeupCause.Undefined: return WakeCause.PowerOn;
                default: return WakeCause.Other;
            }
        }

        /// <inheritdoc />
        public bool ArmTimerWakeup(int sleepSeconds)
        {
            return Sleep.EnableWakeupByTimer(TimeSpan.FromSeconds(sleepSeconds)) == EspNativeError.OK;
        }

        /// <inheritdoc />
        public bool ArmMotionWakeup()
        {
            Sleep.WakeupGpioPin pin;
            return TryMapRtcPin(_pirPin, out pin) && Sleep.EnableWakeupByPin(pin, _wakeLevel) == EspNativeError.OK;
        }

        /// <inheritdoc />
        public void EnterDeepSleep()
        {
            Sleep.StartDeepSleep();
        }

        // ext0 can only watch RTC GPIOs; anything else is refused rather than silently never waking.
        private static bool TryMapRtcPin(int gpio, out Sleep.WakeupGpioPin pin)
        {
            switch (gpio)
            {
                case 0: pin = Sleep.WakeupGpioPin.Pin0; return true;
                case 2: pin = Sleep.WakeupGpioPin.Pin2; return true;
                case 4: pin = Sleep.WakeupGpioPin.Pin4; return true;
                case 12: pin = Sleep.WakeupGpioPin.Pin12; return true;
                case 13: pin = Sleep.WakeupGpioPin.Pin13; return true;
                case 14: pin = Sleep.WakeupGpioPin.Pin14; return true;
                case 15: pin = Sleep.WakeupGpioPin.Pin15; return true;
                case 25: pin = Sleep.WakeupGpioPin.Pin25; return true;
                case 26: pin = Sleep.WakeupGpioPin.Pin26; return true;
                case 27: pin = Sleep.WakeupGpioPin.Pin27; return true;
                case 32: pin = Sleep.WakeupGpioPin.Pin32; return true;
                case 33: pin = Sleep.WakeupGpioPin.Pin33; return true;
                case 34: pin = Sleep.WakeupGpioPin.Pin34; return true;
                case 35: pin = Sleep.WakeupGpioPin.Pin35; return true;
                case 36: pin = Sleep.WakeupGpioPin.Pin36; return true;
                case 37: pin = Sleep.WakeupGpioPin.Pin37; return true;
                case 38: pin = Sleep.WakeupGpioPin.Pin38; return true;
                case 39: pin = Sleep.WakeupGpioPin.Pin39; return true;
                default: pin = Sleep.WakeupGpioPin.None; return false;
            }
        }
    }
}
