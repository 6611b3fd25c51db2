using System;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware.Adapters
{
    /// <summary>
    /// One MQTT session through nanoFramework.M2Mqtt. Publishing is asynchronous in M2Mqtt, so a QoS 1 publish
    /// waits for MqttMsgPublished (raised on PUBACK) with the matching message id. With TLS the broker is verified
    /// against the CA certificate in internal storage, and the node presents its own certificate when one is there.
    /// </summary>
    public sealed class M2MqttSession : IMqttSession
    {
        /// <summary>The CA that signed the broker's certificate (PEM), in internal storage; required when [mqtt] tls = true.</summary>
        public const string CaCertificateFileName = "ca.crt";

        /// <summary>The node's client certificate (PEM), in internal storage; optional, used only together with its key.</summary>
        public const string ClientCertificateFileName = "node.crt";

        /// <summary>The private key of <see cref="ClientCertificateFileName"/> (unencrypted PEM), in internal storage.</summary>
        public const string ClientKeyFileName = "node.key";

        private const ushort KeepAliveSeconds = 60;
        private const bool WillRetain = true;
        private const bool WillFlag = true;
        private const bool CleanSession = true;
        // Wait after the SUBACK for a retained message: the broker sends it right behind the SUBACK, so this only
        // covers M2Mqtt's receive and event threads. Waiting the whole timeout would keep the radio on for nothing.
        private const int RetainedGraceMilliseconds = 200;

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly string _username;
        private readonly string _password;
        private readonly IPersistentStorage _storage;
        private readonly object _sync = new object();
        private readonly ManualResetEvent _ackArrived = new ManualResetEvent(false);

        private MqttClient _client;
        // Parsed on the first TLS connect and kept: a node connects at most a few times per wake.
        private X509Certificate _caCertificate;
        private X509Certificate _clientCertificate;
        private bool _awaiting;
        private ushort _awaitedMessageId;
        private bool _awaitedPublished;
        private bool _earlyValid;
        private ushort _earlyMessageId;
        private bool _earlyPublished;

        // One ReceiveRetained at a time: while _receiveTopic is set, any SUBACK is ours and the first PUBLISH on it is kept.
        private readonly ManualResetEvent _subackArrived = new ManualResetEvent(false);
        private readonly ManualResetEvent _messageArrived = new ManualResetEvent(false);
        private string _receiveTopic;
        private bool _subscribeGranted;
        private byte[] _receivedMessage;

        /// <summary>
        /// Broker and TLS from <paramref name="config"/>; credentials from <paramref name="secrets"/> (empty user =
        /// anonymous); with TLS the certificate files are read from <paramref name="storage"/> at the first connect.
        /// </summary>
        public M2MqttSession(NodeConfig config, NodeSecrets secrets, IPersistentStorage storage)
        {
            _storage = storage;
            _host = config.BrokerHost;
            _port = config.BrokerPort;
            _tls = config.BrokerTls;
            _username = secrets.MqttUsername.Length > 0 ? secrets.MqttUsername : null;
            _password = secrets.MqttUsername.Length > 0 ? secrets.MqttPassword : null;
        }

        /// <inheritdoc />
        public bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds)
        {
            Disconnect();
            if (_tls && !TryLoadCertificates())
            {
                return false;
            }

            // new MqttClient(host, ...) resolves the host inside the constructor (Dns.GetHostEntry on this thread), outside
            // every timeout (docs/mqtt.md, "Bounded DNS"). An IP literal needs no lookup (BrokerHost); a name is resolved
            // here on a worker, bounded by the connect budget. Plaintext then connects to the address (no second lookup);
            // TLS keeps the name for the certificate's host check, and lwIP answers the constructor's repeat lookup from
            // its DNS table.
            ulong started = HighResTimer.GetCurrent();
            string target = _host;
            if (!BrokerHost.IsIpLiteral(_host))
            {
                string address = Resolve(_host, timeoutMilliseconds);
                if (address == null)
                {
                    return false;
                }
                if (!_tls)
                {
                    target = address;
                }
            }

            MqttClient client;
            try
            {
                client = new MqttClient(target, _port, _tls, _caCertificate, _clientCertificate, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.MqttMsgPublishReceived += OnPublishReceived;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MQTT client creation failed: " + ex.Message);
                return false;
            }

            // M2Mqtt waits up to 30 s for CONNACK, more than the supercap can spend: connect on a worker and stop
            // waiting after the core's budget. An abandoned attempt ends with the deep sleep that follows.
            ManualResetEvent done = new ManualResetEvent(false);
            bool accepted = false;
            Thread worker = new Thread(() =>
            {
                try
                {
                    accepted = client.Connect(clientId, _username, _password, WillRetain, MqttQoSLevel.AtLeastOnce, WillFlag,
                        willTopic, willMessage, CleanSession, KeepAliveSeconds) == MqttReasonCode.Success;
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("MQTT connect failed: " + ex.Message);
                }
                finally
                {
                    done.Set();
                }
            });
            worker.Start();
            int remaining = timeoutMilliseconds - (int)((HighResTimer.GetCurrent() - started) / 1000);
            if (remaining <= 0 || !done.WaitOne(remaining, false) || !accepted)
            {
                return false;
            }

            _client = client;
            return true;
        }

        // The first IPv4 address of host as a dotted quad, or null when DNS failed or took longer than timeoutMilliseconds
        // (the worker is abandoned; the deep sleep that follows ends it).
        private static string Resolve(string host, int timeoutMilliseconds)
        {
            ManualResetEvent done = new ManualResetEvent(false);
            string address = null;
            Thread worker = new Thread(() =>
            {
                try
                {
                    IPAddress[] addresses = Dns.GetHostEntry(host).AddressList;
                    if (addresses.Length > 0)
                    {
                        address = addresses[0].ToString();
                    }
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("DNS lookup of " + host + " failed: " + ex.Message);
                }
                finally
                {
                    done.Set();
                }
            });
            worker.Start();
            if (!done.WaitOne(timeoutMilliseconds, false))
            {
                Debug.WriteLine("DNS lookup of " + host + " timed out");
                return null;
            }
            return address;
        }

        /// <inheritdoc />
        public MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return MqttPublishResult.NotConnected;
            }

            byte[] message = payload;
            if (length != payload.Length)
            {
                message = new byte[length];
                Array.Copy(payload, message, length);
            }

            lock (_sync)
            {
                _awaiting = false;
                _earlyValid = false;
                _ackArrived.Reset();
            }

            ushort messageId;
            try
            {
                messageId = client.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MQTT publish failed: " + ex.Message);
                return MqttPublishResult.Failed;
            }

            lock (_sync)
            {
                // The PUBACK may already have been dispatched before Publish returned the id.
                _awaitedMessageId = messageId;
                _awaiting = true;
                if (_earlyValid && _earlyMessageId == messageId)
                {
                    _awaitedPublished = _earlyPublished;
                    _ackArrived.Set();
                }
            }

            bool arrived = _ackArrived.WaitOne(ackTimeoutMilliseconds, false);
            lock (_sync)
            {
                _awaiting = false;
                if (!arrived)
                {
                    return MqttPublishResult.Timeout;
                }

                return _awaitedPublished ? MqttPublishResult.Acknowledged : MqttPublishResult.Failed;
            }
        }

        /// <inheritdoc />
        public int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return -1;
            }

            lock (_sync)
            {
                _receiveTopic = topicFilter;
                _subscribeGranted = false;
                _receivedMessage = null;
                _subackArrived.Reset();
                _messageArrived.Reset();
            }

            string[] topics = new string[] { topicFilter };
            try
            {
                client.Subscribe(topics, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                int grace = timeoutMilliseconds < RetainedGraceMilliseconds ? timeoutMilliseconds : RetainedGraceMilliseconds;
                bool subacked = _subackArrived.WaitOne(timeoutMilliseconds - grace, false);
                bool arrived = _messageArrived.WaitOne(subacked ? grace : 0, false);
                lock (_sync)
                {
                    _receiveTopic = null;
                    if (arrived)
                    {
                        byte[] message = _receivedMessage;
                        if (message.Length > buffer.Length)
                        {
                            return -1;
                        }

                        Array.Copy(message, buffer, message.Length);
                        return message.Length;
                    }

                    return subacked && _subscribeGranted ? 0 : -1;
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MQTT subscribe failed: " + ex.Message);
                return -1;
            }
            finally
            {
                lock (_sync)
                {
                    _receiveTopic = null;
                }

                try
                {
                    // Queued, not awaited: the QoS 1 publishes that follow are ordered behind it on the connection.
                    client.Unsubscribe(topics);
                }
                catch (Exception ex)
                {
                    Debug.WriteLine("MQTT unsubscribe failed: " + ex.Message);
                }
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MQTT disconnect failed: " + ex.Message);
            }
        }

        // Reads ca.crt (required: TLS without verifying the broker is never attempted) and node.crt + node.key when both
        // are there. False, logged, when the CA is missing or a file does not parse.
        private bool TryLoadCertificates()
        {
            if (_caCertificate != null)
            {
                return true;
            }

            string ca = ConfigFile.ReadText(_storage, CaCertificateFileName);
            if (ca == null)
            {
                Debug.WriteLine("MQTT TLS: " + CaCertificateFileName + " missing or unreadable in internal storage; not connecting "
                    + "without verifying the broker (deploy it with `sensornode flash`)");
                return false;
            }

            string certificate = ConfigFile.ReadText(_storage, ClientCertificateFileName);
            string key = ConfigFile.ReadText(_storage, ClientKeyFileName);
            if ((certificate == null) != (key == null))
            {
                Debug.WriteLine("MQTT TLS: only one of " + ClientCertificateFileName + " and " + ClientKeyFileName
                    + " is in internal storage; connecting without a client certificate");
            }

            try
            {
                X509Certificate caCertificate = new X509Certificate(ca);
                // The key is unencrypted PEM (as `sensornode provision` writes it): no password.
                X509Certificate clientCertificate = certificate != null && key != null ? new X509Certificate2(certificate, key, null) : null;
                _clientCertificate = clientCertificate;
                _caCertificate = caCertificate;
                return true;
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MQTT TLS: a certificate or key in internal storage does not parse: " + ex.Message);
                return false;
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            lock (_sync)
            {
                if (_receiveTopic == null)
                {
                    return;
                }

                // A granted level is 0-2; the broker's refusal (0x80) is anything above.
                MqttQoSLevel[] granted = e.GrantedQoSLevels;
                _subscribeGranted = granted != null && granted.Length == 1 && (int)granted[0] <= (int)MqttQoSLevel.ExactlyOnce;
                _subackArrived.Set();
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_sync)
            {
                if (_receiveTopic == null || _receivedMessage != null || e.Topic != _receiveTopic || e.Message == null || e.Message.Length == 0)
                {
                    return;
                }

                _receivedMessage = e.Message;
                _messageArrived.Set();
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            lock (_sync)
            {
                if (_awaiting)
                {
                    if (e.MessageId == _awaitedMessageId)
                    {
                        _awaitedPublished = e.IsPublished;
                        _ackArrived.Set();
                    }

                    return;
                }

                _earlyValid = true;
                _earlyMessageId = e.MessageId;
                _earlyPublished = e.IsPublished;
            }
        }
    }
}
