using SensorNode.Gateway.Fleet;
using SensorNode.Gateway.Occupancy;
using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SensorNode.Gateway.Service;

/// <summary>
/// The gateway: an MQTT 5 client that stores what the nodes publish. State packs come through a shared subscription
/// (several instances split the stream), are decoded, stored in batches (one transaction each) and only then
/// acknowledged (manual PUBACK), so a message is either in SQLite or still owned by the broker's persistent session.
/// Availability updates the store and the Home Assistant discovery configs; a node with enough energy gets its queued
/// commands; a node's ack clears the command. docs/gateway-service.md describes topics, payloads and guarantees.
/// </summary>
/// <remarks>
/// One consumer task does all store work, in arrival order. The MQTT library's receive handler only copies the message
/// (at most 64 KiB of it) into a channel and returns, so the library keeps reading while a batch commits. The channel is
/// bounded: QoS 1 by <see cref="GatewayOptions.ReceiveMaximum"/> (the broker sends no more unacknowledged messages than
/// that), QoS 0, which Receive Maximum does not cover, by <see cref="GatewayOptions.MaxQueuedQos0Bytes"/> and
/// <see cref="GatewayOptions.MaxQueuedQos0Messages"/> (dropped and counted beyond them). The handler never waits: the
/// library queues received packets without a bound of its own while a handler blocks.
/// </remarks>
public sealed class GatewayService : IAsyncDisposable
{
    // Payload: the first SenmlDecoder.MaxPayloadBytes bytes (all a decoder or a dead letter uses); PayloadLength: the real size.
    private sealed record Inbound(MqttApplicationMessageReceivedEventArgs Args, string Topic, TopicInfo Info, byte[] Payload, int PayloadLength,
        bool Qos0, bool Retained, long ReceivedUnixMs, int Generation)
    {
        /// <summary>A state message as decoded on arrival (null for other kinds and oversized payloads).</summary>
        public DecodedState? State { get; init; }
    }

    // A state pack decoded on arrival, against the gateway's clock then: the receive handler decodes while the store loop
    // stores the previous batch, so the two run on two cores (docs/occupancy.md, "Benchmark").
    private sealed record DecodedState(DecodedPack? Pack, string Reason, bool Retryable);

    private const int ConnectTimeoutMilliseconds = 5000;
    private const string InvalidTopicKind = "invalid-topic";

    /// <summary>Longest command ack taken, bytes: "&lt;id&gt; rejected &lt;reason&gt;" with a short reason; longer ones are dead-lettered.</summary>
    public const int MaxAckPayloadBytes = 512;
    private const int DisconnectTimeoutMilliseconds = 2000;

    private readonly GatewayOptions _options;
    private readonly ReadingStore _store;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly IMqttClient _client;
    private readonly X509Certificate2Collection? _trustedCas;
    private readonly X509Certificate2? _clientCertificate;
    private readonly Channel<Inbound> _inbox = Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _announcedExpireAfter = new(StringComparer.Ordinal);
    private readonly HashSet<string> _announcedRooms = new(StringComparer.Ordinal);
    // Rooms' live state (docs/occupancy.md, "At the gateway"): decided at each message and by the occupancy timer, one code
    // path; the lock keeps the two from publishing a room's states out of order.
    private readonly LiveRoomOccupancy _live;
    private readonly SemaphoreSlim _occupancyLock = new(1, 1);
    private Task? _occupancyTimer;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _consumer;
    private Task? _reconnect;
    private int _generation;
    private long _lastArrivalTicks = Environment.TickCount64;
    private int _queuedMessages;
    private int _queuedQos0;
    private long _qos0DropLoggedTicks = long.MinValue;
    private const int MaxTrackedRetries = 10_000;
    // Retryable packs: first time seen (Unix ms), keyed on topic and payload hash; bounded, oldest dropped.
    private readonly Dictionary<string, long> _retryingSince = new(StringComparer.Ordinal);
    private readonly Queue<string> _retryOrder = new();
    private int _retryScheduled;
    private int _consecutiveStoreFailures;
    private bool _deadLettersFull;
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;
    private bool _stopped;

    /// <summary>
    /// A gateway over <paramref name="store"/> (not disposed by the service). <paramref name="time"/> is the wall clock
    /// (receive times, the decoder's future-timestamp check); <paramref name="log"/> gets one line per notable event.
    /// Throws <see cref="ArgumentException"/> when <paramref name="options"/> are invalid.
    /// </summary>
    public GatewayService(GatewayOptions options, ReadingStore store, TimeProvider? time = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
        _log = log ?? (_ => { });
        _live = new LiveRoomOccupancy(store, _time);
        (_trustedCas, _clientCertificate) = LoadTlsFiles(options);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceived;
        _client.DisconnectedAsync += OnDisconnected;
    }

    /// <summary>What the service did so far.</summary>
    public GatewayCounters Counters { get; } = new();

    /// <summary>
    /// Completes, with a one-line reason, when the store failed <see cref="GatewayOptions.MaxConsecutiveStoreFailures"/>
    /// batches in a row: the gateway stopped taking messages (the broker keeps them); the process should exit non-zero.
    /// </summary>
    public Task<string> Failed => _failed.Task;

    /// <summary>True while connected to the broker.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// Raised on the consumer task right after a batch's store transaction committed, before its PUBACKs go out: the
    /// packs stored (new and duplicate readings alike) and the commit time, Unix ms. For latency measurements; keep it short.
    /// </summary>
    public event Action<IReadOnlyList<DecodedPack>, long>? BatchCommitted;

    /// <summary>
    /// Connects (clean start false: an existing session and its queued messages are resumed), subscribes and starts
    /// consuming. Throws <see cref="InvalidOperationException"/> when the broker refuses or is unreachable.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started) throw new InvalidOperationException("the gateway service was already started");
        _started = true;
        _consumer = Task.Run(ConsumeAsync, CancellationToken.None);
        try
        {
            await ConnectAndSubscribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"gateway {_options.ClientId} cannot connect to {_options.Host}:{_options.Port}: {e.Message}", e);
        }
        _occupancyTimer = Task.Run(OccupancyTimerAsync, CancellationToken.None);
        _log($"connected to {_options.Host}:{_options.Port} as {_options.ClientId}, {(_options.Group == null ? "plain subscription" : "group " + _options.Group)}, prefix {_options.Prefix}");
        if (_options.Group != null)
        {
            _log($"WARNING: group {_options.Group} (scale-out) can lose readings: what nodes publish between a broker restart and the resubscribe "
                + $"is acknowledged and dropped (mosquitto 2.0 does not persist shared subscriptions), and a stopped instance's share stays queued "
                + $"in its session for {_options.SessionExpirySeconds} s; retire an instance with --drain (docs/gateway-service.md, Scale-out)");
        }
    }

    /// <summary>
    /// Graceful stop: no new messages are taken, what was already taken is stored and acknowledged, then the client
    /// disconnects normally (the session stays on the broker for <see cref="GatewayOptions.SessionExpirySeconds"/>;
    /// messages that arrived but were not taken are redelivered to the next instance with the same client id).
    /// </summary>
    public Task StopAsync() => StopAsync(endSession: false);

    /// <summary>
    /// Scale-out clean-up of a departed group instance (run with its client id): waits until no message arrived for
    /// <paramref name="quiet"/> (the broker has handed over what it queued for this session), unsubscribes (so no new
    /// share is sent; what was sent before the UNSUBACK is already queued here), stores and acknowledges everything,
    /// then disconnects with session expiry 0 so the broker drops the session instead of queueing for it.
    /// </summary>
    public async Task DrainAsync(TimeSpan quiet, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long idle = Environment.TickCount64 - Interlocked.Read(ref _lastArrivalTicks);
            if (idle >= quiet.TotalMilliseconds && Volatile.Read(ref _queuedMessages) == 0) break;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(20, quiet.TotalMilliseconds - idle)), cancellationToken).ConfigureAwait(false);
        }
        if (_client.IsConnected)
        {
            var unsubscribe = new MqttClientUnsubscribeOptionsBuilder();
            foreach (string filter in Filters()) unsubscribe = unsubscribe.WithTopicFilter(filter);
            await _client.UnsubscribeAsync(unsubscribe.Build(), cancellationToken).ConfigureAwait(false);
        }
        await StopAsync(endSession: true).ConfigureAwait(false);
    }

    private async Task StopAsync(bool endSession)
    {
        if (_stopped) return;
        _stopped = true;
        _stopping.Cancel();
        _inbox.Writer.TryComplete();
        if (_consumer != null) await _consumer.ConfigureAwait(false);
        if (_reconnect != null) await _reconnect.ConfigureAwait(false);
        if (_occupancyTimer != null) await _occupancyTimer.ConfigureAwait(false);
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(DisconnectTimeoutMilliseconds);
                var builder = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection);
                if (endSession) builder = builder.WithSessionExpiryInterval(0);
                await _client.DisconnectAsync(builder.Build(), timeout.Token).ConfigureAwait(false);
                if (endSession) _log($"session {_options.ClientId} drained and ended");
            }
            catch (Exception e)
            {
                _log($"disconnect was not clean: {e.Message}");
            }
        }
        _log($"stopped: {Counters}");
    }

    /// <summary>Stops (as <see cref="StopAsync()"/>) and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _client.Dispose();
        foreach (X509Certificate2 ca in (IEnumerable<X509Certificate2>?)_trustedCas ?? []) ca.Dispose();
        _clientCertificate?.Dispose();
        _stopping.Dispose();
        _connectLock.Dispose();
        _occupancyLock.Dispose();
    }

    private MqttClientOptions BuildClientOptions()
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_options.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(_options.SessionExpirySeconds)
            .WithReceiveMaximum(_options.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromMilliseconds(ConnectTimeoutMilliseconds));
        if (_options.Username != null) builder = builder.WithCredentials(_options.Username, _options.Password);
        if (_options.Tls) builder = builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithTargetHost(_options.Host);
            // Only the given CA is trusted; a lab CA has no CRL to check against.
            if (_trustedCas != null) tls.WithTrustChain(_trustedCas).WithRevocationMode(X509RevocationMode.NoCheck);
            if (_clientCertificate != null) tls.WithClientCertificates(new[] { _clientCertificate });
        });
        return builder.Build();
    }

    // Read once, so a bad file fails the constructor rather than every reconnect.
    private static (X509Certificate2Collection?, X509Certificate2?) LoadTlsFiles(GatewayOptions options)
    {
        X509Certificate2Collection? cas = null;
        X509Certificate2? client = null;
        try
        {
            if (options.CaFile != null)
            {
                cas = new X509Certificate2Collection();
                cas.ImportFromPemFile(options.CaFile);
                if (cas.Count == 0) throw new ArgumentException($"CA file {options.CaFile} holds no PEM certificate");
            }
            if (options.ClientCertificateFile != null)
            {
                using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile);
                // SslStream on Windows refuses a PEM-loaded (ephemeral) key; a PKCS#12 round trip gives it a usable one.
                client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
            return (cas, client);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"TLS files ({options.CaFile}, {options.ClientCertificateFile}, {options.ClientKeyFile}): {e.Message}", e);
        }
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected) return;
            // Messages taken on an earlier connection must not be acknowledged on this one.
            Interlocked.Increment(ref _generation);
            MqttClientConnectResult connected = await _client.ConnectAsync(BuildClientOptions(), cancellationToken).ConfigureAwait(false);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"broker refused the connection: {connected.ResultCode} {connected.ReasonString}");

            // Subscribing again on a resumed session is harmless and covers a broker that lost it.
            var subscribeBuilder = new MqttClientSubscribeOptionsBuilder();
            foreach (string filter in Filters()) subscribeBuilder = subscribeBuilder.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
            MqttClientSubscribeOptions subscribe = subscribeBuilder.Build();
            MqttClientSubscribeResult result = await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
            foreach (MqttClientSubscribeResultItem item in result.Items)
            {
                if (item.ResultCode != MqttClientSubscribeResultCode.GrantedQoS1)
                    throw new InvalidOperationException($"subscription '{item.TopicFilter.Topic}' not granted at QoS 1: {item.ResultCode}");
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    // State, availability, fault, ack. Acks are shared like state, so one instance of the group handles each; availability
    // and fault reports (retained diagnostics, stored idempotently) go to every instance.
    private string[] Filters() =>
    [
        _options.Group == null ? GatewayTopics.StateFilter(_options.Prefix) : GatewayTopics.SharedStateFilter(_options.Group, _options.Prefix),
        GatewayTopics.AvailabilityFilter(_options.Prefix),
        GatewayTopics.FaultFilter(_options.Prefix),
        GatewayTopics.AppFilter(_options.Prefix),
        _options.Group == null ? $"{_options.Prefix}/+/ack" : $"$share/{_options.Group}/{_options.Prefix}/+/ack",
    ];

    private Task OnDisconnected(MqttClientDisconnectedEventArgs e)
    {
        if (_stopping.IsCancellationRequested || !_started) return Task.CompletedTask;
        _log($"connection lost ({e.Reason}{(e.Exception == null ? "" : ": " + e.Exception.Message)}); reconnecting");
        if (_reconnect == null || _reconnect.IsCompleted) _reconnect = Task.Run(ReconnectAsync);
        return Task.CompletedTask;
    }

    private async Task ReconnectAsync()
    {
        while (!_stopping.IsCancellationRequested && !_client.IsConnected)
        {
            try
            {
                await Task.Delay(_options.ReconnectDelayMilliseconds, _stopping.Token).ConfigureAwait(false);
                await ConnectAndSubscribeAsync(_stopping.Token).ConfigureAwait(false);
                Counters.AddReconnect();
                _log("reconnected; the broker redelivers what was not acknowledged");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                _log($"reconnect failed: {e.Message}");
            }
        }
    }

    // The library awaits this handler before it reads the next message: copy, decode a state pack (microseconds; it runs
    // beside the store loop, which then only stores) and queue, never block.
    private Task OnMessageReceived(MqttApplicationMessageReceivedEventArgs e)
    {
        Interlocked.Exchange(ref _lastArrivalTicks, Environment.TickCount64);
        MqttApplicationMessage message = e.ApplicationMessage;
        if (!GatewayTopics.TryParse(message.Topic, _options.Prefix, out TopicInfo? info) || info == null || info.Kind is not ("state" or "availability" or "ack" or "fault" or SensorNode.Core.Telemetry.MqttTopics.AppLevel))
        {
            // Every filter is "<prefix>/+/<kind>": what fails to parse has a node level that breaks the node-id rule.
            // It is dead-lettered like any bad message, never dropped without a trace.
            info = new TopicInfo("", InvalidTopicKind);
        }
        long length = message.Payload.Length;
        int kept = (int)Math.Min(length, SenmlDecoder.MaxPayloadBytes);
        bool qos0 = message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce;
        if (qos0 && (Volatile.Read(ref _queuedQos0) >= _options.MaxQueuedQos0Messages || Counters.QueuedBytes + kept > _options.MaxQueuedQos0Bytes))
        {
            Counters.AddDroppedQos0();
            long now = Environment.TickCount64;
            if (now - Interlocked.Read(ref _qos0DropLoggedTicks) >= 10_000)
            {
                Interlocked.Exchange(ref _qos0DropLoggedTicks, now);
                _log($"QoS 0 queue full ({Counters.QueuedBytes} bytes waiting for the store): dropping QoS 0 messages, {Counters.DroppedQos0} so far");
            }
            return Task.CompletedTask;
        }
        e.AutoAcknowledge = false;
        byte[] payload = message.Payload.Slice(0, kept).ToArray();
        long receivedMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        DecodedState? state = null;
        if (info.Kind == "state" && length <= SenmlDecoder.MaxPayloadBytes)
        {
            bool decoded = SenmlDecoder.TryDecode(message.Topic, payload, _options.Prefix, receivedMs / 1000, out DecodedPack? pack, out string reason, out bool retryable);
            state = new DecodedState(decoded ? pack : null, reason, retryable);
        }
        var inbound = new Inbound(e, message.Topic, info, payload, (int)Math.Min(length, int.MaxValue), qos0,
            message.Retain, receivedMs, Volatile.Read(ref _generation)) { State = state };
        // Refused only after StopAsync: left unacknowledged, the broker keeps it for the session's next connection.
        if (_inbox.Writer.TryWrite(inbound))
        {
            Interlocked.Increment(ref _queuedMessages);
            if (qos0) Interlocked.Increment(ref _queuedQos0);
            Counters.AddQueued(kept);
        }
        return Task.CompletedTask;
    }

    private bool TryTake(ChannelReader<Inbound> reader, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Inbound? item)
    {
        if (!reader.TryRead(out item)) return false;
        Interlocked.Decrement(ref _queuedMessages);
        if (item.Qos0) Interlocked.Decrement(ref _queuedQos0);
        Counters.AddQueued(-item.Payload.Length);
        return true;
    }

    private async Task ConsumeAsync()
    {
        var batch = new List<Inbound>(_options.BatchMaxMessages);
        ChannelReader<Inbound> reader = _inbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            long deadline = Environment.TickCount64 + _options.BatchMaxMilliseconds;
            while (batch.Count < _options.BatchMaxMessages)
            {
                if (TryTake(reader, out Inbound? next))
                {
                    batch.Add(next);
                    continue;
                }
                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0 || reader.Completion.IsCompleted) break;
                using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(remaining));
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            if (batch.Count == 0) continue;
            try
            {
                await ProcessBatchAsync(batch).ConfigureAwait(false);
                _consecutiveStoreFailures = 0;
            }
            catch (Exception e)
            {
                // Nothing of this batch was acknowledged: the broker redelivers it after a reconnect (store dedupes).
                Counters.AddFailedBatch();
                int failures = ++_consecutiveStoreFailures;
                string what = $"{e.GetType().Name}: {SenmlDecoder.OneLine(e.Message)}";
                if (failures >= _options.MaxConsecutiveStoreFailures)
                {
                    _log($"batch of {batch.Count} not stored ({what}); {failures} failures in a row: giving up, the broker keeps the unacknowledged messages");
                    _failed.TrySetResult($"the store failed {failures} batches in a row, the last: {what}");
                    return; // take nothing more; StopAsync disconnects and the session keeps the rest
                }
                int backoff = (int)Math.Min(30_000, (long)_options.StoreRetryBaseMilliseconds << Math.Min(failures - 1, 16));
                _log($"batch of {batch.Count} not stored ({what}); failure {failures} of at most {_options.MaxConsecutiveStoreFailures} in a row, reconnecting for redelivery in {backoff} ms");
                try
                {
                    await Task.Delay(backoff, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                await ForceRedeliveryAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessBatchAsync(List<Inbound> batch)
    {
        long nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var packs = new List<(DecodedPack Pack, long ReceivedUnixMs)>(batch.Count);
        var availability = new List<(string NodeId, AvailabilityState State, int SleepSeconds)>();
        var commandAcks = new List<(string NodeId, long CommandId, string? Rejected)>();
        var deferred = new HashSet<Inbound>(ReferenceEqualityComparer.Instance);
        foreach (Inbound item in batch)
        {
            switch (item.Info.Kind)
            {
                case "state":
                    Counters.AddReceived();
                    if (item.PayloadLength > SenmlDecoder.MaxPayloadBytes)
                        DeadLetter(item, $"payload of {item.PayloadLength} bytes exceeds {SenmlDecoder.MaxPayloadBytes}");
                    else if (item.State!.Pack is { } pack)
                        packs.Add((pack, item.ReceivedUnixMs));
                    else
                    {
                        string reason = item.State.Reason;
                        if (item.State.Retryable && Defer(item, ref reason, nowMs)) deferred.Add(item);
                        else DeadLetter(item, reason);
                    }
                    break;
                case "availability":
                    if (AvailabilityDecoder.TryDecode(item.Payload, out AvailabilityState state, out int sleepSeconds, out string availabilityReason))
                    {
                        // A retained copy delivered on subscribe is old news when the store already knows the node's status.
                        if (!item.Retained || _store.GetNode(item.Info.NodeId)?.Availability == null)
                            _store.UpdateAvailability(item.Info.NodeId, state, sleepSeconds, item.ReceivedUnixMs);
                        availability.Add((item.Info.NodeId, state, sleepSeconds));
                    }
                    else
                    {
                        DeadLetter(item, "availability: " + availabilityReason);
                    }
                    break;
                case "fault":
                    Fault(item);
                    break;
                case SensorNode.Core.Telemetry.MqttTopics.AppLevel:
                    if (AppReportDecoder.TryDecode(item.Payload, out long running, out long? rolledBack, out string? why, out string appReason))
                        _store.RecordApplication(item.Info.NodeId, running, rolledBack, why, item.ReceivedUnixMs);
                    else
                        DeadLetter(item, appReason);
                    break;
                case InvalidTopicKind:
                    DeadLetter(item, $"topic '{SenmlDecoder.OneLine(item.Topic)}': the node level breaks the node-id rule ({SensorNode.Core.Telemetry.NodeIds.Rule})");
                    break;
                case "ack":
                    if (item.PayloadLength > MaxAckPayloadBytes)
                    {
                        DeadLetter(item, $"ack: payload of {item.PayloadLength} bytes exceeds {MaxAckPayloadBytes}");
                    }
                    else if (TryParseCommandId(item.Payload, out long commandId, out string? rejected))
                    {
                        // Logged only once the command is known to be this node's (AcknowledgeCommandAsync), escaped and cut.
                        commandAcks.Add((item.Info.NodeId, commandId, rejected));
                    }
                    else
                    {
                        DeadLetter(item, "ack: payload is not '<id>' or '<id> rejected <reason>'");
                    }
                    break;
            }
        }

        if (packs.Count > 0)
        {
            StoreResult stored = _store.StoreBatch(packs);
            Counters.AddStored(stored.Inserted, stored.Duplicates);
            if (stored.Reused > 0)
            {
                Counters.AddReused(stored.Reused);
                string nodes = string.Join(", ", packs.Select(p => p.Pack.NodeId).Distinct(StringComparer.Ordinal));
                _log($"{stored.Reused} reading(s) reused a stored (node, seq) with a later time (storage erased?), among nodes {nodes}: kept the new ones, the old ones are in superseded_readings");
            }
            // A node that names another table than before: a push it applied, or one it lost (a re-flash, a flash erase)
            // that no ack reports (docs/deployment.md "Which table a node runs").
            foreach (PolicyChange change in stored.PolicyChanges)
                _log(change.From is uint was ? $"{change.NodeId} now runs policy table version {change.To} (was {was})" : $"{change.NodeId} runs policy table version {change.To}");
            Counters.AddBatch();
            BatchCommitted?.Invoke(packs.Select(p => p.Pack).ToArray(), _time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        foreach ((string nodeId, long commandId, string? rejected) in commandAcks)
            await AcknowledgeCommandAsync(nodeId, commandId, rejected, batch).ConfigureAwait(false);

        // Everything in the batch is committed (stored, dead-lettered or applied): now, and only now, the PUBACKs.
        // Deferred packs stay unacknowledged: the broker keeps them and redelivers after the scheduled reconnect.
        await AcknowledgeAsync(deferred.Count == 0 ? batch : batch.Where(i => !deferred.Contains(i)).ToList()).ConfigureAwait(false);
        if (deferred.Count > 0) ScheduleRetry();

        foreach ((string nodeId, AvailabilityState state, int sleepSeconds) in availability)
            await AnnounceAsync(nodeId, state, sleepSeconds).ConfigureAwait(false);
        foreach (IGrouping<string, DecodedPack> node in packs.Select(p => p.Pack).GroupBy(p => p.NodeId, StringComparer.Ordinal))
        {
            NoteWatch(node);
            await PublishValuesAsync(node).ConfigureAwait(false);
            await PublishRoomOccupancyAsync(node.Key).ConfigureAwait(false);
            await ReleaseCommandsAsync(node.Key).ConfigureAwait(false);
        }
    }

    // True to leave a retryable pack unacknowledged; false once it was retried for RetryForSeconds (then it is final).
    private bool Defer(Inbound item, ref string reason, long nowMs)
    {
        string key = item.Topic + "\n" + Convert.ToHexString(SHA256.HashData(item.Payload));
        if (!_retryingSince.TryGetValue(key, out long since))
        {
            since = nowMs;
            _retryingSince[key] = since;
            _retryOrder.Enqueue(key);
            while (_retryOrder.Count > MaxTrackedRetries) _retryingSince.Remove(_retryOrder.Dequeue());
        }
        if (nowMs - since >= _options.RetryForSeconds * 1000L)
        {
            _retryingSince.Remove(key);
            reason += $" (retried for {(nowMs - since) / 1000} s; replay with 'sensornode gateway replay' once the cause is fixed)";
            return false;
        }
        Counters.AddDeferred();
        _log($"{LogText.Quote(item.Topic)} not acknowledged, retried in {_options.RetryDelayMilliseconds} ms: {LogText.Quote(reason)}");
        return true;
    }

    private void ScheduleRetry()
    {
        if (Interlocked.Exchange(ref _retryScheduled, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(_options.RetryDelayMilliseconds, _stopping.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _retryScheduled, 0);
                await ForceRedeliveryAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    // A fault report is a diagnostic: stored (bounded) and logged once when new, escaped; never a node's state. One on a
    // configured node's id (the ACL's "+/fault" lets any node user write it) or breaking the format is dead-lettered.
    // An empty payload is the operator clearing the retained report.
    private void Fault(Inbound item)
    {
        if (item.PayloadLength == 0) return;
        if (item.PayloadLength > SensorNode.Core.Telemetry.FaultReport.MaxLength)
            DeadLetter(item, $"fault report of {item.PayloadLength} bytes exceeds {SensorNode.Core.Telemetry.FaultReport.MaxLength}");
        else if (!FaultReportDecoder.TryDecode(item.Info.NodeId, item.Payload, out FaultReportRecord? report, out string reason) || report == null)
            DeadLetter(item, reason);
        else if (_store.StoreFaultReport(report, item.ReceivedUnixMs))
        {
            Counters.AddFaultReport();
            _log($"fault report from {report.NodeId}: {LogText.Quote(report.Text, SensorNode.Core.Telemetry.FaultReport.MaxLength)}");
        }
    }

    private void DeadLetter(Inbound item, string reason)
    {
        if (_store.DeadLetter(item.Topic, item.Payload, reason, item.ReceivedUnixMs, item.PayloadLength) > 0 && !_deadLettersFull)
        {
            _deadLettersFull = true;
            _log($"dead letters at their limit of {ReadingStore.MaxDeadLetters}: the oldest are removed as new ones come");
        }
        Counters.AddDeadLettered();
    }

    private async Task AcknowledgeAsync(List<Inbound> batch)
    {
        int generation = Volatile.Read(ref _generation);
        int acknowledged = 0;
        foreach (Inbound item in batch)
        {
            // A message from an earlier connection is redelivered on this one and acknowledged then.
            if (item.Generation != generation || !_client.IsConnected) continue;
            try
            {
                await item.Args.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
                acknowledged++;
            }
            catch (Exception e)
            {
                // The connection dropped: the broker redelivers; storing it again is a counted duplicate.
                _log($"PUBACK for '{LogText.Quote(item.Topic)}' not sent: {e.Message}");
            }
        }
        Counters.AddAcknowledged(acknowledged);
    }

    private async Task AnnounceAsync(string nodeId, AvailabilityState state, int sleepSeconds)
    {
        if (!_options.PublishesDiscovery || state == AvailabilityState.Lost) return; // lost: the availability template already shows offline
        int expireAfter = Math.Max(sleepSeconds, 0) + _options.ExpireMarginSeconds;
        if (expireAfter <= 0) expireAfter = 1;
        if (state == AvailabilityState.Sleeping)
        {
            RetainedMessage nextWake = HomeAssistantDiscovery.NextWake(_options.Prefix, nodeId, _time.GetUtcNow().AddSeconds(sleepSeconds));
            await PublishAsync(nextWake.Topic, Encoding.ASCII.GetBytes(nextWake.Payload), MqttQualityOfServiceLevel.AtMostOnce, retain: true).ConfigureAwait(false);
        }
        if (_announcedExpireAfter.TryGetValue(nodeId, out int previous) && previous == expireAfter) return;
        string? room = _store.GetNode(nodeId)?.Room;
        // The old per-entity configs are migrated once per process and node (docs/gateway.md, "Home Assistant").
        foreach (RetainedMessage config in HomeAssistantDiscovery.Configs(_options.DiscoveryPrefix!, _options.Prefix, nodeId, room, expireAfter, migrate: !_announcedExpireAfter.ContainsKey(nodeId)))
        {
            if (!await PublishAsync(config.Topic, Encoding.UTF8.GetBytes(config.Payload), MqttQualityOfServiceLevel.AtLeastOnce, retain: true).ConfigureAwait(false)) return;
        }
        _announcedExpireAfter[nodeId] = expireAfter;
    }

    private async Task PublishValuesAsync(IEnumerable<DecodedPack> packs)
    {
        if (!_options.PublishesDiscovery) return;
        // The newest pack of the node in this batch carries the current values; older ones were overtaken.
        DecodedPack newest = packs.MaxBy(p => p.Readings.Count == 0 ? 0u : p.Readings.Max(r => r.Sequence))!;
        foreach (RetainedMessage value in HomeAssistantDiscovery.Values(_options.Prefix, newest))
        {
            // QoS 0: a lost value is replaced by the next wake's; retained so a dashboard starting later sees it.
            await PublishAsync(value.Topic, Encoding.ASCII.GetBytes(value.Payload), MqttQualityOfServiceLevel.AtMostOnce, retain: true).ConfigureAwait(false);
        }
    }

    // docs/occupancy.md: the node's room is decided again over the last 24 h from every stored reading, the slots are
    // stored, and Home Assistant gets the state now (unknown as "None") and the watched share at every message (which also
    // restarts its expire_after). Between messages the occupancy timer does the same and publishes only a change.
    private async Task PublishRoomOccupancyAsync(string nodeId)
    {
        // Derived data: the batch is stored and acknowledged by now, so a failure here (a full disk) is logged, never a
        // failed batch.
        try
        {
            if (_live.RoomOf(nodeId) is string room) await DecideRoomAsync(room, onlyWhenChanged: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log($"occupancy of {nodeId}'s room not updated: {e.GetType().Name}: {SenmlDecoder.OneLine(e.Message)}");
        }
    }

    // The commitment of the node's newest pack with a time (a pack without "watch" ends an earlier one: every publish says),
    // stored so a restarted gateway keeps using it until it ends (an older one than the stored is ignored by the store).
    private void NoteWatch(IEnumerable<DecodedPack> packs)
    {
        DecodedPack? newest = packs.Where(p => p.Energy?.UnixSeconds != null).MaxBy(p => p.Energy!.UnixSeconds);
        if (newest?.Energy is not { UnixSeconds: long from } energy) return;
        int seconds = energy.WatchSeconds ?? 0;
        try
        {
            // "None" is written only over a stored commitment (absence means none): a write transaction at every message
            // cost each message a commit (the paced bench's p95 doubled). The read sees other instances' writes
            // (scale-out). Left: a commitment redelivered after a newer "none" that was not written (a crash between
            // publishes) can outlive that "none" until it ends.
            if (seconds <= 0 && _store.WatchCommitmentOf(newest.NodeId) is not { Seconds: > 0 }) return;
            _store.StoreWatch(newest.NodeId, new WatchAnnouncement(from, seconds, energy.WatchActive), _time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log($"watch commitment of {newest.NodeId} not stored: {e.GetType().Name}: {SenmlDecoder.OneLine(e.Message)}");
        }
    }

    // The occupancy timer: sleeps on the gateway's clock until the next room is due (its next state change, or the next slot
    // boundary; at most OccupancyRecheckSeconds, so a clock that jumps is followed), then re-decides the due rooms.
    private async Task OccupancyTimerAsync()
    {
        CancellationToken stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            long wait = Math.Clamp(_live.NextDueUnixSeconds() - _time.GetUtcNow().ToUnixTimeSeconds(), 1, _options.OccupancyRecheckSeconds);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), _time, stopping).ConfigureAwait(false);
                foreach (string room in _live.DueRooms())
                {
                    if (stopping.IsCancellationRequested) return;
                    await DecideRoomAsync(room, onlyWhenChanged: true).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log($"occupancy timer: rooms not re-decided: {e.GetType().Name}: {SenmlDecoder.OneLine(e.Message)}");
            }
        }
    }

    private async Task DecideRoomAsync(string room, bool onlyWhenChanged)
    {
        await _occupancyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            LiveRoomOccupancy.RoomState? current = _live.Decide(room, live: _options.PublishesDiscovery);
            if (current == null) return;
            if (onlyWhenChanged && !_live.Changed(current)) return;
            int expireAfter = _announcedRooms.Contains(room) ? 0 : _store.Nodes().Where(n => (n.Room ?? n.NodeId) == room)
                .Select(n => _announcedExpireAfter.TryGetValue(n.NodeId, out int e) ? e : 0).DefaultIfEmpty(0).Max();
            // The timer announces a room only once a node's sleep is known (at start none is: the config retained by the
            // previous run stands until the node's next message, rather than one with a day's expire_after).
            // A room counts as announced only once every config went out: a publish lost to a dropped connection is
            // repeated at the room's next decision rather than never.
            if (!_announcedRooms.Contains(room) && (expireAfter > 0 || !onlyWhenChanged))
            {
                if (expireAfter <= 0) expireAfter = 86_400;
                bool announced = true;
                foreach (RetainedMessage config in RoomOccupancyDiscovery.Configs(_options.DiscoveryPrefix!, _options.Prefix, room, expireAfter))
                    announced &= await PublishAsync(config.Topic, Encoding.UTF8.GetBytes(config.Payload), MqttQualityOfServiceLevel.AtLeastOnce, retain: true).ConfigureAwait(false);
                if (announced) _announcedRooms.Add(room);
            }
            bool sent = true;
            foreach (RetainedMessage value in RoomOccupancyDiscovery.Values(_options.Prefix, room, current.Decision.State, current.WatchedFraction24h))
                sent &= await PublishAsync(value.Topic, Encoding.ASCII.GetBytes(value.Payload), MqttQualityOfServiceLevel.AtMostOnce, retain: true).ConfigureAwait(false);
            if (sent) _live.Published(room, current.Decision.State);
        }
        finally
        {
            _occupancyLock.Release();
        }
    }

    private async Task ReleaseCommandsAsync(string nodeId)
    {
        NodeStatus? node = _store.GetNode(nodeId);
        if (node?.LastSupercapVolts is not double volts || volts < _options.ReleaseAboveVolts) return;
        IReadOnlyList<QueuedCommand> pending = _store.PendingCommands(nodeId);
        if (pending.Count == 0) return;
        // One command per name at a time: the retained topic holds one message; the next goes after the node's ack.
        var busy = new HashSet<string>(pending.Where(c => c.ReleasedUnixMs != null && c.AcknowledgedUnixMs == null).Select(c => c.Name), StringComparer.Ordinal);
        foreach (QueuedCommand command in pending.Where(c => c.ReleasedUnixMs == null && c.AcknowledgedUnixMs == null).OrderBy(c => c.Id))
        {
            if (!busy.Add(command.Name)) continue;
            byte[] payload = CommandMessage.Encode(command.Id, command.Payload);
            if (!await PublishAsync(CommandTopic(nodeId, command.Name), payload, MqttQualityOfServiceLevel.AtLeastOnce, retain: true).ConfigureAwait(false)) return;
            _store.MarkReleased(command.Id, _time.GetUtcNow().ToUnixTimeMilliseconds());
            Counters.AddReleased();
            _log($"released command {command.Id} '{command.Name}' to {nodeId} at {volts.ToString(CultureInfo.InvariantCulture)} V");
        }
    }

    private async Task AcknowledgeCommandAsync(string nodeId, long commandId, string? rejected, List<Inbound> batch)
    {
        // Only the node the command was queued for may acknowledge it (the ack topic names the node).
        QueuedCommand? command = _store.PendingCommands(nodeId).FirstOrDefault(c => c.Id == commandId);
        if (command == null || command.ReleasedUnixMs == null)
        {
            Inbound item = batch.First(i => i.Info.Kind == "ack" && i.Info.NodeId == nodeId);
            DeadLetter(item, $"ack: no released, unacknowledged command {commandId} for node {nodeId}");
            return;
        }
        if (rejected != null) _log($"node {nodeId} rejected command {commandId}: {LogText.Quote(rejected)}");
        long nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _store.MarkAcknowledged(commandId, nowMs);
        _store.RecordPolicyAck(nodeId, commandId, rejected, nowMs); // the table each node runs (docs/deployment.md)
        Counters.AddCommandAck();
        bool fleet = FleetAcks.Record(_store, command, rejected, nowMs);
        // An empty retained message deletes the retained command, so the node does not get it again on its next wake.
        await PublishAsync(CommandTopic(nodeId, command.Name), Array.Empty<byte>(), MqttQualityOfServiceLevel.AtLeastOnce, retain: true).ConfigureAwait(false);
        // A node fetching an update waits, awake, for the next chunk: release it now, not at its next wake.
        if (fleet) await ReleaseCommandsAsync(nodeId).ConfigureAwait(false);
    }

    private string CommandTopic(string nodeId, string name) => $"{_options.Prefix}/{nodeId}/cmd/{name}";

    private async Task<bool> PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos, bool retain)
    {
        if (!_client.IsConnected) return false;
        try
        {
            MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build();
            MqttClientPublishResult result = await _client.PublishAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (result.IsSuccess) return true;
            _log($"publish to '{LogText.Quote(topic)}' refused: {result.ReasonCode}");
        }
        catch (Exception e)
        {
            _log($"publish to '{LogText.Quote(topic)}' failed: {e.Message}");
        }
        return false;
    }

    private async Task ForceRedeliveryAsync()
    {
        // Dropping the connection returns the unacknowledged messages to the session; the reconnect loop picks up.
        try
        {
            if (_client.IsConnected && !_stopping.IsCancellationRequested)
            {
                using var timeout = new CancellationTokenSource(DisconnectTimeoutMilliseconds);
                var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build();
                await _client.DisconnectAsync(options, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _log($"disconnect for redelivery failed: {e.Message}");
        }
    }

    /// <summary>
    /// The node's ack (docs/mqtt.md): "&lt;id&gt;" when it applied the command, "&lt;id&gt; rejected &lt;reason&gt;" when it refused it.
    /// Either way the command is settled: a rejected one must not stay retained for the node to refuse forever.
    /// </summary>
    public static bool TryParseCommandId(byte[] payload, out long id, out string? rejectedReason)
    {
        id = 0;
        rejectedReason = null;
        int space = Array.IndexOf(payload, (byte)' ');
        int digits = space < 0 ? payload.Length : space;
        if (space >= 0)
        {
            string rest = Encoding.ASCII.GetString(payload, space + 1, payload.Length - space - 1);
            if (!rest.StartsWith("rejected ", StringComparison.Ordinal) || rest.Length == "rejected ".Length) return false;
            rejectedReason = rest["rejected ".Length..];
        }
        return digits is > 0 and <= 19 && payload.AsSpan(0, digits).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && long.TryParse(Encoding.ASCII.GetString(payload, 0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
