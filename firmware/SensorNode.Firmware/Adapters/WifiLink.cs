using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>
    /// Wi-Fi in a radio wake: nanoCLR started the radio and began associating before Main, because the previous wake left
    /// the stored station configuration enabled with AutoConnect (<see cref="StationConfigStore"/>). So a connect only
    /// waits for an address, then (when the RTC is unset) for SNTP, within the budget. It deliberately does not use
    /// WifiNetworkHelper.ConnectDhcp/ConnectFixAddress: they save the Wireless80211 block on every call
    /// (StoreWifiConfiguration, nanoframework/System.Device.Wifi System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs)
    /// and, with WifiReconnectionKind.Manual, store it once more natively (NETWORK_CONNECT_SAVE_CONFIG = 1,
    /// nf-interpreter targets/ESP32/_common/Target_Network.cpp Network_Interface_Start_Connect). If the boot-time
    /// association has produced no address by half the budget, one explicit WifiAdapter.Connect with
    /// WifiReconnectionKind.Automatic (0: neither SAVE_CONFIG nor RECONNECT) retries it without a flash write.
    /// </summary>
    public sealed class WifiLink : INetworkLink
    {
        private const int PollMilliseconds = 50;
        // The RTC restarts from its epoch after a power loss; SNTP (started by nanoCLR itself, targetHAL_Network.cpp
        // initialize_sntp) sets it. Same bound as SystemClock.
        private const int FirstPlausibleYear = 2024;
        private const string NoAddress = "0.0.0.0";

        private readonly NodeConfig _config;
        private readonly string _password;

        /// <summary>SSID and addressing from <paramref name="config"/>, the passphrase from <paramref name="secrets"/>.</summary>
        public WifiLink(NodeConfig config, NodeSecrets secrets)
        {
            _config = config;
            _password = secrets.WifiPassword;
        }

        /// <inheritdoc />
        public bool Connect(int timeoutMilliseconds)
        {
            ulong start = HighResTimer.GetCurrent();
            try
            {
                NetworkInterface station = Station();
                if (station == null)
                {
                    Debug.WriteLine("Wi-Fi: no station interface (the radio was not started at boot)");
                    return false;
                }
                ApplyAddressing(station);

                bool retried = false;
                while (!HasAddress())
                {
                    long elapsed = ElapsedMilliseconds(start);
                    if (elapsed >= timeoutMilliseconds)
                    {
                        Debug.WriteLine("Wi-Fi: no address within " + timeoutMilliseconds.ToString() + " ms");
                        return false;
                    }
                    if (!retried && elapsed >= timeoutMilliseconds / 2)
                    {
                        retried = true;
                        RetryAssociation();
                    }
                    Thread.Sleep(PollMilliseconds);
                }

                // Associated: wait for SNTP only while the RTC is unset, and only within the budget. A LAN without an SNTP
                // answer still gives a usable link; the core then skips TLS (its clock check), never the readings.
                while (DateTime.UtcNow.Year < FirstPlausibleYear && ElapsedMilliseconds(start) < timeoutMilliseconds)
                {
                    Thread.Sleep(PollMilliseconds);
                }
                return true;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Wi-Fi connect failed: " + ex.Message);
                return false;
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            // The deep sleep stops the radio anyway (nanoHAL_Uninitialize -> NF_ESP32_Wireless_Close -> esp_wifi_stop).
            try
            {
                WifiAdapter[] adapters = WifiAdapter.FindAllAdapters();
                if (adapters.Length > 0)
                {
                    adapters[0].Disconnect();
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Wi-Fi disconnect failed: " + ex.Message);
            }
        }

        // Static address or DHCP into the stored network block, written only when it differs from the configuration:
        // once after provisioning, not per wake. The interface is open in a radio wake, so it applies at once.
        private void ApplyAddressing(NetworkInterface station)
        {
            if (_config.StaticIp.Length == 0)
            {
                if (!station.IsDhcpEnabled)
                {
                    station.EnableDhcp();
                }
                return;
            }

            if (station.IsDhcpEnabled || station.IPv4Address != _config.StaticIp || station.IPv4SubnetMask != _config.Netmask
                || station.IPv4GatewayAddress != _config.Gateway)
            {
                station.EnableStaticIPv4(_config.StaticIp, _config.Netmask, _config.Gateway);
            }
            if (_config.Dns.Length > 0)
            {
                string[] dns = station.IPv4DnsAddresses;
                if (dns.Length == 0 || dns[0] != _config.Dns)
                {
                    station.EnableStaticIPv4Dns(new string[] { _config.Dns });
                }
            }
        }

        // WifiAdapter.Connect blocks in native code up to 20 s (sys_dev_wifi_native_System_Device_Wifi_WifiAdapter.cpp):
        // run it on a worker; the poll loop above keeps the budget.
        private void RetryAssociation()
        {
            string ssid = _config.WifiSsid;
            string password = _password;
            new Thread(() =>
            {
                try
                {
                    WifiAdapter.FindAllAdapters()[0].Connect(ssid, WifiReconnectionKind.Automatic, password);
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("Wi-Fi retry failed: " + ex.Message);
                }
            }).Start();
        }

        // Associated and addressed. A static address is set on the interface before association, so the address alone
        // is not enough: GetIsNetworkAvailable asks each interface's link status (SOCK_CONFIGURATION_LinkStatus,
        // nf-interpreter sys_net_native_System_Net_NetworkInformation_NetworkInterface.cpp); on ESP32 the station's
        // link comes up on association (bench-check with a static address).
        private static bool HasAddress()
        {
            if (!NetworkInterface.GetIsNetworkAvailable())
            {
                return false;
            }
            NetworkInterface station = Station();
            return station != null && station.IPv4Address != NoAddress;
        }

        private static NetworkInterface Station()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return interfaces[i];
                }
            }
            return null;
        }

        private static long ElapsedMilliseconds(ulong startMicroseconds)
        {
            return (long)((HighResTimer.GetCurrent() - startMicroseconds) / 1000);
        }
    }
}
