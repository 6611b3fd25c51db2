// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.M2Mqtt
// version 5.1.220, which ships nanoFramework.M2Mqtt.dll and nanoFramework.M2Mqtt.Core.dll) for the CI
// compile check. Every body throws. Never shipped, never deployed.
//
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : M2Mqtt/MqttClient.cs (MqttClient)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/IMqttClient.cs (IMqttClient)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/MqttSslProtocols.cs (MqttSslProtocols)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/Messages/MqttQoSLevel.cs (MqttQoSLevel)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/Messages/MqttReasonCode.cs (MqttReasonCode)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishedEventArgs.cs (MqttMsgPublishedEventArgs)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs (MqttMsgPublishEventArgs)
// Checked against: nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs (MqttMsgSubscribedEventArgs)
// (shared research/device-truth-audit.md section 2.2 rows 13-29. IMqttClient derives from nothing, as published;
// MqttClient implements IDisposable itself.)

using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt.Messages
{
    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
    }

    public enum MqttReasonCode
    {
        Success = 0x00,
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public ushort MessageId { get { throw new NotSupportedException("reference-only"); } }

        public bool IsPublished { get { throw new NotSupportedException("reference-only"); } }
    }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        public string Topic { get { throw new NotSupportedException("reference-only"); } }

        public byte[] Message { get { throw new NotSupportedException("reference-only"); } }

        public bool DupFlag { get { throw new NotSupportedException("reference-only"); } }

        public MqttQoSLevel QosLevel { get { throw new NotSupportedException("reference-only"); } }

        public bool Retain { get { throw new NotSupportedException("reference-only"); } }
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public ushort MessageId { get { throw new NotSupportedException("reference-only"); } }

        public MqttQoSLevel[] GrantedQoSLevels { get { throw new NotSupportedException("reference-only"); } }
    }
}

namespace nanoFramework.M2Mqtt
{
    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
    }

    public interface IMqttClient
    {
        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);
    }

    public class MqttClient : IMqttClient, IDisposable
    {
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol)
        {
            throw new NotSupportedException("reference-only");
        }

        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished
        {
            add { throw new NotSupportedException("reference-only"); }
            remove { throw new NotSupportedException("reference-only"); }
        }

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived
        {
            add { throw new NotSupportedException("reference-only"); }
            remove { throw new NotSupportedException("reference-only"); }
        }

        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed
        {
            add { throw new NotSupportedException("reference-only"); }
            remove { throw new NotSupportedException("reference-only"); }
        }

        public bool IsConnected { get { throw new NotSupportedException("reference-only"); } }

        public MqttReasonCode Connect(
            string clientId,
            string username,
            string password,
            bool willRetain,
            MqttQoSLevel willQosLevel,
            bool willFlag,
            string willTopic,
            string willMessage,
            bool cleanSession,
            ushort keepAlivePeriod)
        {
            throw new NotSupportedException("reference-only");
        }

        public ushort Publish(
            string topic,
            byte[] message,
            string contentType,
            ArrayList userProperties,
            MqttQoSLevel qosLevel,
            bool retain)
        {
            throw new NotSupportedException("reference-only");
        }

        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            throw new NotSupportedException("reference-only");
        }

        public ushort Unsubscribe(string[] topics)
        {
            throw new NotSupportedException("reference-only");
        }

        public void Disconnect() { throw new NotSupportedException("reference-only"); }

        public void Dispose() { throw new NotSupportedException("reference-only"); }
    }
}
