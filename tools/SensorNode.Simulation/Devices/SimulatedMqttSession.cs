using SensorNode.Core.Hardware;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Devices;

/// <summary>The node's MQTT client against a <see cref="SimulatedBroker"/>, over a <see cref="SimulatedLink"/>.</summary>
public sealed class SimulatedMqttSession : IMqttSession
{
    private readonly SimulatedBroker _broker;
    private readonly SimulatedLink _link;
    private readonly SimulatedClock _clock;
    private string? _clientId;
    private string? _willTopic;
    private string? _willMessage;

    /// <summary>TCP + CONNECT/CONNACK, ms.</summary>
    public int ConnectMilliseconds { get; set; } = 40;

    /// <summary>Radio time per payload byte, microseconds (~1 Mbit/s effective).</summary>
    public int MicrosecondsPerByte { get; set; } = 8;

    /// <summary>
    /// How long the node waits after the SUBACK for a retained message that does not come, ms
    /// (<see cref="IMqttSession.ReceiveRetained"/>; the same grace as the device adapter).
    /// </summary>
    public int RetainedGraceMilliseconds { get; set; } = 200;

    public bool IsConnected { get; private set; }
    public int PublishAttempts { get; private set; }

    /// <summary>SUBSCRIBEs sent (one per <see cref="ReceiveRetained"/> on a connected session).</summary>
    public int Subscriptions { get; private set; }

    public SimulatedMqttSession(SimulatedBroker broker, SimulatedLink link, SimulatedClock clock)
    {
        _broker = broker;
        _link = link;
        _clock = clock;
    }

    public bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds)
    {
        if (!_link.IsUp || _broker.Unreachable || _clock.PowerLost)
        {
            _clock.Awake(timeoutMilliseconds, PowerPhase.MqttConnect);
            return false;
        }
        _clock.Awake(ConnectMilliseconds, PowerPhase.MqttConnect);
        if (_clock.PowerLost) return false;
        _clientId = clientId;
        _willTopic = willTopic;
        _willMessage = willMessage;
        IsConnected = true;
        return true;
    }

    public MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds)
    {
        if (!IsConnected || !_link.IsUp || _clock.PowerLost) return MqttPublishResult.NotConnected;
        PublishAttempts++;
        _clock.Awake((long)length * MicrosecondsPerByte / 1000, PowerPhase.MqttPublish);
        if (_clock.PowerLost) return MqttPublishResult.NotConnected; // browned out mid-transmission: nothing left the radio
        _broker.Accept(_clientId!, topic, payload, length, retain, _clock.NowUnixMilliseconds);
        if (_broker.WithholdAcks)
        {
            _clock.Awake(ackTimeoutMilliseconds, PowerPhase.MqttPublish);
            return MqttPublishResult.Timeout;
        }
        _clock.Awake(_broker.RoundTripMilliseconds, PowerPhase.MqttPublish);
        return _clock.PowerLost ? MqttPublishResult.Timeout : MqttPublishResult.Acknowledged;
    }

    /// <inheritdoc />
    /// <remarks>Exact topic match against the broker's retained store; SUBACK and UNSUBSCRIBE cost one round trip each way.</remarks>
    public int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds)
    {
        if (!IsConnected || !_link.IsUp || _clock.PowerLost) return -1;
        Subscriptions++;
        _clock.Awake(Math.Min(_broker.RoundTripMilliseconds, timeoutMilliseconds), PowerPhase.MqttPublish);
        if (_clock.PowerLost) return -1;
        if (!_broker.Retained.TryGetValue(topicFilter, out BrokerMessage? message) || message.Payload.Length == 0)
        {
            _clock.Awake(Math.Max(0, Math.Min(RetainedGraceMilliseconds, timeoutMilliseconds - _broker.RoundTripMilliseconds)), PowerPhase.MqttPublish);
            return 0;
        }
        _clock.Awake((long)message.Payload.Length * MicrosecondsPerByte / 1000, PowerPhase.MqttPublish);
        if (_clock.PowerLost) return -1;
        if (message.Payload.Length > buffer.Length) return -1;
        message.Payload.CopyTo(buffer, 0);
        return message.Payload.Length;
    }

    public void Disconnect()
    {
        IsConnected = false;
    }

    /// <summary>The node lost power with the session open: the broker publishes the will.</summary>
    public void DropWithoutDisconnect()
    {
        if (!IsConnected) return;
        IsConnected = false;
        _broker.PublishWill(_clientId!, _willTopic!, _willMessage!, _clock.NowUnixMilliseconds);
    }
}
