using System.Collections;
using System.Diagnostics;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware
{
    /// <summary>
    /// Boot steps shared by the application and the bench tests: read nf.config / secrets.config from flash (both must be
    /// sealed and valid, see <see cref="BootConfiguration"/>) and route the I2C pins. Kept free of GPIO and networking,
    /// which the bench test project does not reference.
    /// </summary>
    public static class BoardSetup
    {
        /// <summary>nanoCLR mounts the ESP32's internal LittleFS partition as I: at boot; nothing to mount here.</summary>
        public const string InternalDrive = "I:\\";

        /// <summary>Files only a node that has run writes: with nf.config absent they tell a lost file from an empty I:.</summary>
        private static readonly string[] LifeSigns = new string[] { WakeCycle.StateFileName, WakeCycle.LogFileName };

        /// <summary>Reads and checks both files; every error is logged with file, line and field.</summary>
        public static BootConfiguration LoadBoot(IPersistentStorage storage)
        {
            BootConfiguration boot = BootConfiguration.Load(storage, LifeSigns);
            if (!boot.IsValid)
            {
                Debug.WriteLine("Configuration fault " + boot.FaultCode + ": not running as a configured node");
            }
            LogErrors(boot.Errors);
            return boot;
        }

        /// <summary>The configuration for bench tests: parsed as the application does; a fault is logged, the values used anyway.</summary>
        public static NodeConfig LoadConfig(IPersistentStorage storage)
        {
            return LoadBoot(storage).Config;
        }

        /// <summary>
        /// True when the pin and ADC settings may drive hardware: no error in [pins] or [adc] (the defaults of an unusable
        /// nf.config qualify: the reference design's pins). A pin the validator rejected may be a flash pin.
        /// </summary>
        public static bool PinsTrusted(BootConfiguration boot)
        {
            for (int i = 0; i < boot.Errors.Count; i++)
            {
                string field = ((ConfigError)boot.Errors[i]).Field;
                if (field != null && (field.StartsWith("pins") || field.StartsWith("adc")))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Routes SDA/SCL of the configured bus through the ESP32's GPIO matrix. Call once, before any I2C device
        /// is opened.
        /// </summary>
        public static void AssignI2cPins(NodeConfig config)
        {
            bool secondBus = config.I2cBusId == 2;
            Configuration.SetPinFunction(config.I2cDataPin, secondBus ? DeviceFunction.I2C2_DATA : DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(config.I2cClockPin, secondBus ? DeviceFunction.I2C2_CLOCK : DeviceFunction.I2C1_CLOCK);
        }

        /// <summary>Logs each <see cref="ConfigError"/> as "file:line N: [section] key: message".</summary>
        public static void LogErrors(ArrayList errors)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                Debug.WriteLine(((ConfigError)errors[i]).ToString());
            }
        }
    }
}
