namespace SensorNode.Gateway.Service;

/// <summary>
/// What a <see cref="GatewayService"/> connects to and how it batches, announces and releases. Immutable; checked
/// once by <see cref="Validate"/> before anything connects (docs/gateway-service.md).
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>Broker host name or IP address (the CLI takes it from a BrokerUrl).</summary>
    public required string Host { get; init; }

    /// <summary>Broker TCP port, 1 to 65535.</summary>
    public int Port { get; init; } = 1883;

    /// <summary>True to wrap the connection in TLS (mqtts://).</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// PEM file of the CA certificate(s) the broker's certificate must chain to (only these are trusted, not the system's
    /// roots), or null to use the system's trust store. Needs <see cref="Tls"/>.
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file of the gateway's own client certificate (mutual TLS), or null. Needs <see cref="Tls"/> and <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM file of the client certificate's private key, or null. Goes with <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>User name for CONNECT, or null for anonymous.</summary>
    public string? Username { get; init; }

    /// <summary>Password for CONNECT, or null.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// MQTT client id, 1-64 chars. Must be stable across restarts (the persistent session is keyed on it) and
    /// distinct between the instances of one <see cref="Group"/>.
    /// </summary>
    public required string ClientId { get; init; }

    /// <summary>
    /// Shared-subscription group name: instances with the same group split the state stream. No '/', '+', '#'. Null
    /// (the default): plain subscriptions, one instance, the mode that loses nothing. mosquitto 2.0 does not restore
    /// shared subscriptions from its persistence file, so a group loses what nodes publish between a broker restart
    /// and the resubscribe, and a departed instance's session keeps its share queued until it expires
    /// (docs/gateway-service.md, Scale-out).
    /// </summary>
    public string? Group { get; init; }

    /// <summary>Topic prefix of the nodes ([mqtt] TopicPrefix), default "sensornode".</summary>
    public string Prefix { get; init; } = "sensornode";

    /// <summary>How long the broker keeps the session (and queues QoS 1 messages) while the gateway is away, s (1 to 4294967294).</summary>
    public uint SessionExpirySeconds { get; init; } = 86_400;

    /// <summary>Most messages stored in one transaction, 1 to <see cref="ReceiveMaximum"/>.</summary>
    public int BatchMaxMessages { get; init; } = 500;

    /// <summary>Longest a batch waits for more messages after its first one, ms (0 to 10000; 0 = store what is queued now).</summary>
    public int BatchMaxMilliseconds { get; init; } = 10;

    /// <summary>Unacknowledged QoS 1 messages the broker may have in flight towards this client (MQTT 5 Receive Maximum), 1 to 65535.</summary>
    public ushort ReceiveMaximum { get; init; } = 1000;

    /// <summary>
    /// QoS 0 messages bypass Receive Maximum, so they get their own bound: one is taken only while fewer than
    /// <see cref="MaxQueuedQos0Messages"/> QoS 0 messages and fewer than this many payload bytes (all QoS) wait for the
    /// store; otherwise it is dropped and counted (QoS 0 is at-most-once; nodes publish QoS 1). 1 to 1 GiB, default 16 MiB.
    /// QoS 1 messages are bounded by <see cref="ReceiveMaximum"/> x the 64 KiB kept per message.
    /// </summary>
    public long MaxQueuedQos0Bytes { get; init; } = 16L << 20;

    /// <summary>Most QoS 0 messages waiting for the store (see <see cref="MaxQueuedQos0Bytes"/>), 0 to 65535, default 1000.</summary>
    public int MaxQueuedQos0Messages { get; init; } = 1000;

    /// <summary>
    /// A node's queued commands are released when its last stored supercap voltage is at least this, V
    /// (0 to 65.535; default 4.0 on the 5.4 V reference design).
    /// </summary>
    public double ReleaseAboveVolts { get; init; } = 4.0;

    /// <summary>Home Assistant's expire_after = announced sleep + this margin, s (0 to 86400). Covers wake jitter and the transmit.</summary>
    public int ExpireMarginSeconds { get; init; } = 120;

    /// <summary>
    /// Longest wait of the occupancy timer between two looks at the gateway's clock, s (1 to 900, default 60): it sleeps until
    /// the next room is due (docs/occupancy.md, "At the gateway"), but at most this long, so a clock that jumps is followed.
    /// </summary>
    public int OccupancyRecheckSeconds { get; init; } = 60;

    /// <summary>Home Assistant MQTT discovery prefix, default "homeassistant"; null or empty turns discovery and per-point values off.</summary>
    public string? DiscoveryPrefix { get; init; } = "homeassistant";

    /// <summary>Wait between reconnect attempts after the broker went away, ms (10 to 60000).</summary>
    public int ReconnectDelayMilliseconds { get; init; } = 500;

    /// <summary>
    /// A state pack rejected for a retryable reason (a time ahead of the gateway's clock) is not acknowledged; the
    /// gateway reconnects this long after such a rejection so the broker redelivers it, ms (100 to 3600000, default 30000).
    /// </summary>
    public int RetryDelayMilliseconds { get; init; } = 30_000;

    /// <summary>
    /// How long a retryable pack is retried (since this process first saw it) before it is dead-lettered as final and
    /// acknowledged, s (0 to 31536000, default 86400). A dead letter keeps the whole payload for <c>gateway replay</c>.
    /// </summary>
    public int RetryForSeconds { get; init; } = 86_400;

    /// <summary>
    /// After a failed store transaction (disk full, read-only or damaged file) the gateway waits this long before
    /// reconnecting for redelivery, doubling per consecutive failure up to 30 s, ms (10 to 30000, default 500).
    /// </summary>
    public int StoreRetryBaseMilliseconds { get; init; } = 500;

    /// <summary>
    /// Consecutive failed store transactions after which the gateway gives up (<see cref="GatewayService.Failed"/>
    /// completes; the CLI exits 1 naming the file, for a supervisor to see), 1 to 1000, default 10. The messages of the
    /// failed batches stay unacknowledged in the broker's session.
    /// </summary>
    public int MaxConsecutiveStoreFailures { get; init; } = 10;

    /// <summary>True when Home Assistant discovery configs and per-point values are published.</summary>
    public bool PublishesDiscovery => !string.IsNullOrEmpty(DiscoveryPrefix);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("broker host is empty");
        if (Port is < 1 or > 65535) throw new ArgumentException($"broker port {Port}: 1 to 65535");
        if (!Tls && (CaFile ?? ClientCertificateFile ?? ClientKeyFile) != null)
            throw new ArgumentException("a CA file, client certificate or key needs TLS (mqtts://)");
        if ((ClientCertificateFile == null) != (ClientKeyFile == null))
            throw new ArgumentException("the client certificate and its key go together");
        foreach (string? file in new[] { CaFile, ClientCertificateFile, ClientKeyFile })
            if (file != null && !File.Exists(file)) throw new ArgumentException($"TLS file {file}: not found");
        if (string.IsNullOrEmpty(ClientId) || ClientId.Length > 64 || ClientId.Any(c => c is '+' or '#' or '/' || char.IsWhiteSpace(c)))
            throw new ArgumentException($"client id '{ClientId}': 1-64 chars without '/', '+', '#' or whitespace");
        if (Group != null && (Group.Length == 0 || Group.Any(c => c is '+' or '#' or '/' || char.IsWhiteSpace(c))))
            throw new ArgumentException($"group '{Group}': at least one char, no '/', '+', '#' or whitespace");
        if (string.IsNullOrEmpty(Prefix) || Prefix.StartsWith('/') || Prefix.EndsWith('/') || Prefix.Contains('+') || Prefix.Contains('#'))
            throw new ArgumentException($"prefix '{Prefix}': one or more topic levels, no leading or trailing '/', no '+' or '#'");
        if (SessionExpirySeconds is 0 or uint.MaxValue)
            throw new ArgumentException($"session expiry {SessionExpirySeconds} s: 1 to 4294967294");
        if (ReceiveMaximum == 0) throw new ArgumentException("receive maximum: 1 to 65535");
        if (MaxQueuedQos0Bytes is < 1 or > 1L << 30) throw new ArgumentException($"QoS 0 queue of {MaxQueuedQos0Bytes} bytes: 1 to 1073741824");
        if (MaxQueuedQos0Messages is < 0 or > 65535) throw new ArgumentException($"QoS 0 queue of {MaxQueuedQos0Messages} messages: 0 to 65535");
        if (BatchMaxMessages < 1 || BatchMaxMessages > ReceiveMaximum)
            throw new ArgumentException($"batch of {BatchMaxMessages} messages: 1 to the receive maximum ({ReceiveMaximum})");
        if (BatchMaxMilliseconds is < 0 or > 10_000) throw new ArgumentException($"batch wait {BatchMaxMilliseconds} ms: 0 to 10000");
        if (!(ReleaseAboveVolts is >= 0 and <= 65.535)) throw new ArgumentException($"release threshold {ReleaseAboveVolts} V: 0 to 65.535");
        if (ExpireMarginSeconds is < 0 or > 86_400) throw new ArgumentException($"expire margin {ExpireMarginSeconds} s: 0 to 86400");
        if (StoreRetryBaseMilliseconds is < 10 or > 30_000) throw new ArgumentException($"store retry {StoreRetryBaseMilliseconds} ms: 10 to 30000");
        if (MaxConsecutiveStoreFailures is < 1 or > 1000) throw new ArgumentException($"store failures {MaxConsecutiveStoreFailures}: 1 to 1000");
        if (RetryDelayMilliseconds is < 100 or > 3_600_000) throw new ArgumentException($"retry delay {RetryDelayMilliseconds} ms: 100 to 3600000");
        if (RetryForSeconds is < 0 or > 31_536_000) throw new ArgumentException($"retry period {RetryForSeconds} s: 0 to 31536000");
        if (OccupancyRecheckSeconds is < 1 or > 900) throw new ArgumentException($"occupancy recheck {OccupancyRecheckSeconds} s: 1 to 900");
        if (ReconnectDelayMilliseconds is < 10 or > 60_000) throw new ArgumentException($"reconnect delay {ReconnectDelayMilliseconds} ms: 10 to 60000");
        if (DiscoveryPrefix is { Length: > 0 } d && (d.Contains('+') || d.Contains('#') || d.StartsWith('/') || d.EndsWith('/')))
            throw new ArgumentException($"discovery prefix '{d}': no '+', '#', leading or trailing '/'");
    }
}
