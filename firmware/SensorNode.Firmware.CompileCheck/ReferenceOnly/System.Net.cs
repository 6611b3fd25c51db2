// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Net
// version 1.11.60) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Read from github.com/nanoframework/System.Net:
//   nanoFramework.System.Net/NetworkHelper/IPConfiguration.cs
//   nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs (members in published order,
//     trailing ones the adapters do not use omitted)
//   nanoFramework.System.Net/X509Certificates/X509Certificate.cs (ctor(string certificate): PEM or DER
//     content, not a file name; namespace System.Security.Cryptography.X509Certificates, assembly System.Net)
//   nanoFramework.System.Net/X509Certificates/X509Certificate2.cs (ctor(string rawData, string key,
//     string password): certificate and private key contents, password null for an unencrypted key)

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
        public X509Certificate(string certificate)
        {
            throw new NotSupportedException("reference-only");
        }
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2(string rawData, string key, string password)
            : base(rawData)
        {
            throw new NotSupportedException("reference-only");
        }
    }
}
