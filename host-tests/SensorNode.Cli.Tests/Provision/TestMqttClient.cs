using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>
/// An MQTT 3.1.1 client for broker tests (an operator, or a node listening for commands): connects with a user
/// name and password, subscribes, publishes at QoS 1, and queues what arrives. Every call is bounded in time.
/// </summary>
public sealed class TestMqttClient : IDisposable
{
    private const int CallTimeoutMilliseconds = 5000;

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly BlockingCollection<(string Topic, string Payload)> _received = new();

    private TestMqttClient()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString()));
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects as <paramref name="user"/>; throws <see cref="InvalidOperationException"/> naming the CONNACK code when the broker refuses.</summary>
    public static TestMqttClient Connect(int port, string clientId, string user, string password)
    {
        var client = new TestMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCredentials(user, password)
            .WithCleanSession(true)
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(CallTimeoutMilliseconds);
            MqttClientConnectResult result = client._client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"broker refused {user}: {result.ResultCode}");
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Subscribe(string topicFilter)
    {
        using var timeout = new CancellationTokenSource(CallTimeoutMilliseconds);
        _client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token).GetAwaiter().GetResult();
    }

    public void Publish(string topic, string payload)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var timeout = new CancellationTokenSource(CallTimeoutMilliseconds);
        _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult();
    }

    /// <summary>Messages received until <paramref name="topic"/> arrives or the time is up (then the list lacks it).</summary>
    public List<(string Topic, string Payload)> ReceiveUntil(string topic, int timeoutMilliseconds)
    {
        var seen = new List<(string Topic, string Payload)>();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (true)
        {
            int left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left <= 0 || !_received.TryTake(out var message, left)) return seen;
            seen.Add(message);
            if (message.Topic == topic) return seen;
        }
    }

    /// <summary>Everything that arrives within <paramref name="milliseconds"/>.</summary>
    public List<(string Topic, string Payload)> ReceiveFor(int milliseconds) => ReceiveUntil("\0never", milliseconds);

    public void Dispose()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(CallTimeoutMilliseconds);
                _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).GetAwaiter().GetResult();
            }
        }
        catch (Exception)
        {
            // Already gone.
        }
        _client.Dispose();
        _received.Dispose();
    }
}
