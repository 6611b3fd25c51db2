// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.Wifi
// version 1.5.149) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Pin not tagged: nanoFramework.System.Device.Wifi 1.5.149 -> v1.5.147 (newest tag in the sources read; 1.5.149 is used by the Samples)
// Checked against: nanoframework/System.Device.Wifi @ v1.5.147 : System.Device.Wifi/WifiReconnectionKind.cs (WifiReconnectionKind)
// Checked against: nanoframework/System.Device.Wifi @ v1.5.147 : System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs (WifiNetworkHelper)
// (shared research/device-truth-audit.md section 2.7: all MATCH; note the published parameter name "WifiAdapter"
// in ConnectFixAddress versus "wifiAdapterId" in ConnectDhcp.)

using System;
using System.Device.Wifi;
using System.Threading;

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw new NotSupportedException("reference-only"); } }

        public static bool ConnectDhcp(
            string ssid,
            string password,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default)
        {
            throw new NotSupportedException("reference-only");
        }

        public static bool ConnectFixAddress(
            string ssid,
            string password,
            IPConfiguration ipConfiguration,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int WifiAdapter = 0,
            CancellationToken token = default)
        {
            throw new NotSupportedException("reference-only");
        }

        public static void Disconnect() { throw new NotSupportedException("reference-only"); }
    }
}
