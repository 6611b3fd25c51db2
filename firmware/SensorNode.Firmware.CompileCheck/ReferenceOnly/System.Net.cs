// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Net
// version 1.11.60) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Read from github.com/nanoframework/System.Net:
//   nanoFramework.System.Net/NetworkHelper/IPConfiguration.cs
//   nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs (members in published order,
//     trailing ones the adapters do not use omitted)
// X509Certificate is declared as a bare type only because MqttClient's constructor takes it (we pass null).

using System;

namespace nanoFramework.Networking
{
    public class IPConfiguration
    {
        public IPConfiguration(
            string ipv4Address,
            string ipv4SubnetMask,
            string ipv4GatewayAddress,
            string[] ipv4DnsAddresses = null)
        {
            throw new NotSupportedException("reference-only");
        }
    }

    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
    }
}
