namespace SensorNode.Gateway.Occupancy;

/// <summary>
/// Occupancy per room from the store: a room is the nodes assigned to it (<c>--rooms</c>; a node without a room is a
/// room of its own, named by its id). Each node's readings give slots; a room's slot is occupied when any node says
/// so, else vacant when any node watched it empty, else unknown.
/// </summary>
public static class RoomOccupancy
{
    /// <summary>Readings this long before a window are read too, s: the state at the window's start depends on them.</summary>
    public const long ContextSeconds = 86_400;

    /// <summary>Rooms and their nodes, from the nodes table.</summary>
    public static IReadOnlyDictionary<string, List<NodeStatus>> Rooms(ReadingStore store) =>
        store.Nodes().GroupBy(n => n.Room ?? n.NodeId).ToDictionary(g => g.Key, g => g.ToList());

    /// <summary>
    /// A node's stored readings as observations: time known only; the newest carries the node's announced wake, and its
    /// watch commitment when <paramref name="watch"/> was announced with it (same reading time).
    /// </summary>
    public static List<OccupancyObservation> Observations(IReadOnlyList<StoredReading> readings, long? nextWakeUnixSeconds, WatchAnnouncement? watch = null)
    {
        var list = readings.Where(r => r.UnixSeconds != null).OrderBy(r => r.UnixSeconds).Select(r => new OccupancyObservation(
            r.UnixSeconds!.Value, r.ArmedSeconds, r.MotionEvents ?? 0, r.Brownout, r.ReceivedUnixMs / 1000,
            FirstMotionAgeSeconds: r.FirstMotionAgeSeconds, LastMotionAgeSeconds: r.LastMotionAgeSeconds)).ToList();
        if (list.Count > 0 && nextWakeUnixSeconds != null) list[^1] = list[^1] with { NextWakeUnixSeconds = nextWakeUnixSeconds };
        if (list.Count > 0 && watch is { } w && w.FromUnixSeconds == list[^1].UnixSeconds)
            list[^1] = list[^1] with { WatchUntilUnixSeconds = w.FromUnixSeconds + w.Seconds, WatchActive = w.Active };
        return list;
    }

    /// <summary>
    /// The room's slots over [from, to) (from rounded down to a slot boundary; null ends: the readings' span), decided from
    /// every stored reading (not live).
    /// </summary>
    public static OccupancySlot[] Compute(ReadingStore store, IReadOnlyList<NodeStatus> nodes, long? fromUnixSeconds, long? toUnixSeconds,
        OccupancyParameters parameters)
    {
        // A day of readings before the window is context enough: the rules look back at most to the last motion.
        long? queryFrom = fromUnixSeconds - ContextSeconds;
        var perNode = nodes.Select(n => Observations(store.Query(n.NodeId, queryFrom, toUnixSeconds), n.NextWakeUnixSeconds)).Where(o => o.Count > 0).ToList();
        if (perNode.Count == 0) return [];
        long from = fromUnixSeconds ?? perNode.Min(o => o[0].UnixSeconds);
        long to = toUnixSeconds ?? perNode.Max(o => o[^1].UnixSeconds) + 1;
        from -= ((from % parameters.SlotSeconds) + parameters.SlotSeconds) % parameters.SlotSeconds;
        return Combine(perNode.Select(o => OccupancySeries.Slots(o, from, to, parameters, live: false)).ToList());
    }

    /// <summary>
    /// The room's state at <paramref name="nowUnixSeconds"/> from every stored reading, combined over its nodes as the slots are;
    /// <paramref name="watch"/>: the newest watch commitment each node announced (SenML <c>watch</c>), by node id (null: none known).
    /// </summary>
    public static OccupancyDecision DecideNow(ReadingStore store, IReadOnlyList<NodeStatus> nodes, long nowUnixSeconds, OccupancyParameters parameters,
        IReadOnlyDictionary<string, WatchAnnouncement>? watch = null) => DecideLive(store, nodes, nowUnixSeconds, parameters, watch).Decision;

    /// <summary>
    /// <see cref="DecideNow"/>, and the first time after now at which the room's state may change with no new reading (the
    /// earliest over its nodes, <see cref="OccupancyInference.NextChangeUnixSeconds"/>; null: none).
    /// </summary>
    public static (OccupancyDecision Decision, long? NextChangeUnixSeconds) DecideLive(ReadingStore store, IReadOnlyList<NodeStatus> nodes,
        long nowUnixSeconds, OccupancyParameters parameters, IReadOnlyDictionary<string, WatchAnnouncement>? watch = null)
    {
        var decisions = new List<OccupancyDecision>();
        long? next = null;
        foreach (NodeStatus n in nodes)
        {
            List<OccupancyObservation> o = Observations(store.Query(n.NodeId, nowUnixSeconds - ContextSeconds), n.NextWakeUnixSeconds,
                watch != null && watch.TryGetValue(n.NodeId, out WatchAnnouncement w) ? w : null);
            if (o.Count == 0) continue;
            // Every stored reading counts, in time order (as OccupancySeries.DecideAt decides at or after the newest one).
            var inference = new OccupancyInference(parameters);
            foreach (OccupancyObservation observation in o) inference.Add(observation);
            long at = Math.Max(nowUnixSeconds, o[^1].UnixSeconds);
            decisions.Add(inference.Decide(at));
            if (inference.NextChangeUnixSeconds(at) is long change && (next == null || change < next)) next = change;
        }
        return decisions.Count == 0 ? (new OccupancyDecision(OccupancyState.Unknown, "no readings", 0), null)
            : (decisions.OrderByDescending(d => Rank(d.State)).First(), next);
    }

    /// <summary>Per slot: occupied if any node says so, else vacant if any does, else unknown; watched = the most any node watched.</summary>
    public static OccupancySlot[] Combine(IReadOnlyList<OccupancySlot[]> perNode)
    {
        if (perNode.Count == 1) return perNode[0];
        int count = perNode.Min(s => s.Length);
        var combined = new OccupancySlot[count];
        for (int i = 0; i < count; i++)
        {
            OccupancySlot best = perNode.Select(s => s[i]).OrderByDescending(s => Rank(s.State)).First();
            combined[i] = best with
            {
                WatchedSeconds = perNode.Max(s => s[i].WatchedSeconds),
                MotionEvents = perNode.Sum(s => s[i].MotionEvents),
                Naive = perNode.Any(s => s[i].Naive == OccupancyState.Occupied) ? OccupancyState.Occupied : OccupancyState.Vacant,
            };
        }
        return combined;
    }

    private static int Rank(OccupancyState state) => state switch
    {
        OccupancyState.Occupied => 2,
        OccupancyState.Vacant => 1,
        _ => 0,
    };
}

/// <summary>A node's watch commitment as its pack announced it (docs/mqtt.md, SenML <c>watch</c> and <c>watch_active</c>).</summary>
/// <param name="FromUnixSeconds">The pack's base time: its newest reading's time.</param>
/// <param name="Seconds">How long from then (0: the pack carried none, which ends an earlier one).</param>
/// <param name="Active">The node reported the room active.</param>
public readonly record struct WatchAnnouncement(long FromUnixSeconds, int Seconds, bool Active);
