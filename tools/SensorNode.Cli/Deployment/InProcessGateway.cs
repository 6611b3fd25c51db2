using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Gateway.Policies;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Devices;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// The gateway of a simulated deployment, in-process: the node's state messages are decoded and stored by the real
/// store code (<see cref="SenmlDecoder"/>, <see cref="ReadingStore"/>); queued policy commands are released as the
/// gateway service does (retained, "&lt;id&gt;\n&lt;table&gt;", only when the node's last voltage is at least the release
/// threshold, one per name at a time); the node's ack settles the command, clears the retained message and records
/// the table it runs. On the days <see cref="Retrain"/> asks for, it calls the retrain and queues the table.
/// </summary>
public sealed class InProcessGateway : IDeploymentGateway
{
    private const string ClientId = "gateway";
    private readonly ReadingStore _store;
    private readonly string _prefix;
    private readonly string _nodeId;
    private readonly double _releaseAboveVolts;
    private SimulatedBroker? _broker;
    private int _nextRetrainDay;

    public InProcessGateway(ReadingStore store, string topicPrefix, string nodeId, double releaseAboveVolts, int retrainEveryDays)
    {
        _store = store;
        _prefix = topicPrefix;
        _nodeId = nodeId;
        _releaseAboveVolts = releaseAboveVolts;
        RetrainEveryDays = retrainEveryDays;
        _nextRetrainDay = retrainEveryDays;
    }

    /// <summary>Days between retrains (1 daily, 7 weekly).</summary>
    public int RetrainEveryDays { get; }

    /// <summary>Called at the start of a retrain day with (day, day start): returns the table to push, or null.</summary>
    public Func<int, long, PolicyTable?>? Retrain { get; init; }

    /// <summary>Messages the decoder refused (none expected).</summary>
    public int Refused { get; private set; }

    /// <summary>Tables queued, with the day they were trained on.</summary>
    public List<(int Day, long CommandId, PolicyTable Table)> Pushed { get; } = new();

    /// <summary>Why a push was refused (none expected).</summary>
    public List<string> PushErrors { get; } = new();

    public void Attach(SimulatedBroker broker) => _broker = broker;

    public void OnMessage(string topic, byte[] payload, long arrivedUnixMs)
    {
        if (!GatewayTopics.TryParse(topic, _prefix, out TopicInfo? info) || info == null) return;
        if (info.Kind == "state")
        {
            if (SenmlDecoder.TryDecode(topic, payload, _prefix, arrivedUnixMs / 1000, out DecodedPack? pack, out _) && pack != null)
            {
                _store.Store(pack, arrivedUnixMs);
                Release(info.NodeId, arrivedUnixMs);
            }
            else Refused++;
        }
        else if (info.Kind == "ack" && GatewayService.TryParseCommandId(payload, out long id, out string? rejected))
        {
            QueuedCommand? command = _store.PendingCommands(info.NodeId).FirstOrDefault(c => c.Id == id);
            if (command?.ReleasedUnixMs == null) return;
            _store.MarkAcknowledged(id, arrivedUnixMs);
            _store.RecordPolicyAck(info.NodeId, id, rejected, arrivedUnixMs);
            Publish(CommandTopic(info.NodeId, command.Name), Array.Empty<byte>(), arrivedUnixMs);
        }
    }

    public void OnDay(int day, long dayStartUnixSeconds)
    {
        if (day < _nextRetrainDay || Retrain == null) return;
        _nextRetrainDay = day + RetrainEveryDays;
        PolicyTable? table = Retrain(day, dayStartUnixSeconds);
        if (table == null) return;
        long id = PolicyPusher.Queue(_store, _nodeId, table.Serialize(), dayStartUnixSeconds * 1000, out string error);
        if (id < 0) PushErrors.Add($"day {day}: {error}");
        else Pushed.Add((day, id, table));
    }

    // As GatewayService.ReleaseCommandsAsync: above the release voltage, the oldest unreleased command of each name not already out.
    private void Release(string nodeId, long nowUnixMs)
    {
        NodeStatus? node = _store.GetNode(nodeId);
        if (node?.LastSupercapVolts is not double volts || volts < _releaseAboveVolts) return;
        IReadOnlyList<QueuedCommand> pending = _store.PendingCommands(nodeId);
        var busy = new HashSet<string>(pending.Where(c => c.ReleasedUnixMs != null).Select(c => c.Name), StringComparer.Ordinal);
        foreach (QueuedCommand command in pending.Where(c => c.ReleasedUnixMs == null).OrderBy(c => c.Id))
        {
            if (!busy.Add(command.Name)) continue;
            Publish(CommandTopic(nodeId, command.Name), CommandMessage.Encode(command.Id, command.Payload), nowUnixMs);
            _store.MarkReleased(command.Id, nowUnixMs);
        }
    }

    private void Publish(string topic, byte[] payload, long nowUnixMs) =>
        (_broker ?? throw new InvalidOperationException("not attached to a broker")).Record(ClientId, topic, payload, payload.Length, retain: true, nowUnixMs);

    private string CommandTopic(string nodeId, string name) => $"{_prefix}/{nodeId}/cmd/{name}";
}
