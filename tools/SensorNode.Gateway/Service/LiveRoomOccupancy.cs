using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway.Service;

/// <summary>
/// A room's live state at the gateway (docs/occupancy.md, "At the gateway"), one code path for the message path and the
/// timer: <see cref="Decide"/> re-decides the room over the last 24 h from every stored reading and each node's stored
/// watch commitment, stores the slots, and says when the state may next change with no new message. The timer re-decides
/// a room at that time (a vacancy delay elapsing under a quiet commitment, a commitment ending, an announced wake passing)
/// and every room at each slot boundary; <see cref="Changed"/> tells whether Home Assistant must hear of it. Time is the
/// injected clock's. Thread-safe.
/// </summary>
public sealed class LiveRoomOccupancy
{
    /// <summary>A room decided now: the state, the watched share of the last 24 h, and when it may next change (null: not without news).</summary>
    public sealed record RoomState(string Room, OccupancyDecision Decision, double WatchedFraction24h, long? NextChangeUnixSeconds);

    private readonly ReadingStore _store;
    private readonly TimeProvider _time;
    private readonly OccupancyParameters _parameters;
    private readonly object _gate = new();
    private readonly Dictionary<string, OccupancyState> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _due = new(StringComparer.Ordinal);
    private long _nextSlotBoundary; // 0: every room is due at the first tick (after a start, a restart included)

    public LiveRoomOccupancy(ReadingStore store, TimeProvider time, OccupancyParameters? parameters = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _parameters = (parameters ?? new OccupancyParameters()).Validated();
    }

    /// <summary>The room of <paramref name="nodeId"/> (its own id when it has none); null for an unknown node.</summary>
    public string? RoomOf(string nodeId)
    {
        NodeStatus? node = _store.GetNode(nodeId);
        return node == null ? null : node.Room ?? node.NodeId;
    }

    /// <summary>
    /// Re-decides <paramref name="room"/> now: stores its slots of the last 24 h and returns its state; null when the room has
    /// no readings with a time (nothing stored), or when <paramref name="live"/> is false: the slots only, for a gateway that
    /// publishes no live state (no Home Assistant), which need not read the commitments at every message.
    /// </summary>
    public RoomState? Decide(string room, bool live = true)
    {
        ArgumentNullException.ThrowIfNull(room);
        List<NodeStatus> members = _store.Nodes().Where(n => (n.Room ?? n.NodeId) == room).ToList();
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        OccupancySlot[] slots = RoomOccupancy.Compute(_store, members, now - 86_400, now, _parameters);
        if (slots.Length == 0)
        {
            lock (_gate) _due.Remove(room);
            return null;
        }
        _store.StoreOccupancy(room, slots, now * 1000);
        if (!live)
        {
            lock (_gate) _due.Remove(room);
            return null;
        }
        (OccupancyDecision decision, long? next) = RoomOccupancy.DecideLive(_store, members, now, _parameters, _store.WatchCommitments());
        lock (_gate)
        {
            if (next is long change) _due[room] = change;
            else _due.Remove(room);
        }
        return new RoomState(room, decision, slots.Sum(s => s.WatchedSeconds) / 86_400.0, next);
    }

    /// <summary>
    /// The rooms to re-decide now: those whose next change is due, or every room at a slot boundary (and at the first
    /// call). Advances the boundary.
    /// </summary>
    public IReadOnlyList<string> DueRooms()
    {
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        bool boundary;
        lock (_gate)
        {
            boundary = now >= _nextSlotBoundary;
            if (boundary) _nextSlotBoundary = (now / _parameters.SlotSeconds + 1) * _parameters.SlotSeconds;
            if (!boundary) return _due.Where(d => d.Value <= now).Select(d => d.Key).OrderBy(r => r, StringComparer.Ordinal).ToList();
        }
        return RoomOccupancy.Rooms(_store).Keys.OrderBy(r => r, StringComparer.Ordinal).ToList();
    }

    /// <summary>When the next room is due (a room's next change or the next slot boundary), Unix s.</summary>
    public long NextDueUnixSeconds()
    {
        lock (_gate) return _due.Count == 0 ? _nextSlotBoundary : Math.Min(_nextSlotBoundary, _due.Values.Min());
    }

    /// <summary>True when <paramref name="state"/> differs from what Home Assistant was last told about the room (or nothing was).</summary>
    public bool Changed(RoomState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate) return !_published.TryGetValue(state.Room, out OccupancyState told) || told != state.Decision.State;
    }

    /// <summary>Records that Home Assistant was told <paramref name="state"/> for <paramref name="room"/>.</summary>
    public void Published(string room, OccupancyState state)
    {
        lock (_gate) _published[room] = state;
    }
}
