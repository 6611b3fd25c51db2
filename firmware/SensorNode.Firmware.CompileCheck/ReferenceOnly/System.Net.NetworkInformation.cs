// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.System.Net) for the CI compile
// check: the members the boot-time radio rule (StationConfigStore), WifiLink, BoardSetup and M2MqttSession's bounded DNS
// use. Every body throws. Never shipped, never deployed. Read on the repository's main branch (the snapshot holds no
// tag for these files): the commit is given per declaration.
//
// Pin not tagged: nanoFramework.System.Net 1.11.60 -> main (these files were read on main at the commit given per line; the snapshot holds no tag for them)
// Checked against: nanoframework/System.Net @ a86584d : nanoFramework.System.Net/NetworkInformation/NetworkInterfaceType.cs (NetworkInterfaceType)
// Checked against: nanoframework/System.Net @ 1c1908d : nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs (NetworkInterface)
// Checked against: nanoframework/System.Net @ 21c1891 : nanoFramework.System.Net/NetworkInformation/Wireless80211Configuration.cs (Wireless80211Configuration, ConfigurationOptions)
// Checked against: nanoframework/System.Net @ 95faa29 : nanoFramework.System.Net/DNS.cs (Dns)
// Checked against: nanoframework/System.Net @ a86584d : nanoFramework.System.Net/IPHostEntry.cs (IPHostEntry)
// Checked against: nanoframework/System.Net @ 1168157 : nanoFramework.System.Net/IPAddress.cs (IPAddress; ToString only)

using System;

namespace System.Net.NetworkInformation
{
    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { throw new NotSupportedException("reference-only"); }

        public static NetworkInterface[] GetAllNetworkInterfaces() { throw new NotSupportedException("reference-only"); }

        public static bool GetIsNetworkAvailable() { throw new NotSupportedException("reference-only"); }

        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress) { throw new NotSupportedException("reference-only"); }

        public void EnableDhcp() { throw new NotSupportedException("reference-only"); }

        public void EnableStaticIPv4Dns(string[] dnsAddresses) { throw new NotSupportedException("reference-only"); }

        public string IPv4Address { get { throw new NotSupportedException("reference-only"); } }

        public string IPv4GatewayAddress { get { throw new NotSupportedException("reference-only"); } }

        public string IPv4SubnetMask { get { throw new NotSupportedException("reference-only"); } }

        public bool IsDhcpEnabled { get { throw new NotSupportedException("reference-only"); } }

        public string[] IPv4DnsAddresses { get { throw new NotSupportedException("reference-only"); } }

        public byte[] PhysicalAddress
        {
            get { throw new NotSupportedException("reference-only"); }
            set { throw new NotSupportedException("reference-only"); }
        }

        public NetworkInterfaceType NetworkInterfaceType { get { throw new NotSupportedException("reference-only"); } }
    }

    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) { throw new NotSupportedException("reference-only"); }

        public ConfigurationOptions Options
        {
            get { throw new NotSupportedException("reference-only"); }
            set { throw new NotSupportedException("reference-only"); }
        }

        public string Password
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

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 0x01,
            Enable = 0x02,
            AutoConnect = 0x04 | Enable,
            SmartConfig = 0x08 | Enable,
        }
    }
}

namespace System.Net
{
    public static class Dns
    {
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) { throw new NotSupportedException("reference-only"); }
    }

    public class IPHostEntry
    {
        public string HostName { get { throw new NotSupportedException("reference-only"); } }

        public IPAddress[] AddressList { get { throw new NotSupportedException("reference-only"); } }
    }

    public class IPAddress
    {
        public override string ToString() { throw new NotSupportedException("reference-only"); }
    }
}
