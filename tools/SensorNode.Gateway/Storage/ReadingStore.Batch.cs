using System.Data.Common;
using System.Globalization;
using System.Text;

namespace SensorNode.Gateway;

/// <summary>
/// Storing a batch in a few statements rather than a few per pack: on PostgreSQL every statement is a round trip to
/// the server, and per-pack statements held the gateway to about 2,000 readings/s on the 2-core VM (docs/scale.md).
/// One script touches the batch's nodes and inserts its readings and energy rows (RETURNING names the new keys); only
/// keys that were already taken get the per-reading seq-reuse check; the nodes' stored energy is read, and a last
/// script updates the nodes (one statement a node); then the commit: four round trips a batch on PostgreSQL. How each
/// database runs a script: <see cref="Script"/>.
/// </summary>
public sealed partial class ReadingStore
{
    private const string ReadingColumns = "node_id, seq, unix_s, temperature_c, humidity_pct, illuminance_lx, supercap_v, motion, received_ms, armed_s, brownout, motion_first_age_s, motion_last_age_s, building";

    // The types of ReadingColumns, EnergyColumns and the nodes' touch, for PostgreSQL's column arrays (Script.Rows).
    private static readonly string[] ReadingTypes = ["TEXT", "INTEGER", "INTEGER", "REAL", "REAL", "REAL", "REAL", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "TEXT"];
    private const string EnergyColumns = "node_id, max_seq, unix_s, stored_j, wake_j, harvest_w, dropped, received_ms, policy_version";
    private static readonly string[] EnergyTypes = ["TEXT", "INTEGER", "INTEGER", "REAL", "REAL", "REAL", "INTEGER", "INTEGER", "INTEGER"];
    private static readonly string[] TouchTypes = ["TEXT", "INTEGER", "TEXT"];

    /// <summary>
    /// Stores many packs in one transaction (for throughput: one commit, a few statements), with the same effect as
    /// <see cref="Store"/> for each in order (but for a node that reused its seqs and whose older readings come in the
    /// same batch: its reset is applied before, not between, the batch's voltage and energy updates). Returns the totals.
    /// </summary>
    public StoreResult StoreBatch(IReadOnlyList<(DecodedPack Pack, long ReceivedUnixMs)> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        // Node by node (stable: each node's packs keep their order): two gateways' transactions then lock the nodes'
        // rows in the same order, and PostgreSQL has no deadlock to break between them.
        (DecodedPack Pack, long ReceivedUnixMs)[] ordered = packs.OrderBy(p => p.Pack.NodeId, StringComparer.Ordinal).ToArray();
        var rows = new List<(DecodedReading Reading, long Received)>();
        foreach ((DecodedPack pack, long received) in ordered)
        {
            foreach (DecodedReading r in pack.Readings) rows.Add((r, received));
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureOpen();
            using DbTransaction transaction = _dialect.BeginWrite(_connection);
            foreach (DbCommand command in _writeCommands)
            {
                command.Transaction = transaction;
            }
            var fresh = new HashSet<(string, long)>();
            var freshEnergy = new HashSet<(string, long?)>();
            var inserts = new Script(this, transaction);
            TouchNodes(inserts, ordered);
            InsertReadings(inserts, rows, (node, seq) => fresh.Add((node, seq!.Value)));
            InsertEnergy(inserts, ordered, (node, maxSeq) => freshEnergy.Add((node, maxSeq)));
            inserts.Run(_ => { });
            int inserted = 0;
            int reused = 0;
            foreach ((DecodedReading r, long received) in rows)
            {
                // A key repeated within the batch is new only the first time.
                if (fresh.Remove((r.NodeId, (long)r.Sequence)))
                {
                    inserted++;
                }
                else if (IsSeqReuse(r, received, ReadingValues(r, received)))
                {
                    inserted++;
                    reused++;
                }
            }
            var updates = new Script(this, transaction);
            UpdateVoltages(updates, ordered);
            IReadOnlyList<PolicyChange> changes = UpdateEnergy(updates, transaction, ordered, freshEnergy);
            updates.Run(_ => { });
            transaction.Commit();
            return new StoreResult(inserted, rows.Count - inserted, reused) { PolicyChanges = changes };
        }
    }

    private object?[] ReadingValues(DecodedReading r, long receivedUnixMs) =>
        [r.NodeId, (long)r.Sequence, r.UnixSeconds, r.TemperatureC, r.HumidityPercent, r.IlluminanceLux, r.SupercapVolts, r.MotionEvents, receivedUnixMs,
            r.ArmedSeconds, r.Brownout ? 1 : null, r.FirstMotionAgeSeconds, r.LastMotionAgeSeconds, Building];

    // Every node of the batch once, with its newest receive time: the rows the updates below need.
    private void TouchNodes(Script script, (DecodedPack Pack, long ReceivedUnixMs)[] packs)
    {
        var newest = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach ((DecodedPack pack, long received) in packs)
        {
            newest[pack.NodeId] = newest.TryGetValue(pack.NodeId, out long known) ? Math.Max(known, received) : received;
        }
        script.Rows("INSERT INTO nodes (node_id, last_seen_ms, building)", TouchTypes,
            newest.Select(n => new object?[] { n.Key, n.Value, Building }).ToList(),
            " ON CONFLICT (node_id) DO UPDATE SET last_seen_ms = max(nodes.last_seen_ms, excluded.last_seen_ms), building = excluded.building");
    }

    // ON CONFLICT DO NOTHING: only the rows actually inserted reach inserted (node, seq).
    private void InsertReadings(Script script, List<(DecodedReading Reading, long Received)> rows, Action<string, long?> inserted) =>
        script.Rows($"INSERT INTO readings ({ReadingColumns})", ReadingTypes, rows.Select(r => ReadingValues(r.Reading, r.Received)).ToList(),
            " ON CONFLICT DO NOTHING", inserted);

    // One energy row per pack that carries energy, keyed on (node, the pack's highest seq); a pack without readings
    // (seq NULL) is always new.
    private static void InsertEnergy(Script script, (DecodedPack Pack, long ReceivedUnixMs)[] packs, Action<string, long?> inserted) =>
        script.Rows($"INSERT INTO energy ({EnergyColumns})", EnergyTypes,
            packs.Where(p => p.Pack.Energy != null).Select(p => new object?[] { p.Pack.NodeId, MaxSeq(p.Pack), p.Pack.Energy!.UnixSeconds,
                p.Pack.Energy.StoredJoules, p.Pack.Energy.WakeJoules, p.Pack.Energy.HarvestWatts, p.Pack.Energy.DroppedReadings, p.ReceivedUnixMs,
                (long?)p.Pack.Energy.PolicyVersion }).ToList(),
            " ON CONFLICT DO NOTHING", inserted);

    private static long? MaxSeq(DecodedPack pack) => pack.Readings.Count == 0 ? null : pack.Readings.Max(r => (long)r.Sequence);

    // The node's voltage from its newest reading with one: only a higher (or equal) seq replaces it, so old
    // redeliveries do not roll it back. Applying every pack's update in order leaves the last one of the highest seq
    // (if that is at least the stored one): so one statement a node, not a pack (a node's packs keep their order).
    private static void UpdateVoltages(Script script, (DecodedPack Pack, long ReceivedUnixMs)[] packs)
    {
        var newestVolts = new SortedDictionary<string, DecodedReading>(StringComparer.Ordinal);
        foreach ((DecodedPack pack, long _) in packs)
        {
            DecodedReading? newestWithVolts = pack.Readings.Where(r => r.SupercapVolts != null).MaxBy(r => r.Sequence);
            if (newestWithVolts != null && !(newestVolts.TryGetValue(pack.NodeId, out DecodedReading? known) && known.Sequence > newestWithVolts.Sequence))
                newestVolts[pack.NodeId] = newestWithVolts;
        }
        foreach ((string node, DecodedReading newest) in newestVolts)
        {
            script.Statement("UPDATE nodes SET last_supercap_v = {2}, supercap_seq = {1} WHERE node_id = {0} AND (supercap_seq IS NULL OR supercap_seq <= {1})",
                node, (long)newest.Sequence, newest.SupercapVolts);
        }
    }

    // The node's stored energy, dropped count and table version from each new energy row, in pack order: a pack without
    // readings is the newest word on energy; otherwise it applies when its highest seq is at least the stored one, and a
    // field it lacks keeps the stored value. Folded here from the nodes' values, read once (after any seq-reuse reset),
    // into one statement a node rather than one a pack. Returns the nodes whose table version changed (from the values read).
    private IReadOnlyList<PolicyChange> UpdateEnergy(Script updates, DbTransaction transaction, (DecodedPack Pack, long ReceivedUnixMs)[] packs, HashSet<(string, long?)> freshEnergy)
    {
        List<DecodedPack> applied = packs.Select(p => p.Pack)
            .Where(p => p.Energy != null && (MaxSeq(p) is not long seq || freshEnergy.Remove((p.NodeId, seq)))).ToList();
        if (applied.Count == 0) return Array.Empty<PolicyChange>();
        var state = new SortedDictionary<string, (long? Seq, double? StoredJoules, long? Dropped, long? PolicyVersion)>(StringComparer.Ordinal);
        var read = new Script(this, transaction);
        foreach (string node in applied.Select(p => p.NodeId).Distinct(StringComparer.Ordinal))
        {
            read.Statement("SELECT node_id, energy_seq, last_stored_j, dropped, policy_version FROM nodes WHERE node_id = {0}", node);
        }
        read.Run(r => state[r.GetString(0)] = (NullableInt64(r, 1), NullableDouble(r, 2), NullableInt64(r, 3), NullableInt64(r, 4)));
        var before = state.ToDictionary(n => n.Key, n => n.Value.PolicyVersion, StringComparer.Ordinal);
        foreach (DecodedPack pack in applied)
        {
            (long? storedSeq, double? storedJoules, long? dropped, long? policy) = state[pack.NodeId];
            long? seq = MaxSeq(pack);
            if (seq != null && storedSeq != null && storedSeq > seq) continue;
            state[pack.NodeId] = (seq ?? storedSeq, pack.Energy!.StoredJoules ?? storedJoules, pack.Energy.DroppedReadings ?? dropped,
                pack.Energy.PolicyVersion ?? policy);
        }
        foreach ((string node, (long? seq, double? storedJoules, long? dropped, long? policy)) in state)
        {
            updates.Statement("UPDATE nodes SET energy_seq = {1}, last_stored_j = {2}, dropped = {3}, policy_version = {4} WHERE node_id = {0}",
                node, seq, storedJoules, dropped, policy);
        }
        List<PolicyChange> changes = state.Where(n => n.Value.PolicyVersion is long now && now != before[n.Key])
            .Select(n => new PolicyChange(n.Key, before[n.Key] is long was ? (uint)was : null, (uint)n.Value.PolicyVersion!.Value)).ToList();
        return changes.Count == 0 ? Array.Empty<PolicyChange>() : changes;
    }

    /// <summary>
    /// A batch's statements, run in order by <see cref="Run"/>. PostgreSQL (<see cref="StoreDialect.JoinsStatements"/>):
    /// joined into one command, one round trip, each multi-row insert a <c>SELECT * FROM unnest(...)</c> over one array
    /// parameter a column, so the server parses and plans a short statement however many rows it holds. SQLite: each
    /// statement a prepared statement the store keeps across batches (<see cref="PreparedStatement"/>), a multi-row
    /// insert run once a row: Microsoft.Data.Sqlite binds each parameter by name through SQLite's linear lookup, so
    /// one statement of many parameters costs time quadratic in them, and SQLite has no round trip to save.
    /// </summary>
    private sealed class Script(ReadingStore store, DbTransaction transaction)
    {
        // The first column of the rows a RETURNING gives back on PostgreSQL: which insert's callback they belong to.
        private const string InsertedColumn = "sensornode_inserted";

        private readonly StringBuilder _joined = new();
        private readonly List<object?> _joinedValues = new();
        private readonly List<Action<string, long?>> _returning = new();
        private readonly List<(string Sql, object?[] Values, Action<string, long?>? Inserted)> _prepared = new();

        // A multi-row insert: head ("INSERT INTO t (columns)"), the rows, tail; types are the columns' portable types.
        // inserted, when given, gets the first two columns (the key) of each row the insert actually added:
        // PostgreSQL from a RETURNING, SQLite from each row's change count (a RETURNING makes an SQLite insert about
        // 1.8x slower: docs/occupancy.md, "The store change").
        internal void Rows(string head, string[] types, IReadOnlyList<object?[]> rows, string tail, Action<string, long?>? inserted = null)
        {
            if (rows.Count == 0) return;
            if (store._dialect.JoinsStatements)
            {
                _joined.Append(head).Append(" SELECT * FROM unnest(");
                for (int c = 0; c < types.Length; c++)
                {
                    _joined.Append(c > 0 ? ", " : "").Append(Joined(ColumnArray(rows, c, types[c]))).Append("::").Append(types[c]).Append("[]");
                }
                _joined.Append(')').Append(tail);
                if (inserted != null)
                {
                    string[] key = head[(head.IndexOf('(') + 1)..].Split(',', 3, StringSplitOptions.TrimEntries);
                    _joined.Append(" RETURNING ").Append(_returning.Count).Append(" AS ").Append(InsertedColumn).Append(", ").Append(key[0]).Append(", ").Append(key[1]);
                    _returning.Add(inserted);
                }
                _joined.Append(";\n");
                return;
            }
            string sql = head + " VALUES (" + string.Join(", ", Enumerable.Range(0, types.Length).Select(Name)) + ")" + tail;
            foreach (object?[] row in rows) _prepared.Add((sql, row, inserted));
        }

        // A statement whose {0}, {1}, ... are its values (one parameter each, however often it is named).
        internal void Statement(string sql, params object?[] values)
        {
            if (store._dialect.JoinsStatements)
            {
                _joined.Append(string.Format(CultureInfo.InvariantCulture, sql, values.Select(Joined).ToArray<object>())).Append(";\n");
                return;
            }
            _prepared.Add((string.Format(CultureInfo.InvariantCulture, sql, Enumerable.Range(0, values.Length).Select(Name).ToArray<object>()), values, null));
        }

        // Executes the statements in order; every row of every result set goes to onRow.
        internal void Run(Action<DbDataReader> onRow)
        {
            if (_joined.Length > 0)
            {
                using DbCommand command = store._connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = store._dialect.Sql(_joined.ToString());
                for (int i = 0; i < _joinedValues.Count; i++)
                {
                    DbParameter parameter = command.CreateParameter();
                    parameter.ParameterName = store._dialect.ParameterName(Name(i));
                    parameter.Value = _joinedValues[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                Read(command, row =>
                {
                    if (row.GetName(0) == InsertedColumn) _returning[row.GetInt32(0)](row.GetString(1), NullableInt64(row, 2));
                    else onRow(row);
                });
            }
            foreach ((string sql, object?[] values, Action<string, long?>? inserted) in _prepared)
            {
                DbCommand command = store.PreparedStatement(sql, values.Length);
                command.Transaction = transaction;
                for (int i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
                if (inserted == null) Read(command, onRow);
                else if (command.ExecuteNonQuery() > 0) inserted((string)values[0]!, values[1] == null ? null : Convert.ToInt64(values[1], CultureInfo.InvariantCulture));
            }
        }

        private static void Read(DbCommand command, Action<DbDataReader> onRow)
        {
            using DbDataReader reader = command.ExecuteReader();
            do
            {
                while (reader.FieldCount > 0 && reader.Read()) onRow(reader);
            }
            while (reader.NextResult());
        }

        // Column c of the rows as a typed array (null elements for NULL), which Npgsql sends as one binary array.
        private static Array ColumnArray(IReadOnlyList<object?[]> rows, int c, string type) => type switch
        {
            "TEXT" => rows.Select(r => (string?)r[c]).ToArray(),
            "INTEGER" => rows.Select(r => r[c] == null ? (long?)null : Convert.ToInt64(r[c], CultureInfo.InvariantCulture)).ToArray(),
            "REAL" => rows.Select(r => r[c] == null ? (double?)null : Convert.ToDouble(r[c], CultureInfo.InvariantCulture)).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "a column type of the store's schema"),
        };

        // The next parameter of the joined command, holding value.
        private string Joined(object? value)
        {
            _joinedValues.Add(value);
            return Name(_joinedValues.Count - 1);
        }

        private static string Name(int i) => "$p" + i.ToString(CultureInfo.InvariantCulture);
    }
}
