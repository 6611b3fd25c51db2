using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Faults;

/// <summary>
/// <c>faults --publish URL</c>: connects once (MQTT 3.1.1, clean session, no will), publishes the messages retained at
/// QoS 1 and disconnects. Run it from a daily timer: the broker keeps the last verdicts for Home Assistant.
/// </summary>
public static class FaultPublisher
{
    /// <summary>Connect and per-message acknowledgement timeout, ms.</summary>
    public const int TimeoutMilliseconds = 10_000;

    /// <summary>Publishes <paramref name="messages"/>; throws <see cref="IOException"/> with one line when the broker refuses or a publish fails.</summary>
    public static void Publish(BrokerUrl url, IReadOnlyList<RetainedMessage> messages, string clientId)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(url.Host, url.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromMilliseconds(TimeoutMilliseconds));
        if (url.Username != null) builder = builder.WithCredentials(url.Username, url.Password);
        if (url.Tls) builder = builder.WithTlsOptions(tls => tls.UseTls().WithTargetHost(url.Host));

        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        try
        {
            using (var connect = new CancellationTokenSource(TimeoutMilliseconds))
            {
                MqttClientConnectResult result = client.ConnectAsync(builder.Build(), connect.Token).GetAwaiter().GetResult();
                if (result.ResultCode != MqttClientConnectResultCode.Success) throw new IOException($"broker {url} refused the connection: {result.ResultCode}");
            }
            foreach (RetainedMessage message in messages)
            {
                MqttApplicationMessage built = new MqttApplicationMessageBuilder().WithTopic(message.Topic).WithPayload(message.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build();
                using var publish = new CancellationTokenSource(TimeoutMilliseconds);
                MqttClientPublishResult result = client.PublishAsync(built, publish.Token).GetAwaiter().GetResult();
                if (!result.IsSuccess) throw new IOException($"broker {url} rejected the publish to '{message.Topic}': {result.ReasonCode}");
            }
            using var disconnect = new CancellationTokenSource(TimeoutMilliseconds);
            client.DisconnectAsync(new MqttClientDisconnectOptions(), disconnect.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new IOException($"publishing to {url} failed: {e.Message}", e);
        }
    }
}
