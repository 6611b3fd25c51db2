using System.Data.Common;
using SensorNode.Core.Update;
using SensorNode.Gateway.Fleet;

namespace SensorNode.Gateway;

/// <summary>
/// Fleet updates (docs/updates.md): the scheduled sets (fleet_updates), each node's progress (fleet_nodes: the manifest's
/// ack, chunks acked and refused) and the version each node reports running (node_apps). The commands themselves go through
/// the commands table like any other. Portable SQL only (plain types, ON CONFLICT upserts).
/// </summary>
public sealed partial class ReadingStore
{
    /// <summary>One node's progress with one set.</summary>
    public sealed record FleetNodeProgress(string NodeId, long Version, long ScheduledUnixMs, long? ManifestAckedUnixMs, string? ManifestRejected,
        int ChunksAcked, int ChunksRefused, int ChunkCount, int ChunkBytes, long? FirstChunkUnixMs, long? LastChunkUnixMs);

    /// <summary>The version a node last reported (app topic) and its last rollback.</summary>
    public sealed record NodeApplication(string NodeId, long RunningVersion, long? RolledBackVersion, string? RollbackReason, long ReportedUnixMs);

    /// <summary>
    /// Schedules <paramref name="package"/> for <paramref name="nodeIds"/> in one transaction: the set (once), a progress row
    /// per node, and per node the "update" command and one "chunk" command per chunk, queued in order. A node that already
    /// has this version scheduled is skipped. Returns the nodes scheduled now.
    /// </summary>
    public IReadOnlyList<string> ScheduleUpdate(UpdatePackage package, IReadOnlyList<string> nodeIds, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(nodeIds);
        return Locked(() =>
        {
            var scheduled = new List<string>();
            using DbTransaction transaction = BeginWrite();
            UpdateManifest m = package.Manifest;
            Exec(transaction, """
                INSERT INTO fleet_updates (version, manifest, image_bytes, chunk_bytes, chunk_count, created_ms)
                VALUES ($v, $m, $size, $chunk, $count, $now) ON CONFLICT (version) DO NOTHING
                """, ("$v", (long)m.Version), ("$m", package.ManifestBytes), ("$size", m.ImageBytes), ("$chunk", m.ChunkBytes), ("$count", m.ChunkCount), ("$now", nowUnixMs));
            foreach (string node in nodeIds.Distinct(StringComparer.Ordinal))
            {
                int added = Exec(transaction, """
                    INSERT INTO fleet_nodes (node_id, version, scheduled_ms, chunks_acked, chunks_refused) VALUES ($node, $v, $now, 0, 0)
                    ON CONFLICT (node_id, version) DO NOTHING
                    """, ("$node", node), ("$v", (long)m.Version), ("$now", nowUnixMs));
                if (added == 0) continue;
                EnqueueCommand(transaction, node, UpdateCommands.ManifestCommand, package.ManifestBytes, nowUnixMs);
                for (int i = 0; i < m.ChunkCount; i++) EnqueueCommand(transaction, node, UpdateCommands.ChunkCommand, package.ChunkBody(i), nowUnixMs);
                scheduled.Add(node);
            }
            transaction.Commit();
            return (IReadOnlyList<string>)scheduled;
        });
    }

    /// <summary>
    /// Records the node's ack of its "update" command for <paramref name="version"/>; a refusal also withdraws the node's
    /// queued chunks of that set (they could never be stored).
    /// </summary>
    public void RecordManifestAck(string nodeId, long version, string? rejected, long nowUnixMs) => Locked(() =>
    {
        ExecuteNonQuery("UPDATE fleet_nodes SET manifest_acked_ms = $now, manifest_rejected = $r WHERE node_id = $node AND version = $v",
            ("$now", nowUnixMs), ("$r", rejected), ("$node", nodeId), ("$v", version));
        if (rejected != null)
            ExecuteNonQuery("DELETE FROM commands WHERE node_id = $node AND name = $name AND acknowledged_ms IS NULL",
                ("$node", nodeId), ("$name", UpdateCommands.ChunkCommand));
    });

    /// <summary>Counts the node's ack of one chunk of <paramref name="version"/>: stored, or refused (<paramref name="rejected"/>).</summary>
    public void RecordChunkAck(string nodeId, long version, string? rejected, long nowUnixMs) => Locked(() =>
        ExecuteNonQuery("""
            UPDATE fleet_nodes SET chunks_acked = chunks_acked + $ok, chunks_refused = chunks_refused + $bad,
                first_chunk_ms = coalesce(first_chunk_ms, $now), last_chunk_ms = $now
            WHERE node_id = $node AND version = $v
            """, ("$ok", rejected == null ? 1 : 0), ("$bad", rejected == null ? 0 : 1), ("$now", nowUnixMs), ("$node", nodeId), ("$v", version)));

    /// <summary>Records the node's app report (the version it runs, its last rollback).</summary>
    public void RecordApplication(string nodeId, long runningVersion, long? rolledBackVersion, string? reason, long nowUnixMs) => Locked(() =>
        ExecuteNonQuery("""
            INSERT INTO node_apps (node_id, running_version, rolled_back_version, rollback_reason, reported_ms) VALUES ($node, $v, $rb, $why, $now)
            ON CONFLICT (node_id) DO UPDATE SET running_version = excluded.running_version, rolled_back_version = excluded.rolled_back_version,
                rollback_reason = excluded.rollback_reason, reported_ms = excluded.reported_ms
            """, ("$node", nodeId), ("$v", runningVersion), ("$rb", rolledBackVersion), ("$why", reason), ("$now", nowUnixMs)));

    /// <summary>Every node's progress with every scheduled set, by version then node.</summary>
    public IReadOnlyList<FleetNodeProgress> FleetProgress() =>
        ReadRows("""
            SELECT n.node_id, n.version, n.scheduled_ms, n.manifest_acked_ms, n.manifest_rejected, n.chunks_acked, n.chunks_refused,
                   u.chunk_count, u.chunk_bytes, n.first_chunk_ms, n.last_chunk_ms
            FROM fleet_nodes n JOIN fleet_updates u ON u.version = n.version ORDER BY n.version, n.node_id
            """, [], r => new FleetNodeProgress(r.GetString(0), r.GetInt64(1), r.GetInt64(2), NullableInt64(r, 3), r.IsDBNull(4) ? null : r.GetString(4),
            Int32(r, 5), Int32(r, 6), Int32(r, 7), Int32(r, 8), NullableInt64(r, 9), NullableInt64(r, 10)));

    /// <summary>Every node's reported application, by node.</summary>
    public IReadOnlyList<NodeApplication> Applications() =>
        ReadRows("SELECT node_id, running_version, rolled_back_version, rollback_reason, reported_ms FROM node_apps ORDER BY node_id", [],
            r => new NodeApplication(r.GetString(0), r.GetInt64(1), NullableInt64(r, 2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)));

    /// <summary>The node's newest harvest estimate from its energy records, W; null when it never sent one.</summary>
    public double? LatestHarvestWatts(string nodeId) =>
        ReadRows("SELECT harvest_w FROM energy WHERE node_id = $node AND harvest_w IS NOT NULL ORDER BY max_seq DESC LIMIT 1",
            [("$node", nodeId)], r => (double?)r.GetDouble(0)).FirstOrDefault();
}
