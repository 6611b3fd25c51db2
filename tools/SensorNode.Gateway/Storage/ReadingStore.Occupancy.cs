using System.Data.Common;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway;

/// <summary>The occupancy table (docs/occupancy.md): one row per room and slot, rewritten whenever the slot is decided again.</summary>
public sealed partial class ReadingStore
{
    /// <summary>One stored slot: the room, the slot, the state ("occupied", "vacant", "unknown") and its evidence.</summary>
    public sealed record StoredOccupancy(string Room, long SlotUnixSeconds, string State, string Evidence, long WatchedSeconds, int MotionEvents, long DecidedUnixMs)
    {
        /// <summary>The building the room is in ("" when not named; docs/scale.md).</summary>
        public string Building { get; init; } = "";
    }

    /// <summary>Writes (or rewrites) the slots of <paramref name="room"/> (of <see cref="Building"/>) in one transaction. Returns the rows written.</summary>
    public int StoreOccupancy(string room, IReadOnlyList<OccupancySlot> slots, long decidedUnixMs)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(slots);
        return Locked(() =>
        {
            using DbTransaction transaction = BeginWrite();
            using DbCommand upsert = Prepare("""
                INSERT INTO occupancy (building, room, slot_s, state, evidence, watched_s, motion, decided_ms)
                VALUES ($building, $room, $slot, $state, $evidence, $watched, $motion, $decided)
                ON CONFLICT (building, room, slot_s) DO UPDATE SET state = excluded.state, evidence = excluded.evidence,
                    watched_s = excluded.watched_s, motion = excluded.motion, decided_ms = excluded.decided_ms
                """, "$building", "$room", "$slot", "$state", "$evidence", "$watched", "$motion", "$decided");
            upsert.Transaction = transaction;
            foreach (OccupancySlot slot in slots)
            {
                Run(upsert, Building, room, slot.StartUnixSeconds, StateName(slot.State), slot.Evidence, slot.WatchedSeconds, slot.MotionEvents, decidedUnixMs);
            }
            transaction.Commit();
            return slots.Count;
        });
    }

    /// <summary>Stored slots (of <see cref="Building"/> when it is named), ordered by room and slot; filters as in <see cref="Query"/> (both ends inclusive, on the slot start).</summary>
    public IReadOnlyList<StoredOccupancy> QueryOccupancy(string? room = null, long? fromUnixSeconds = null, long? toUnixSeconds = null)
    {
        var where = new List<string>();
        if (room != null) where.Add("room = $room");
        if (fromUnixSeconds != null) where.Add("slot_s >= $from");
        if (toUnixSeconds != null) where.Add("slot_s <= $to");
        if (Building.Length > 0) where.Add("building = $building");
        string clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        return ReadRows($"SELECT room, slot_s, state, evidence, watched_s, motion, decided_ms, building FROM occupancy {clause} ORDER BY building, room, slot_s",
            [("$room", room), ("$from", fromUnixSeconds), ("$to", toUnixSeconds), ("$building", Building)],
            r => new StoredOccupancy(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), (int)r.GetInt64(5), r.GetInt64(6)) { Building = r.GetString(7) });
    }

    /// <summary>
    /// Records <paramref name="nodeId"/>'s watch commitment as its newest pack announced it (Seconds 0: that pack carried
    /// none, which ends an earlier one). An announcement older than the stored one (a late redelivery) changes nothing.
    /// Returns true when the stored commitment changed.
    /// </summary>
    public bool StoreWatch(string nodeId, WatchAnnouncement watch, long receivedUnixMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return Locked(() => ExecuteNonQuery("""
            INSERT INTO watch_commitments (node_id, building, from_s, seconds, active, received_ms)
            VALUES ($node, $building, $from, $seconds, $active, $received)
            ON CONFLICT (node_id) DO UPDATE SET building = excluded.building, from_s = excluded.from_s, seconds = excluded.seconds,
                active = excluded.active, received_ms = excluded.received_ms
            WHERE watch_commitments.from_s <= excluded.from_s
            """, ("$node", nodeId), ("$building", Building), ("$from", watch.FromUnixSeconds), ("$seconds", watch.Seconds),
            ("$active", watch.Active ? 1 : 0), ("$received", receivedUnixMs)) > 0);
    }

    /// <summary>The newest watch commitment of every node (of <see cref="Building"/> when it is named), by node id.</summary>
    public IReadOnlyDictionary<string, WatchAnnouncement> WatchCommitments()
    {
        string clause = Building.Length == 0 ? "" : "WHERE building = $building";
        return ReadRows($"SELECT node_id, from_s, seconds, active FROM watch_commitments {clause}", [("$building", Building)],
                r => (Node: r.GetString(0), Watch: new WatchAnnouncement(r.GetInt64(1), Int32(r, 2), r.GetInt64(3) != 0)))
            .ToDictionary(w => w.Node, w => w.Watch, StringComparer.Ordinal);
    }

    /// <summary>The stored watch commitment of <paramref name="nodeId"/>, or null when none was stored.</summary>
    public WatchAnnouncement? WatchCommitmentOf(string nodeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return ReadRows("SELECT from_s, seconds, active FROM watch_commitments WHERE node_id = $node", [("$node", nodeId)],
            r => (WatchAnnouncement?)new WatchAnnouncement(r.GetInt64(0), Int32(r, 1), r.GetInt64(2) != 0)).FirstOrDefault();
    }

    /// <summary>"occupied", "vacant" or "unknown".</summary>
    public static string StateName(OccupancyState state) => state switch
    {
        OccupancyState.Occupied => "occupied",
        OccupancyState.Vacant => "vacant",
        _ => "unknown",
    };
}
