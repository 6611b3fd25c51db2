using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Provision;

/// <summary>
/// The broker side of the identities <c>provision</c> makes: the mosquitto listener (written next to a new CA as
/// mosquitto.conf) and a gateway instance's acl_file lines. The listener binds the client id to the authenticated
/// identity (use_username_as_clientid), so no client can take over the gateway's or another node's id.
/// </summary>
public static class MosquittoListener
{
    /// <summary>Largest payload the broker accepts, bytes: the gateway's decode limit, so nothing larger is ever queued.</summary>
    public const int MessageSizeLimitBytes = SensorNode.Gateway.SenmlDecoder.MaxPayloadBytes;

    /// <summary>mosquitto.conf lines for a mutual-TLS listener on 8883 whose CA is <paramref name="caCertificatePath"/>.</summary>
    public static string Render(string caCertificatePath) => string.Join('\n',
        "# mosquitto 2.x listener for SensorNode (docs/gateway-service.md, TLS and ACL), made by sensornode provision.",
        "# Put your broker's own certificate and key (serverAuth, subjectAltName = its address, from this CA) in",
        "# certfile/keyfile, and the nodes' and gateways' mosquitto.acl lines in acl_file.",
        "listener 8883",
        MosquittoBroker.TlsListenerConfig(caCertificatePath, "/etc/mosquitto/server.crt", "/etc/mosquitto/server.key",
            requireCertificate: true, identityAsUsername: true),
        "allow_anonymous false",
        "acl_file /etc/mosquitto/acl",
        "persistence true",
        "# 0: no limit; the gateway's session must keep everything queued while it is away",
        "max_queued_messages 0",
        $"message_size_limit {MessageSizeLimitBytes}",
        "");

    /// <summary>acl_file lines for a gateway instance: read every node's state, availability and ack; write commands and Home Assistant's topics.</summary>
    public static string GatewayAcl(string topicPrefix, string gatewayId) => $"""
        user {gatewayId}
        topic read {topicPrefix}/+/state
        topic read {topicPrefix}/+/availability
        topic read {topicPrefix}/+/ack
        topic read {topicPrefix}/+/fault
        topic read {topicPrefix}/+/app
        topic write {topicPrefix}/+/cmd/#
        topic write {topicPrefix}/+/ha/#
        topic write homeassistant/#

        """;
}
