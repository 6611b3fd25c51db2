namespace SensorNode.Core.Hardware
{
    /// <summary>Outcome of a QoS 1 publish.</summary>
    public enum MqttPublishResult
    {
        /// <summary>The broker sent PUBACK: the message is the broker's responsibility now.</summary>
        Acknowledged = 0,
        /// <summary>No PUBACK within the timeout. The message may or may not have arrived.</summary>
        Timeout = 1,
        /// <summary>The session is not connected.</summary>
        NotConnected = 2,
        /// <summary>The client refused the publish (bad topic, payload too large, socket error).</summary>
        Failed = 3,
    }
}
