namespace SensorNode.Core.Hardware
{
    /// <summary>
    /// One MQTT client session over an established link. Credentials and TLS material belong to the
    /// adapter (they come from the secrets file), so the core never handles passwords.
    /// </summary>
    public interface IMqttSession
    {
        /// <summary>
        /// Connects with a clean session and a retained QoS 1 will (<paramref name="willTopic"/>,
        /// <paramref name="willMessage"/>). False when the broker refused or did not answer in time.
        /// </summary>
        bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds);

        /// <summary>
        /// Publishes the first <paramref name="length"/> bytes of <paramref name="payload"/> with QoS 1 and
        /// blocks until the broker's PUBACK arrives or <paramref name="ackTimeoutMilliseconds"/> pass.
        /// </summary>
        MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds);

        /// <summary>Sends DISCONNECT (the will is then not published) and closes the socket. Safe when not connected.</summary>
        void Disconnect();
    }
}
