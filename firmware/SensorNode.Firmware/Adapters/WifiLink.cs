using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Networking;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>
    /// Wi-Fi through nanoFramework.Networking.WifiNetworkHelper: static address when configured (faster), else DHCP.
    /// The connect also waits for SNTP so the RTC is set; the cancellation token is the only timeout.
    /// </summary>
    public sealed class WifiLink : INetworkLink
    {
        private const int FirstAdapter = 0;
        private const bool RequiresDateTime = true;

        private readonly string _ssid;
        private readonly string _password;
        private readonly IPConfiguration _staticAddress;

        /// <summary>Takes SSID and addressing from <paramref name="config"/>, the passphrase from <paramref name="secrets"/>.</summary>
        public WifiLink(NodeConfig config, NodeSecrets secrets)
        {
            _ssid = config.WifiSsid;
            _password = secrets.WifiPassword;
            if (config.StaticIp.Length > 0)
            {
                string[] dns = config.Dns.Length > 0 ? new string[] { config.Dns } : null;
                _staticAddress = new IPConfiguration(config.StaticIp, config.Netmask, config.Gateway, dns);
            }
        }

        /// <inheritdoc />
        public bool Connect(int timeoutMilliseconds)
        {
            // Manual reconnection: an automatic one would let nanoCLR bring the radio up by itself at the next
            // boot, before the core's brown-out guard has decided whether this wake may afford it.
            using (CancellationTokenSource timeout = new CancellationTokenSource(timeoutMilliseconds))
            {
                bool connected = _staticAddress == null
                    ? WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Manual, RequiresDateTime, FirstAdapter, timeout.Token)
                    : WifiNetworkHelper.ConnectFixAddress(_ssid, _password, _staticAddress, WifiReconnectionKind.Manual, RequiresDateTime, FirstAdapter, timeout.Token);
                if (connected)
                {
                    return true;
                }

                NetworkHelperStatus status = WifiNetworkHelper.Status;
                Debug.WriteLine("Wi-Fi connect failed, NetworkHelperStatus " + ((int)status).ToString());

                // Associated with an address but no SNTP answer (e.g. a broker on a LAN without internet):
                // the link is usable, readings just carry no timestamp.
                return status == NetworkHelperStatus.TokenExpiredWaitingDateTime;
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            WifiNetworkHelper.Disconnect();
        }
    }
}
