using Microsoft.Data.Sqlite;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway;

/// <summary>The occupancy table (docs/occupancy.md): one row per room and slot, rewritten whenever the slot is decided again.</summary>
public sealed partial class ReadingStore
{
    /// <summary>One stored slot: the room, the slot, the state ("occupied", "vacant", "unknown") and its evidence.</summary>
    public sealed record StoredOccupancy(string Room, long SlotUnixSeconds, string State, string Evidence, long WatchedSeconds, int MotionEvents, long DecidedUnixMs);

    /// <summary>Writes (or rewrites) the slots of <paramref name="room"/> in one transaction. Returns the rows written.</summary>
    public int StoreOccupancy(string room, IReadOnlyList<OccupancySlot> slots, long decidedUnixMs)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(slots);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
            using SqliteCommand upsert = _connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO occupancy (room, slot_s, state, evidence, watched_s, motion, decided_ms)
                VALUES ($room, $slot, $state, $evidence, $watched, $motion, $decided)
                ON CONFLICT (room, slot_s) DO UPDATE SET state = excluded.state, evidence = excluded.evidence,
                    watched_s = excluded.watched_s, motion = excluded.motion, decided_ms = excluded.decided_ms
                """;
            foreach (string name in new[] { "$room", "$slot", "$state", "$evidence", "$watched", "$motion", "$decided" }) upsert.Parameters.Add(new SqliteParameter(name, null));
            upsert.Prepare();
            foreach (OccupancySlot slot in slots)
            {
                Run(upsert, room, slot.StartUnixSeconds, StateName(slot.State), slot.Evidence, slot.WatchedSeconds, slot.MotionEvents, decidedUnixMs);
            }
            transaction.Commit();
            return slots.Count;
        }
    }

    /// <summary>Stored slots, ordered by room and slot; filters as in <see cref="Query"/> (both ends inclusive, on the slot start).</summary>
    public IReadOnlyList<StoredOccupancy> QueryOccupancy(string? room = null, long? fromUnixSeconds = null, long? toUnixSeconds = null)
    {
        var where = new List<string>();
        if (room != null) where.Add("room = $room");
        if (fromUnixSeconds != null) where.Add("slot_s >= $from");
        if (toUnixSeconds != null) where.Add("slot_s <= $to");
        string clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        return ReadRows($"SELECT room, slot_s, state, evidence, watched_s, motion, decided_ms FROM occupancy {clause} ORDER BY room, slot_s",
            [("$room", room), ("$from", fromUnixSeconds), ("$to", toUnixSeconds)],
            r => new StoredOccupancy(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt32(5), r.GetInt64(6)));
    }

    /// <summary>"occupied", "vacant" or "unknown".</summary>
    public static string StateName(OccupancyState state) => state switch
    {
        OccupancyState.Occupied => "occupied",
        OccupancyState.Vacant => "vacant",
        _ => "unknown",
    };
}
