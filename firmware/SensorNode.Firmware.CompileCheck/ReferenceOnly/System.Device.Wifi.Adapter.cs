// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Device.Wifi) for the CI
// compile check: the WifiAdapter members WifiLink uses for a write-free association retry. Every body throws. Never
// shipped, never deployed. Read on the repository's main branch (no tag in the snapshot): commit per declaration.
//
// Pin not tagged: nanoFramework.System.Device.Wifi 1.5.149 -> main (these files were read on main at the commit given per line; the snapshot holds no tag for them)
// Checked against: nanoframework/System.Device.Wifi @ 8ee5468 : System.Device.Wifi/WifiAdapter.cs (WifiAdapter)
// Checked against: nanoframework/System.Device.Wifi @ 8ee5468 : System.Device.Wifi/WifiAdapter.cs (WifiConnectionResult)
// Checked against: nanoframework/System.Device.Wifi @ fdb9461 : System.Device.Wifi/WifiConnectionStatus.cs (WifiConnectionStatus)

using System;

namespace System.Device.Wifi
{
    public sealed class WifiAdapter : IDisposable
    {
        public WifiConnectionResult Connect(string ssid, WifiReconnectionKind reconnectionKind, string passwordCredential) { throw new NotSupportedException("reference-only"); }

        public void Disconnect() { throw new NotSupportedException("reference-only"); }

        public static WifiAdapter[] FindAllAdapters() { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }

    // The return type of Connect; its members are not used, so none are declared.
    public class WifiConnectionResult
    {
    }

    public enum WifiConnectionStatus
    {
        AccessRevoked,
        InvalidCredential,
        NetworkNotAvailable,
        Success,
        Timeout,
        UnspecifiedFailure,
        UnsupportedAuthenticationProtocol,
    }
}
