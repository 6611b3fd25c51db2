using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Network;

/// <summary>
/// The node's <see cref="IMqttSession"/> against a real broker, over MQTTnet: MQTT 3.1.1 (what the node speaks,
/// docs/mqtt.md), clean session, a retained QoS 1 will. The core's interface is synchronous, so every call blocks
/// on MQTTnet's async call, cancelled at the core's timeout; a short grace on top keeps the call bounded even if the
/// library ignored the cancellation. Failures become return values, never exceptions. Not thread-safe: one wake at a time.
/// </summary>
public sealed class RealBrokerSession : IMqttSession, IDisposable
{
    /// <summary>How long <see cref="Disconnect"/> waits for DISCONNECT to be written, ms.</summary>
    public const int DisconnectTimeoutMilliseconds = 2000;

    // Wait beyond a cancelled call before giving up on it, ms.
    private const int CancellationGraceMilliseconds = 500;

    private readonly MqttClientFactory _factory = new();
    private IMqttClient? _client;

    /// <summary>
    /// A session for the broker at <paramref name="url"/>; nothing is opened until <see cref="Connect"/>. With
    /// <paramref name="tls"/> (borrowed, not disposed; needs an mqtts:// URL) the broker must present a certificate from
    /// its CA and the session presents its client certificate if it has one; without, an mqtts:// broker is checked
    /// against the system's trust store.
    /// </summary>
    public RealBrokerSession(BrokerUrl url, TlsSettings? tls = null)
    {
        Url = url ?? throw new ArgumentNullException(nameof(url));
        if (tls != null && !url.Tls)
            throw new ArgumentException($"TLS settings given for {url}, which is not mqtts://", nameof(tls));
        Tls = tls;
    }

    /// <summary>The broker this session connects to.</summary>
    public BrokerUrl Url { get; }

    /// <summary>The TLS trust and client certificate, or null (plain MQTT, or TLS against the system's trust store).</summary>
    public TlsSettings? Tls { get; }

    /// <summary>True between a successful <see cref="Connect"/> and the connection's end, as far as the client knows.</summary>
    public bool IsConnected => _client?.IsConnected == true;

    /// <summary>One line on the last failure (connect, publish or disconnect), for logs; null before the first.</summary>
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds)
    {
        if (_client != null)
        {
            Disconnect();
        }
        if (timeoutMilliseconds <= 0)
        {
            LastError = $"connect timeout {timeoutMilliseconds} ms is not positive";
            return false;
        }

        MqttClientOptions options;
        try
        {
            options = BuildOptions(clientId, willTopic, willMessage, timeoutMilliseconds);
        }
        catch (Exception e)
        {
            LastError = $"connect options refused: {e.Message}";
            return false;
        }

        IMqttClient client = _factory.CreateMqttClient();
        try
        {
            MqttClientConnectResult result = RunBounded(token => client.ConnectAsync(options, token), timeoutMilliseconds);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                _client = client;
                return true;
            }
            LastError = $"broker {Url} refused the connection: {result.ResultCode}";
        }
        catch (TimeoutException)
        {
            LastError = $"no CONNACK from {Url} within {timeoutMilliseconds} ms";
        }
        catch (Exception e)
        {
            LastError = $"connect to {Url} failed: {Describe(e)}";
        }
        client.Dispose();
        return false;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Bad arguments give <see cref="MqttPublishResult.Failed"/>; no session gives <see cref="MqttPublishResult.NotConnected"/>;
    /// no PUBACK in time gives <see cref="MqttPublishResult.Timeout"/> (the session stays open). A socket error gives
    /// <see cref="MqttPublishResult.NotConnected"/> when the client then knows the connection is gone, otherwise Failed.
    /// </remarks>
    public MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds)
    {
        if (string.IsNullOrEmpty(topic) || payload == null || length < 0 || length > payload.Length || ackTimeoutMilliseconds <= 0)
        {
            LastError = "publish arguments out of range (topic, payload length or ack timeout)";
            return MqttPublishResult.Failed;
        }
        IMqttClient? client = _client;
        if (client == null || !client.IsConnected)
        {
            LastError = "publish without a connected session";
            return MqttPublishResult.NotConnected;
        }

        try
        {
            // A copy: the core reuses its payload buffer for the next message.
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload.AsSpan(0, length).ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            MqttClientPublishResult result = RunBounded(token => client.PublishAsync(message, token), ackTimeoutMilliseconds);
            if (result.IsSuccess)
            {
                return MqttPublishResult.Acknowledged;
            }
            LastError = $"broker rejected the publish to '{topic}': {result.ReasonCode}";
            return MqttPublishResult.Failed;
        }
        catch (TimeoutException)
        {
            LastError = $"no PUBACK for '{topic}' within {ackTimeoutMilliseconds} ms";
            return MqttPublishResult.Timeout;
        }
        catch (Exception e)
        {
            LastError = $"publish to '{topic}' failed: {Describe(e)}";
            return client.IsConnected ? MqttPublishResult.Failed : MqttPublishResult.NotConnected;
        }
    }

    /// <summary>
    /// How long <see cref="ReceiveRetained"/> waits after the SUBACK for a retained message, ms: the broker sends it
    /// right behind the SUBACK, so this only covers the client's dispatch (the device adapter uses the same grace).
    /// </summary>
    public const int RetainedGraceMilliseconds = 200;

    /// <inheritdoc />
    /// <remarks>
    /// The first message on <paramref name="topicFilter"/> after the SUBSCRIBE is taken (a broker delivers a retained
    /// one first). Failures (no session, no SUBACK, a refused subscription, a message longer than the buffer) give -1
    /// and a <see cref="LastError"/>; an UNSUBSCRIBE is attempted in every case after a SUBACK.
    /// </remarks>
    public int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds)
    {
        if (string.IsNullOrEmpty(topicFilter) || buffer == null || timeoutMilliseconds <= 0)
        {
            LastError = "receive arguments out of range (topic, buffer or timeout)";
            return -1;
        }
        IMqttClient? client = _client;
        if (client == null || !client.IsConnected)
        {
            LastError = "receive without a connected session";
            return -1;
        }

        var arrived = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
        {
            if (e.ApplicationMessage.Topic == topicFilter)
            {
                arrived.TrySetResult(e.ApplicationMessage.Payload.ToArray());
            }
            return Task.CompletedTask;
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        client.ApplicationMessageReceivedAsync += OnMessage;
        bool subscribed = false;
        try
        {
            MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            MqttClientSubscribeResult result = RunBounded(token => client.SubscribeAsync(options, token), timeoutMilliseconds);
            subscribed = true;
            MqttClientSubscribeResultCode code = result.Items.Count == 1 ? result.Items.First().ResultCode : MqttClientSubscribeResultCode.UnspecifiedError;
            if (code > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                LastError = $"broker refused the subscription to '{topicFilter}': {code}";
                return -1;
            }
            int left = timeoutMilliseconds - (int)stopwatch.ElapsedMilliseconds;
            if (!arrived.Task.Wait(Math.Max(0, Math.Min(left, RetainedGraceMilliseconds))))
            {
                return 0;
            }
            byte[] payload = arrived.Task.Result;
            if (payload.Length > buffer.Length)
            {
                LastError = $"retained message on '{topicFilter}' is {payload.Length} bytes, more than the {buffer.Length}-byte buffer";
                return -1;
            }
            payload.CopyTo(buffer, 0);
            return payload.Length;
        }
        catch (TimeoutException)
        {
            LastError = $"no SUBACK for '{topicFilter}' within {timeoutMilliseconds} ms";
            return -1;
        }
        catch (Exception e)
        {
            LastError = $"subscribe to '{topicFilter}' failed: {Describe(e)}";
            return -1;
        }
        finally
        {
            client.ApplicationMessageReceivedAsync -= OnMessage;
            if (subscribed)
            {
                Unsubscribe(client, topicFilter);
            }
        }
    }

    // Best effort: the session is clean and ends with this wake anyway.
    private void Unsubscribe(IMqttClient client, string topicFilter)
    {
        try
        {
            MqttClientUnsubscribeOptions options = new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(topicFilter).Build();
            RunBounded(token => client.UnsubscribeAsync(options, token), DisconnectTimeoutMilliseconds);
        }
        catch (Exception e)
        {
            LastError = $"unsubscribe from '{topicFilter}' failed: {Describe(e)}";
        }
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        IMqttClient? client = _client;
        _client = null;
        if (client == null)
        {
            return;
        }
        try
        {
            if (client.IsConnected)
            {
                var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
                RunBounded(async token =>
                {
                    await client.DisconnectAsync(options, token).ConfigureAwait(false);
                    return true;
                }, DisconnectTimeoutMilliseconds);
            }
        }
        catch (Exception e)
        {
            LastError = $"disconnect from {Url} was not clean: {Describe(e)}";
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// Closes the socket without DISCONNECT, as a node does when it browns out mid-session: the broker then
    /// publishes the will. Safe when not connected.
    /// </summary>
    public void DropWithoutDisconnect()
    {
        IMqttClient? client = _client;
        _client = null;
        // MQTTnet's Dispose tears the channel down without sending anything.
        client?.Dispose();
    }

    /// <summary>Same as <see cref="Disconnect"/>.</summary>
    public void Dispose() => Disconnect();

    private MqttClientOptions BuildOptions(string clientId, string willTopic, string willMessage, int timeoutMilliseconds)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Url.Host, Url.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromMilliseconds(timeoutMilliseconds))
            .WithWillTopic(willTopic)
            .WithWillPayload(Encoding.UTF8.GetBytes(willMessage ?? ""))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true);
        if (Url.Username != null)
        {
            builder = builder.WithCredentials(Url.Username, Url.Password);
        }
        if (Tls != null)
        {
            builder = Tls.Apply(builder, Url.Host);
        }
        else if (Url.Tls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls().WithTargetHost(Url.Host));
        }
        return builder.Build();
    }

    /// <summary>
    /// Runs <paramref name="operation"/> with a token cancelled after <paramref name="timeoutMilliseconds"/> and waits
    /// for it. Throws <see cref="TimeoutException"/> when the token fired or the call outlived the grace; otherwise
    /// returns its result or rethrows its own exception.
    /// </summary>
    private static T RunBounded<T>(Func<CancellationToken, Task<T>> operation, int timeoutMilliseconds)
    {
        using var cancellation = new CancellationTokenSource(timeoutMilliseconds);
        // Task.Run: never resume the library's continuations on a caller's synchronization context.
        Task<T> task = Task.Run(() => operation(cancellation.Token));
        bool finished;
        try
        {
            finished = task.Wait(timeoutMilliseconds + CancellationGraceMilliseconds);
        }
        catch (AggregateException)
        {
            finished = true;
        }
        if (!finished)
        {
            // Observe the late outcome so it never surfaces as an unobserved task exception.
            task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            throw new TimeoutException();
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }

    private static string Describe(Exception e)
    {
        Exception inner = e;
        while (inner.InnerException != null)
        {
            inner = inner.InnerException;
        }
        return ReferenceEquals(inner, e) ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name}: {e.Message} ({inner.GetType().Name}: {inner.Message})";
    }
}
