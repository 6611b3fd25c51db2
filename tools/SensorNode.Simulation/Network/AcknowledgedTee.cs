using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Network;

/// <summary>
/// Routes a simulated node's MQTT through a real broker while the simulator keeps count: a publish the real
/// broker acknowledged is also handed to the in-process <see cref="SimulatedBroker"/>, whose hook the metrics
/// read (so "delivered" means "PUBACK received from the real broker"). The simulated Wi-Fi still gates it:
/// with the link down (a Wi-Fi fault, a brown-out) nothing reaches the real broker either. The broker faults act here
/// as they do in-process (<see cref="SimulatedMqttSession"/>): <c>broker-down</c> (<see cref="SimulatedBroker.Unreachable"/>)
/// refuses the connect without reaching the real broker, <c>no-ack</c> (<see cref="SimulatedBroker.WithholdAcks"/>)
/// publishes to the real broker but hides its PUBACK from the node, which then sends the readings again.
/// </summary>
public sealed class AcknowledgedTee(IMqttSession real, SimulatedBroker recorder, SimulatedLink link, SimulatedClock clock) : IMqttSession
{
    private string _clientId = "";

    public bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds)
    {
        if (!link.IsUp || clock.PowerLost) return false;
        if (recorder.Unreachable)
        {
            clock.Awake(timeoutMilliseconds, PowerPhase.MqttConnect);
            return false;
        }
        _clientId = clientId;
        return real.Connect(clientId, willTopic, willMessage, timeoutMilliseconds);
    }

    public MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds)
    {
        if (!link.IsUp || clock.PowerLost) return MqttPublishResult.NotConnected;
        MqttPublishResult result = real.PublishQos1(topic, payload, length, retain, ackTimeoutMilliseconds);
        if (result == MqttPublishResult.Acknowledged) recorder.Record(_clientId, topic, payload, length, retain, clock.NowUnixMilliseconds);
        if (result == MqttPublishResult.Acknowledged && recorder.WithholdAcks)
        {
            // The real broker has it (delivered); the node never learns, as with a PUBACK lost on the air.
            clock.Awake(ackTimeoutMilliseconds, PowerPhase.MqttPublish);
            return MqttPublishResult.Timeout;
        }
        return result;
    }

    public int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds)
    {
        if (!link.IsUp || clock.PowerLost) return -1;
        return real.ReceiveRetained(topicFilter, buffer, timeoutMilliseconds);
    }

    public void Disconnect() => real.Disconnect();
}
