// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.Wifi
// version 1.5.149) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Read from github.com/nanoframework/System.Device.Wifi:
//   System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs (namespace nanoFramework.Networking:
//     ConnectDhcp, ConnectFixAddress, Disconnect, Status; note the published parameter name
//     "WifiAdapter" in ConnectFixAddress versus "wifiAdapterId" in ConnectDhcp)
//   System.Device.Wifi/WifiReconnectionKind.cs

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
