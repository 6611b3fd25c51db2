using System.Net.NetworkInformation;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>
    /// nanoCLR's stored Wi-Fi station configuration (Wireless80211Configuration block 0) as the core's
    /// <see cref="IRadioConfigStore"/>. What nanoCLR does with it, read in nanoframework/nf-interpreter (main, 2025-2026):
    /// <list type="bullet">
    /// <item>At boot, targets/ESP32/_Network/NF_ESP32_Wireless.cpp NF_ESP32_CheckExpectedWifiMode gives WIFI_MODE_NULL
    /// unless <c>Options &amp; Enable</c>; NF_ESP32_InitaliseWifi then returns ESP_FAIL without esp_wifi_init/start, so
    /// Network_Interface_Open fails and lwIP keeps no interface for the whole boot (src/PAL/Lwip/lwIP_Sockets.cpp
    /// Initialize). A later WifiAdapter.Connect reaches esp_wifi_set_config on an uninitialised driver and fails: a
    /// boot that began disabled cannot use the radio.</item>
    /// <item>With <c>Enable</c> set, NF_ESP32_Wireless_Open starts the radio and connects when
    /// <c>(Options &amp; AutoConnect) &amp;&amp; ssid != ""</c>; AutoConnect (6) includes Enable (2), so any enabled
    /// block associates before Main.</item>
    /// <item>SaveConfiguration (nanoframework/System.Net NetworkInformation/Wireless80211Configuration.cs) calls the native
    /// UpdateConfiguration, which stores the block unconditionally (ConfigurationManager_UpdateConfigurationBlock ->
    /// StoreConfigBlock, targets/ESP32/_common/targetHAL_ConfigurationManager.cpp): one LittleFS file write, and it does
    /// not restart the radio.</item>
    /// </list>
    /// The enabled flag at boot is read once, in the constructor: build this first thing in Main.
    /// </summary>
    public sealed class StationConfigStore : IRadioConfigStore
    {
        // ESP32 targets keep one Wireless80211 block, index 0, referenced by network interface 0 (the station):
        // targetHAL_ConfigurationManager.cpp InitialiseNetworkDefaultConfig sets SpecificConfigId = 0.
        private const int StationConfigIndex = 0;

        private readonly string _ssid;
        private readonly string _password;
        private readonly bool _enabledAtBoot;

        /// <summary>Reads the stored block now; <paramref name="ssid"/>/<paramref name="password"/> are written by <see cref="Enable"/>.</summary>
        public StationConfigStore(string ssid, string password)
        {
            _ssid = ssid;
            _password = password;
            _enabledAtBoot = IsStoredEnabled();
        }

        /// <inheritdoc />
        public bool EnabledAtBoot
        {
            get { return _enabledAtBoot; }
        }

        /// <inheritdoc />
        public bool IsStoredEnabled()
        {
            Wireless80211Configuration.ConfigurationOptions options = Read().Options;
            return (options & Wireless80211Configuration.ConfigurationOptions.Enable) != 0;
        }

        /// <summary>
        /// Stores the node's network and passphrase with AutoConnect, so the next boot associates before Main in parallel
        /// with the sensor reading; the wake then only waits for an address (<see cref="WifiLink"/>), with no further write.
        /// </summary>
        public bool Enable()
        {
            Wireless80211Configuration config = Read();
            config.Ssid = _ssid;
            config.Password = _password != null ? _password : "";
            config.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect;
            config.SaveConfiguration();
            return true;
        }

        /// <inheritdoc />
        public bool Disable()
        {
            Wireless80211Configuration config = Read();
            // SaveConfiguration validates Ssid != null and Password.Length (Wireless80211Configuration.ValidateConfiguration).
            if (config.Ssid == null)
            {
                config.Ssid = "";
            }
            if (config.Password == null)
            {
                config.Password = "";
            }
            config.Options = Wireless80211Configuration.ConfigurationOptions.Disable;
            config.SaveConfiguration();
            return true;
        }

        private static Wireless80211Configuration Read()
        {
            return Wireless80211Configuration.GetAllWireless80211Configurations()[StationConfigIndex];
        }
    }
}
