using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SensorNode.Cli;

/// <summary>
/// A node-like MQTT 3.1.1 publisher for the gateway bench and tests: QoS 1, not retained, up to
/// <see cref="MaxInFlight"/> publishes awaiting their PUBACK at once (a fleet, not one node, is what it stands for).
/// </summary>
public sealed class QosPublisher : IAsyncDisposable
{
    /// <summary>Publishes awaiting PUBACK at once, per publisher.</summary>
    public const int MaxInFlight = 64;

    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _window = new(MaxInFlight, MaxInFlight);
    private long _acknowledged;
    private long _failed;

    private QosPublisher(IMqttClient client) => _client = client;

    /// <summary>PUBACKs received.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>True while the connection to the broker is up (a broker restart ends it).</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes that failed (no PUBACK, connection lost).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Connects to host:port (clean session) as <paramref name="clientId"/>. Throws when the broker refuses.</summary>
    public static Task<QosPublisher> ConnectAsync(string host, int port, string clientId, CancellationToken cancellationToken = default) =>
        ConnectAsync(host, port, clientId, null, null, cancellationToken);

    /// <summary>Connects as <paramref name="clientId"/> with a user name and password (none when <paramref name="username"/> is null).</summary>
    public static async Task<QosPublisher> ConnectAsync(string host, int port, string clientId, string? username, string? password, CancellationToken cancellationToken = default)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId).WithCleanSession(true).WithTimeout(TimeSpan.FromSeconds(5));
        if (username != null) builder = builder.WithCredentials(username, password);
        MqttClientOptions options = builder.Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new QosPublisher(client);
    }

    /// <summary>
    /// Starts a QoS 1 publish and returns once it is in flight (waits while <see cref="MaxInFlight"/> are). The returned
    /// task completes with true on PUBACK.
    /// </summary>
    public async Task<Task<bool>> StartPublishAsync(string topic, byte[] payload, CancellationToken cancellationToken = default)
    {
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        return PublishAsync(topic, payload);
    }

    private async Task<bool> PublishAsync(string topic, byte[] payload)
    {
        try
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            MqttClientPublishResult result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            if (result.IsSuccess) { Interlocked.Increment(ref _acknowledged); return true; }
        }
        catch (Exception)
        {
            // Counted below; a node would retry the reading at its next wake.
        }
        finally
        {
            _window.Release();
        }
        Interlocked.Increment(ref _failed);
        return false;
    }

    /// <summary>
    /// Disconnects cleanly (bounded) and releases the client. Publishes still in flight then end as failed (false), never
    /// with an exception.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(2000);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
        }
        _client.Dispose();
        // The window is not disposed: publishes still in flight (a broker restart makes the soak replace its publisher
        // while some await their PUBACK) give their slot back when they end, and a disposed window made that Release throw
        // ObjectDisposedException out of the tasks they returned. A SemaphoreSlim whose wait handle was never asked for
        // holds nothing to release.
    }
}
