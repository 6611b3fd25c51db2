using System.Data.Common;

namespace SensorNode.Gateway;

/// <summary>
/// Policy tables pushed to nodes (docs/policy.md "Learning on site"): every queued table (policy_pushes, one row per
/// "policy" command) and the table each node runs (node_policies), which changes only when the node acks the command
/// as applied. Portable SQL (plain types, ON CONFLICT upserts) so the store can move to another database.
/// </summary>
public sealed partial class ReadingStore
{
    /// <summary>A table queued for a node: its command, identity and what the node answered (null while unanswered).</summary>
    public sealed record PolicyPush(long CommandId, string NodeId, uint TableVersion, uint TableCrc, int LayoutId, long QueuedUnixMs,
        string? Outcome, long? SettledUnixMs);

    /// <summary>The table a node runs: the command that brought it, its version, CRC-32 and layout, and when the node acked it.</summary>
    public sealed record NodePolicy(string NodeId, long CommandId, uint TableVersion, uint TableCrc, int LayoutId, long SinceUnixMs);

    /// <summary>Outcome text of a push the node applied.</summary>
    public const string PolicyApplied = "applied";

    /// <summary>Outcome text of a push replaced by a newer one before the gateway released it.</summary>
    public static string PolicySupersededBy(long commandId) => $"superseded by {commandId}";

    /// <summary>
    /// Queues <paramref name="table"/> (an already validated serialized table) as the node's "policy" command and records
    /// the push. A push of the node not yet released is replaced (its command withdrawn, its outcome
    /// <see cref="PolicySupersededBy"/>): queued behind it, the new table would reach the node only after the stale one,
    /// at the cost of a second policy command, on a site whose charge seldom reaches the release voltage. A push already
    /// released stays (the node may be fetching it); the new one follows its ack. Returns the command id.
    /// </summary>
    public long QueuePolicy(string nodeId, string commandName, byte[] table, uint tableVersion, uint tableCrc, int layoutId, long nowUnixMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return Locked(() =>
        {
            // One transaction: a queued table always has its push record, so the table in force is known when it is acked.
            using DbTransaction transaction = BeginWrite();
            long id = EnqueueCommand(transaction, nodeId, commandName, table, nowUnixMs);
            Exec(transaction, """
                UPDATE policy_pushes SET outcome = $outcome, settled_ms = $now
                WHERE node_id = $node AND outcome IS NULL AND command_id IN
                    (SELECT id FROM commands WHERE node_id = $node AND name = $name AND id <> $id AND released_ms IS NULL AND acknowledged_ms IS NULL)
                """, ("$outcome", PolicySupersededBy(id)), ("$now", nowUnixMs), ("$node", nodeId), ("$name", commandName), ("$id", id));
            Exec(transaction, "DELETE FROM commands WHERE node_id = $node AND name = $name AND id <> $id AND released_ms IS NULL AND acknowledged_ms IS NULL",
                ("$node", nodeId), ("$name", commandName), ("$id", id));
            Exec(transaction, """
                INSERT INTO policy_pushes (command_id, node_id, table_version, table_crc, layout_id, queued_ms)
                VALUES ($id, $node, $version, $crc, $layout, $now)
                """, ("$id", id), ("$node", nodeId), ("$version", (long)tableVersion), ("$crc", (long)tableCrc), ("$layout", layoutId), ("$now", nowUnixMs));
            transaction.Commit();
            return id;
        });
    }

    /// <summary>
    /// Records the node's answer to command <paramref name="commandId"/> when it is one of its policy pushes:
    /// <paramref name="rejected"/> null means applied, and the pushed table becomes the node's table in force.
    /// Returns true when the table in force changed; false for a rejection, an unknown id or another node's push.
    /// </summary>
    public bool RecordPolicyAck(string nodeId, long commandId, string? rejected, long nowUnixMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        return Locked(() =>
        {
            PolicyPush? push = ReadPushes("WHERE command_id = $id AND node_id = $node", ("$id", commandId), ("$node", nodeId)).SingleOrDefault();
            if (push == null) return false;
            ExecuteNonQuery("UPDATE policy_pushes SET outcome = $outcome, settled_ms = $now WHERE command_id = $id AND outcome IS NULL",
                ("$id", commandId), ("$outcome", rejected == null ? PolicyApplied : "rejected " + rejected), ("$now", nowUnixMs));
            if (rejected != null || push.Outcome != null) return false;
            ExecuteNonQuery("""
                INSERT INTO node_policies (node_id, command_id, table_version, table_crc, layout_id, since_ms)
                VALUES ($node, $id, $version, $crc, $layout, $now)
                ON CONFLICT (node_id) DO UPDATE SET command_id = excluded.command_id, table_version = excluded.table_version,
                    table_crc = excluded.table_crc, layout_id = excluded.layout_id, since_ms = excluded.since_ms
                """, ("$node", nodeId), ("$id", commandId), ("$version", (long)push.TableVersion), ("$crc", (long)push.TableCrc),
                ("$layout", push.LayoutId), ("$now", nowUnixMs));
            return true;
        });
    }

    /// <summary>The table the node acked last as applied, or null when no pushed table is known to run there (the node's own table).</summary>
    public NodePolicy? PolicyInForce(string nodeId) =>
        ReadRows("SELECT node_id, command_id, table_version, table_crc, layout_id, since_ms FROM node_policies WHERE node_id = $node",
            [("$node", nodeId)], r => new NodePolicy(r.GetString(0), r.GetInt64(1), (uint)r.GetInt64(2), (uint)r.GetInt64(3), Int32(r, 4), r.GetInt64(5)))
            .SingleOrDefault();

    /// <summary>The serialized table the policy command <paramref name="commandId"/> to <paramref name="nodeId"/> carried as it was queued, or null when the command is gone.</summary>
    public byte[]? PolicyTableBytes(long commandId, string nodeId) =>
        ReadRows("SELECT payload FROM commands WHERE id = $id AND node_id = $node", [("$id", commandId), ("$node", nodeId)], r => (byte[])r.GetValue(0))
            .SingleOrDefault();

    /// <summary>Every node with a policy push recorded, in id order.</summary>
    public IReadOnlyList<string> PolicyNodes() =>
        ReadRows("SELECT DISTINCT node_id FROM policy_pushes ORDER BY node_id", [], r => r.GetString(0));

    /// <summary>Every push to <paramref name="nodeId"/>, oldest first.</summary>
    public IReadOnlyList<PolicyPush> PolicyPushes(string nodeId) => ReadPushes("WHERE node_id = $node", ("$node", nodeId));

    private List<PolicyPush> ReadPushes(string where, params (string, object?)[] parameters) =>
        ReadRows($"""
            SELECT command_id, node_id, table_version, table_crc, layout_id, queued_ms, outcome, settled_ms
            FROM policy_pushes {where} ORDER BY command_id
            """, parameters, r => new PolicyPush(r.GetInt64(0), r.GetString(1), (uint)r.GetInt64(2), (uint)r.GetInt64(3), Int32(r, 4),
            r.GetInt64(5), NullableString(r, 6), NullableInt64(r, 7)));
}
