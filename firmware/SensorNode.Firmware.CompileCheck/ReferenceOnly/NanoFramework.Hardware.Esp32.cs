// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.Hardware.Esp32
// version 1.6.40) for the CI compile check. Every body throws. Never shipped, never deployed.
// Only the members SensorNode uses are declared; enum members keep their published values.
//
// Checked against: nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.40 : nanoFramework.Hardware.Esp32/Sleep.cs (Sleep, WakeupCause, WakeupGpioPin)
// Checked against: nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.40 : nanoFramework.Hardware.Esp32/Errors.cs (EspNativeError)
// Checked against: nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.40 : nanoFramework.Hardware.Esp32/Configuration.cs (Configuration)
// Checked against: nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.40 : nanoFramework.Hardware.Esp32/DeviceTypePins.cs (DeviceFunction)
// Checked against: nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.40 : nanoFramework.Hardware.Esp32/HighResTimer.cs (HighResTimer)
// (shared research/device-truth-audit.md section 2.1 rows 1-12: all MATCH.)

using System;

namespace nanoFramework.Hardware.Esp32
{
    public class Sleep
    {
        public enum WakeupCause
        {
            Undefined = 0,
            Ext0 = 2,
            Ext1 = 3,
            Timer = 4,
            TouchPad = 5,
            Ulp = 6,
            Gpio = 7,
            Uart = 8,
        }

        [Flags]
        public enum WakeupGpioPin : UInt64
        {
            None = 0,
            Pin0 = 1,
            Pin2 = (UInt64)1 << 2,
            Pin4 = (UInt64)1 << 4,
            Pin12 = (UInt64)1 << 12,
            Pin13 = (UInt64)1 << 13,
            Pin14 = (UInt64)1 << 14,
            Pin15 = (UInt64)1 << 15,
            Pin25 = (UInt64)1 << 25,
            Pin26 = (UInt64)1 << 26,
            Pin27 = (UInt64)1 << 27,
            Pin32 = (UInt64)1 << 32,
            Pin33 = (UInt64)1 << 33,
            Pin34 = (UInt64)1 << 34,
            Pin35 = (UInt64)1 << 35,
            Pin36 = (UInt64)1 << 36,
            Pin37 = (UInt64)1 << 37,
            Pin38 = (UInt64)1 << 38,
            Pin39 = (UInt64)1 << 39,
        }

        public static EspNativeError EnableWakeupByTimer(TimeSpan time) { throw new NotSupportedException("reference-only"); }

        public static EspNativeError EnableWakeupByPin(WakeupGpioPin pin, int level) { throw new NotSupportedException("reference-only"); }

        public static void StartDeepSleep() { throw new NotSupportedException("reference-only"); }

        public static WakeupCause GetWakeupCause() { throw new NotSupportedException("reference-only"); }
    }

    public enum EspNativeError : Int32
    {
        OK = 0,
        FAIL = -1,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { throw new NotSupportedException("reference-only"); }
    }

    // Published values: DeviceTypes.I2C (2 * 0x10000) + bus index * 0x100 + function.
    public enum DeviceFunction
    {
        I2C1_DATA = 0x20000 + 0x100 + 0,
        I2C1_CLOCK = 0x20000 + 0x100 + 1,
        I2C2_DATA = 0x20000 + 0x200 + 0,
        I2C2_CLOCK = 0x20000 + 0x200 + 1,
    }

    public class HighResTimer : IDisposable
    {
        public static UInt64 GetCurrent() { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
