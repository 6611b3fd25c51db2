using System;
using System.Collections;
using System.Device.Gpio;
using System.Diagnostics;
using System.Net.NetworkInformation;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;

namespace SensorNode.Firmware
{
    /// <summary>
    /// Boot steps shared by the application and the bench tests: read nf.config / secrets.config from flash (both must be
    /// sealed and valid, see <see cref="BootConfiguration"/>), the bench boot marker, the chip's identity, and the I2C pins.
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
        /// Bench aid ([pins] boot_marker): drives the marker GPIO high and logs the HighResTimer microseconds since boot at
        /// Main entry (<paramref name="mainEntryMicroseconds"/>) and at the edge; the difference is the configuration read.
        /// </summary>
        public static void MarkBoot(NodeConfig config, ulong mainEntryMicroseconds)
        {
            if (config.BootMarkerPin < 0)
            {
                return;
            }
            // Opened here and never closed: the deep sleep resets the pin.
            GpioPin marker = new GpioController().OpenPin(config.BootMarkerPin, PinMode.Output);
            marker.Write(PinValue.High);
            ulong edge = HighResTimer.GetCurrent();
            Debug.WriteLine("Boot marker GPIO " + config.BootMarkerPin.ToString() + ": Main entered at " + mainEntryMicroseconds.ToString()
                + " us, marker high at " + edge.ToString() + " us since boot");
        }

        /// <summary>
        /// "unconfigured-&lt;mac&gt;" from the Wi-Fi station's MAC (NetworkInterface.PhysicalAddress, which nanoCLR fills
        /// from the network block it created with esp_efuse_mac_get_default); null when it cannot be read.
        /// </summary>
        public static string ReadUnconfiguredIdentity()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        return UnconfiguredIdentity.FromMac(interfaces[i].PhysicalAddress);
                    }
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MAC unreadable: " + ex.Message);
            }
            return null;
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
