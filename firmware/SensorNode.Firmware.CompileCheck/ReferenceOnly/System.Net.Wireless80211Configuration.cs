// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Net
// version 1.11.60; the class is in System.Net.dll) for the CI compile check. Every body throws. Never shipped,
// never deployed. Used by firmware/SensorNode.DeviceTests/RadioOffAtBootTests.cs (the stored station
// configuration must be Disable while the node sleeps: shared research/device-truth-audit.md section 6.2).
// Kept in its own file so the declarations appended to System.Net.cs elsewhere merge cleanly; if another branch
// declares Wireless80211Configuration too, keep one declaration.
//
// Pin not tagged: nanoFramework.System.Net 1.11.60 -> v1.11.54 (newest tag in the sources read; M2Mqtt 5.1.220's nuspec needs 1.11.60)
// Checked against: nanoframework/System.Net @ v1.11.54 : nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs (Wireless80211Configuration, ConfigurationOptions)
// (read from the stored copy at commit 21c18911503a671e7824428206abcd4251a1d22d: ConfigurationOptions is a
// [Flags] byte enum nested in the class, None = 0, Disable = 1, Enable = 2, AutoConnect = 4 | Enable,
// SmartConfig = 8 | Enable; GetAllWireless80211Configurations() returns every stored configuration.)

using System;

namespace System.Net.NetworkInformation
{
    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) { throw new NotSupportedException("reference-only"); }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoConnect = 0x04 | Enable,
            SmartConfig = 0x08 | Enable,
        }

        public ConfigurationOptions Options
        {
            get { throw new NotSupportedException("reference-only"); }
            set { throw new NotSupportedException("reference-only"); }
        }

        public string Ssid
        {
            get { throw new NotSupportedException("reference-only"); }
            set { throw new NotSupportedException("reference-only"); }
        }

        public uint Id { get { throw new NotSupportedException("reference-only"); } }

        public void SaveConfiguration() { throw new NotSupportedException("reference-only"); }

        public static Wireless80211Configuration[] GetAllWireless80211Configurations() { throw new NotSupportedException("reference-only"); }
    }
}
