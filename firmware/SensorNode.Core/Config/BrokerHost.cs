namespace SensorNode.Core.Config
{
    /// <summary>
    /// What connecting to [mqtt] host costs before the first packet. nanoFramework's M2Mqtt resolves the host in the
    /// MqttClient constructor (Dns.GetHostEntry, on the calling thread, outside every timeout; docs/mqtt.md). An IPv4
    /// literal needs no DNS query: Dns.GetHostEntry hands the string to native getaddrinfo (nanoframework/System.Net
    /// nanoFramework.System.Net/DNS.cs), and lwIP converts a dotted quad without asking a server
    /// (dns_gethostbyname_addrtype tries ipaddr_aton first). A name is resolved by the adapter on a worker thread,
    /// bounded by the connect timeout, before the client is built.
    /// </summary>
    public static class BrokerHost
    {
        /// <summary>True when <paramref name="host"/> is an IPv4 dotted quad ("192.168.1.10"): no DNS lookup happens.</summary>
        public static bool IsIpLiteral(string host)
        {
            uint address;
            return host != null && ConfigValue.TryParseDottedQuad(host, out address);
        }
    }
}
