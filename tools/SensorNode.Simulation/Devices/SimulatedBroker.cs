namespace SensorNode.Simulation.Devices;

/// <summary>One message the broker accepted.</summary>
public sealed record BrokerMessage(string ClientId, string Topic, byte[] Payload, bool Retain, long ArrivedUnixMilliseconds)
{
    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// An in-process MQTT broker that records what arrives. It can refuse connections, or accept a publish
/// without acknowledging it (the message arrives, the PUBACK is lost), which is how QoS 1 duplicates happen.
/// </summary>
public sealed class SimulatedBroker
{
    private readonly List<BrokerMessage> _messages = new();
    private readonly Dictionary<string, BrokerMessage> _retained = new();

    /// <summary>Nobody answers on the broker port.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Publishes arrive but no PUBACK is sent.</summary>
    public bool WithholdAcks { get; set; }

    /// <summary>Round trip for CONNACK and PUBACK, ms.</summary>
    public int RoundTripMilliseconds { get; set; } = 40;

    public IReadOnlyList<BrokerMessage> Messages => _messages;
    public IReadOnlyDictionary<string, BrokerMessage> Retained => _retained;

    /// <summary>Wills published because a client vanished without DISCONNECT.</summary>
    public int WillsPublished { get; private set; }

    /// <summary>Keep every message in <see cref="Messages"/> (tests); long simulations turn this off and use <see cref="OnMessage"/>.</summary>
    public bool RecordMessages { get; set; } = true;

    /// <summary>Called for every accepted message with (topic, payload bytes, arrival Unix ms); the bytes are only valid during the call.</summary>
    public Action<string, ReadOnlySpan<byte>, long>? OnMessage { get; set; }

    public long MessagesAccepted { get; private set; }

    /// <summary>Records a message another broker accepted (a real broker's PUBACK), for the same bookkeeping.</summary>
    public void Record(string clientId, string topic, byte[] payload, int length, bool retain, long nowUnixMilliseconds) =>
        Accept(clientId, topic, payload, length, retain, nowUnixMilliseconds);

    internal void Accept(string clientId, string topic, byte[] payload, int length, bool retain, long nowUnixMilliseconds)
    {
        MessagesAccepted++;
        OnMessage?.Invoke(topic, payload.AsSpan(0, length), nowUnixMilliseconds);
        if (!RecordMessages && !retain) return;
        var message = new BrokerMessage(clientId, topic, payload.AsSpan(0, length).ToArray(), retain, nowUnixMilliseconds);
        if (RecordMessages) _messages.Add(message);
        if (retain) _retained[topic] = message;
    }

    internal void PublishWill(string clientId, string topic, string message, long nowUnixMilliseconds)
    {
        WillsPublished++;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(message);
        Accept(clientId, topic, bytes, bytes.Length, true, nowUnixMilliseconds);
    }
}
