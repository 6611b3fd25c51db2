// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Net
// version 1.11.60) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Pin not tagged: nanoFramework.System.Net 1.11.60 -> v1.11.54 (newest tag in the sources read; M2Mqtt 5.1.220's nuspec needs 1.11.60)
// Checked against: nanoframework/System.Net @ v1.11.54 : nanoFramework.System.Net/NetworkHelper/IPConfiguration.cs (IPConfiguration)
// Checked against: nanoframework/System.Net @ v1.11.54 : nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs (NetworkHelperStatus)
// Checked against: nanoframework/System.Net @ v1.11.54 : nanoFramework.System.Net/X509Certificates/X509Certificate.cs (X509Certificate)
// Checked against: nanoframework/System.Net @ v1.11.54 : nanoFramework.System.Net/X509Certificates/X509Certificate2.cs (X509Certificate2)
// (shared research/device-truth-audit.md section 2.10: all MATCH. NetworkHelperStatus members in published order,
// trailing ones unused here omitted. X509Certificate(string) takes PEM/DER content, not a file name;
// X509Certificate2(rawData, key, password): password null for an unencrypted key.)

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
