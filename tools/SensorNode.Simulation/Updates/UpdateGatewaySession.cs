using System.Globalization;
using System.Text;
using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;
using SensorNode.Core.Update;
using SensorNode.Simulation.Devices;

namespace SensorNode.Simulation.Updates;

/// <summary>
/// The node's MQTT session with the gateway's update behaviour folded in (docs/updates.md), for the simulator: before the
/// node subscribes to cmd/update or cmd/chunk the gateway's retained command is on the broker (the manifest until the node
/// acks it; the next chunk not yet acked); the node's ack settles it, and a chunk refused as damaged goes back in the queue
/// (<see cref="UpdateCommands.Refetch"/>). Every byte still goes through the inner session, which books the radio time.
/// The real gateway releases a command only after the node's readings arrive and its ack has come back; here the next
/// chunk is there at once (optimistic by one gateway round trip per chunk, which the broker round trip already charges).
/// Faults: <see cref="CorruptChunk"/> damages one delivery of a chunk; <see cref="CutPowerAtChunk"/> tears the flash write
/// of one chunk (a power cut mid-chunk).
/// </summary>
public sealed class UpdateGatewaySession : IMqttSession
{
    private const string ClientId = "gateway";
    private readonly IMqttSession _inner;
    private readonly SimulatedBroker _broker;
    private readonly SimulatedClock _clock;
    private readonly SimulatedFlash _flash;
    private readonly UpdateImage _release;
    private readonly string _manifestTopic, _chunkTopic, _ackTopic, _appTopic;
    private readonly Queue<int> _pending = new();
    private long _nextId = 1;
    private long _manifestId;
    private bool _manifestAcked;
    private long _chunkId;
    private int _chunkIndex = -1;
    private bool _corrupted, _cut;

    public UpdateGatewaySession(IMqttSession inner, SimulatedBroker broker, SimulatedClock clock, SimulatedFlash flash, MqttTopics topics, UpdateImage release)
    {
        _inner = inner;
        _broker = broker;
        _clock = clock;
        _flash = flash;
        _release = release;
        _manifestTopic = topics.CommandPrefix + UpdateCommands.ManifestCommand;
        _chunkTopic = topics.CommandPrefix + UpdateCommands.ChunkCommand;
        _ackTopic = topics.Ack;
        _appTopic = topics.App;
        for (int i = 0; i < release.Manifest.ChunkCount; i++) _pending.Enqueue(i);
    }

    /// <summary>A chunk index whose first delivery arrives with one byte flipped (-1: none).</summary>
    public int CorruptChunk { get; init; } = -1;
    /// <summary>A chunk index whose first write into flash is cut half-way by a power loss (-1: none).</summary>
    public int CutPowerAtChunk { get; init; } = -1;

    /// <summary>Chunks the node acknowledged as stored; chunks it refused as damaged.</summary>
    public int ChunksAcked { get; private set; }
    public int ChunksRefused { get; private set; }
    /// <summary>The node's last app report: the version it runs, and the version it rolled back from (0: none) and why.</summary>
    public uint ReportedVersion { get; private set; }
    public uint ReportedRollbackVersion { get; private set; }
    public string? ReportedRollbackReason { get; private set; }
    /// <summary>Whether the two faults were injected.</summary>
    public bool CorruptionInjected => _corrupted;
    public bool PowerCutInjected => _cut;
    /// <summary>Node radio time spent on the update topics (subscribe, receive, ack, app report), ms.</summary>
    public long UpdateRadioMilliseconds { get; private set; }
    /// <summary>That time's energy at the radio current (<see cref="RadioAmps"/>) and the supercap voltage of the wake (<see cref="Volts"/>), J.</summary>
    public double UpdateRadioJoules { get; private set; }
    /// <summary>The radio's current, A (the profile's), and the supercap's voltage now, V: for <see cref="UpdateRadioJoules"/>.</summary>
    public double RadioAmps { get; init; }
    public Func<double>? Volts { get; init; }

    public bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds) =>
        _inner.Connect(clientId, willTopic, willMessage, timeoutMilliseconds);

    public void Disconnect() => _inner.Disconnect();

    public int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds)
    {
        if (topicFilter == _manifestTopic) ReleaseManifest();
        else if (topicFilter == _chunkTopic) ReleaseChunk();
        else return _inner.ReceiveRetained(topicFilter, buffer, timeoutMilliseconds);
        long start = _clock.NowUnixMilliseconds;
        int length = _inner.ReceiveRetained(topicFilter, buffer, timeoutMilliseconds);
        Book(_clock.NowUnixMilliseconds - start);
        return length;
    }

    public MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds)
    {
        bool update = topic == _appTopic || (topic == _ackTopic && IsUpdateAck(payload, length));
        long start = _clock.NowUnixMilliseconds;
        MqttPublishResult result = _inner.PublishQos1(topic, payload, length, retain, ackTimeoutMilliseconds);
        if (update) Book(_clock.NowUnixMilliseconds - start);
        if (result != MqttPublishResult.Acknowledged) return result;
        string text = Encoding.ASCII.GetString(payload, 0, length);
        if (topic == _ackTopic) Settle(text);
        else if (topic == _appTopic) ReadReport(text);
        return result;
    }

    private void Book(long milliseconds)
    {
        UpdateRadioMilliseconds += milliseconds;
        UpdateRadioJoules += milliseconds / 1000.0 * RadioAmps * (Volts?.Invoke() ?? 0);
    }

    private bool IsUpdateAck(byte[] payload, int length)
    {
        long id = AckId(Encoding.ASCII.GetString(payload, 0, length));
        return id > 0 && (id == _manifestId || id == _chunkId);
    }

    private static long AckId(string ack)
    {
        int space = ack.IndexOf(' ');
        return long.TryParse(space < 0 ? ack : ack[..space], NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
    }

    private void ReleaseManifest()
    {
        if (_manifestAcked) { Retain(_manifestTopic, []); return; }
        if (_manifestId == 0) _manifestId = _nextId++;
        Retain(_manifestTopic, Command(_manifestId, _release.ManifestBytes));
    }

    private void ReleaseChunk()
    {
        if (_chunkIndex < 0)
        {
            if (!_manifestAcked || _pending.Count == 0) { Retain(_chunkTopic, []); return; }
            _chunkIndex = _pending.Dequeue();
            _chunkId = _nextId++;
        }
        byte[] body = _release.ChunkBody(_chunkIndex);
        if (_chunkIndex == CorruptChunk && !_corrupted)
        {
            _corrupted = true;
            body[^1] ^= 0x5A;
        }
        if (_chunkIndex == CutPowerAtChunk && !_cut)
        {
            // The node dies part-way through writing this chunk: the first flash write of the chunk is torn.
            _cut = true;
            _flash.CutPowerAfter(_release.Manifest.ChunkLength(_chunkIndex) / 2);
        }
        Retain(_chunkTopic, Command(_chunkId, body));
    }

    private void Settle(string ack)
    {
        long id = AckId(ack);
        string? rejected = ack.Contains(CommandAck.RejectedInfix, StringComparison.Ordinal) ? ack[(ack.IndexOf(CommandAck.RejectedInfix, StringComparison.Ordinal) + CommandAck.RejectedInfix.Length)..] : null;
        if (id == _manifestId && id != 0)
        {
            _manifestAcked = rejected == null;
            if (!_manifestAcked) _pending.Clear();
        }
        else if (id == _chunkId && _chunkIndex >= 0)
        {
            if (rejected == null) ChunksAcked++;
            else
            {
                ChunksRefused++;
                if (UpdateCommands.Refetch(rejected)) _pending.Enqueue(_chunkIndex);
            }
            _chunkIndex = -1;
            _chunkId = 0;
        }
    }

    private void ReadReport(string report)
    {
        string[] parts = report.Split(' ');
        ReportedVersion = uint.Parse(parts[0], CultureInfo.InvariantCulture);
        if (parts.Length == 4)
        {
            ReportedRollbackVersion = uint.Parse(parts[2], CultureInfo.InvariantCulture);
            ReportedRollbackReason = parts[3];
        }
    }

    private void Retain(string topic, byte[] payload) =>
        _broker.Record(ClientId, topic, payload, payload.Length, retain: true, _clock.NowUnixMilliseconds);

    private static byte[] Command(long id, byte[] body) => [.. Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture) + "\n"), .. body];
}
