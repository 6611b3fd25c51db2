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

        /// <summary>
        /// Subscribes with QoS 1 to the one topic <paramref name="topicFilter"/> (no wildcards), waits for its
        /// retained message, unsubscribes, and returns the message length in bytes after copying it into
        /// <paramref name="buffer"/> from index 0. Returns 0 when no message arrived (a broker sends the retained
        /// message right after its SUBACK, so an adapter may stop waiting a short grace after the SUBACK; an empty
        /// retained payload counts as none), and -1 on an error (not connected, no SUBACK) or a message longer than
        /// <paramref name="buffer"/>. Never blocks longer than <paramref name="timeoutMilliseconds"/> in total.
        /// </summary>
        int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds);

        /// <summary>Sends DISCONNECT (the will is then not published) and closes the socket. Safe when not connected.</summary>
        void Disconnect();
    }
}
