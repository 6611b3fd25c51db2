using System.Data;
using System.Data.Common;
using System.Globalization;

namespace SensorNode.Gateway;

/// <summary>
/// The gateway's store (schema in docs/gateway.md): a SQLite file (the default, one building) or a PostgreSQL database
/// that several buildings' gateways share (docs/scale.md), one SQL text for both through <see cref="StoreDialect"/>.
/// Readings are keyed on (node, seq) and inserted with ON CONFLICT DO NOTHING, so QoS 1 redeliveries and several
/// gateways sharing one database store each reading exactly once. On SQLite, WAL journal and a busy timeout let two
/// processes write the same file. Every row a store writes carries its <see cref="Building"/>. Thread-safe (one lock per store).
/// </summary>
public sealed partial class ReadingStore : IDisposable
{
    /// <summary>
    /// Dead-letter payload bytes kept, from the start: the decode limit, so every payload that could ever decode is kept
    /// whole (and can be replayed); the full length is stored alongside.
    /// </summary>
    public const int MaxDeadLetterPayloadBytes = SenmlDecoder.MaxPayloadBytes;

    /// <summary>Most dead letters kept (the newest); at most this x <see cref="MaxDeadLetterPayloadBytes"/> of payload, 655 MB.</summary>
    public const int MaxDeadLetters = 10_000;

    /// <summary>How long a write waits for another connection's lock before failing, ms.</summary>
    public const int BusyTimeoutMilliseconds = 30000;

    private const int MaxReasonChars = 1000;

    private readonly object _gate = new();
    private readonly StoreDialect _dialect;
    private readonly DbConnection _connection;
    private readonly string _name;
    private readonly DbCommand _insertReading;
    private readonly DbCommand _selectReading;
    private readonly DbCommand _archiveStored;
    private readonly DbCommand _archiveNew;
    private readonly DbCommand _deleteReading;
    private readonly DbCommand _resetNodeSeqs;
    private readonly DbCommand[] _writeCommands;
    private readonly Dictionary<string, DbCommand> _preparedStatements = new(StringComparer.Ordinal);
    private bool _disposed;

    private ReadingStore(StoreDialect dialect, DbConnection connection, string name, string building)
    {
        _dialect = dialect;
        _connection = connection;
        _name = name;
        Building = building;
        _insertReading = Prepare("""
            INSERT INTO readings (node_id, seq, unix_s, temperature_c, humidity_pct, illuminance_lx, supercap_v, motion, received_ms, armed_s, brownout,
                motion_first_age_s, motion_last_age_s, building)
            VALUES ($node, $seq, $unix, $temp, $hum, $lux, $volts, $motion, $received, $armed, $brownout, $first, $last, $building)
            ON CONFLICT DO NOTHING
            """, "$node", "$seq", "$unix", "$temp", "$hum", "$lux", "$volts", "$motion", "$received", "$armed", "$brownout", "$first", "$last", "$building");
        _selectReading = Prepare("""
            SELECT unix_s, temperature_c, humidity_pct, illuminance_lx, supercap_v, motion FROM readings WHERE node_id = $node AND seq = $seq
            """, "$node", "$seq");
        _archiveStored = Prepare("""
            INSERT INTO superseded_readings
            SELECT node_id, seq, unix_s, temperature_c, humidity_pct, illuminance_lx, supercap_v, motion, received_ms, 'replaced', $now
            FROM readings WHERE node_id = $node AND seq = $seq
            ON CONFLICT DO NOTHING
            """, "$node", "$seq", "$now");
        _archiveNew = Prepare("""
            INSERT INTO superseded_readings
            VALUES ($node, $seq, $unix, $temp, $hum, $lux, $volts, $motion, $received, 'conflict', $received)
            ON CONFLICT DO NOTHING
            """, "$node", "$seq", "$unix", "$temp", "$hum", "$lux", "$volts", "$motion", "$received");
        _deleteReading = Prepare("DELETE FROM readings WHERE node_id = $node AND seq = $seq", "$node", "$seq");
        // A node that restarted its seq: its newest voltage and energy are no longer the highest seq's.
        _resetNodeSeqs = Prepare("UPDATE nodes SET supercap_seq = NULL, energy_seq = NULL WHERE node_id = $node", "$node");
        _writeCommands = [_insertReading, _selectReading, _archiveStored, _archiveNew, _deleteReading, _resetNodeSeqs];
    }

    /// <summary>The building this store's writes are stamped with ("" = not named, the single-building default); a named store reads only its building's nodes, readings and rooms.</summary>
    public string Building { get; }

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string DatabaseKind => _dialect.Name;

    /// <summary>
    /// Opens (creating when missing) the store. <paramref name="db"/>: a postgres://[user[:password]@]host[:port]/database
    /// URL (PostgreSQL, docs/scale.md); else a file path (no '='), opened unpooled as "Data Source=&lt;path&gt;", or a
    /// Microsoft.Data.Sqlite connection string (e.g. "Data Source=x;Mode=Memory;Cache=Shared"). SQLite gets a busy
    /// timeout and the WAL journal. Then the schema is migrated to the current version. <paramref name="building"/>
    /// stamps every row written (see <see cref="Building"/>). Throws <see cref="InvalidOperationException"/> for a
    /// database written by a newer gateway, <see cref="DbException"/> when the database cannot be opened.
    /// </summary>
    public static ReadingStore Open(string db, string building = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(db);
        ArgumentNullException.ThrowIfNull(building);
        StoreDialect dialect = StoreDialect.For(db);
        DbConnection connection = dialect.Connect(db);
        try
        {
            connection.Open();
            dialect.AfterOpen(connection, db);
            Migrate(dialect, connection);
            return new ReadingStore(dialect, connection, RedactedName(db), building);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="Open"/> for command lines: false with one line naming <paramref name="path"/> and the problem (missing
    /// folder, not a database, damaged, newer schema, no permission, server unreachable) instead of an exception.
    /// </summary>
    public static bool TryOpen(string path, out ReadingStore? store, out string error) => TryOpen(path, "", out store, out error);

    /// <summary><see cref="TryOpen(string, out ReadingStore?, out string)"/> for a store whose writes name <paramref name="building"/>.</summary>
    public static bool TryOpen(string path, string building, out ReadingStore? store, out string error)
    {
        store = null;
        error = "";
        if (SqliteFileProblem(path) is { } problem)
        {
            error = $"database {path}: {problem}";
            return false;
        }
        try
        {
            store = Open(path, building);
            return true;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException or TimeoutException)
        {
            string message = SenmlDecoder.OneLine(e.Message);
            string name = RedactedName(path);
            error = message.Contains(name, StringComparison.Ordinal) ? message : $"database {name}: {message}";
            return false;
        }
    }

    /// <summary>True when <paramref name="db"/> names a SQLite file that does not exist (a postgres:// URL is never "missing": opening it says what is wrong; nor is a folder: <see cref="TryOpen(string, string, out ReadingStore?, out string)"/> says it is one).</summary>
    public static bool IsMissingFile(string db) => IsSqlitePath(db) && !File.Exists(db) && !Directory.Exists(db);

    private static bool IsSqlitePath(string db) => !StoreDialect.IsPostgresUrl(db) && !db.Contains('=');

    /// <summary>What SQLite would only call "unable to open database file": the path is a folder, or its folder is missing.</summary>
    private static string? SqliteFileProblem(string db)
    {
        if (!IsSqlitePath(db) || db.StartsWith(':')) return null; // :memory: and the like
        if (Directory.Exists(db)) return "a folder, not a SQLite file";
        string? folder = Path.GetDirectoryName(Path.GetFullPath(db));
        return folder != null && !Directory.Exists(folder) ? $"the folder {folder} does not exist" : null;
    }

    /// <summary><paramref name="db"/> for messages: a URL's password replaced by "***".</summary>
    public static string RedactedName(string db)
    {
        if (!StoreDialect.IsPostgresUrl(db) || !Uri.TryCreate(db, UriKind.Absolute, out Uri? uri) || !uri.UserInfo.Contains(':')) return db;
        return db.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal);
    }

    /// <summary>For tests and the gateway's --max-db-pages drill: caps the file at max(<paramref name="pages"/>, its size) pages, so writes fail as on a full disk (SQLITE_FULL). SQLite only.</summary>
    public void LimitPages(long pages)
    {
        if (_dialect is not SqliteDialect) throw new InvalidOperationException("--max-db-pages is a SQLite drill");
        Locked(() => ExecuteNonQuery($"PRAGMA max_page_count = {pages};"));
    }

    private static void Migrate(StoreDialect dialect, DbConnection connection)
    {
        using DbTransaction transaction = dialect.BeginWrite(connection);
        int version = dialect.LockAndReadVersion(connection, transaction);
        if (version > StoreSchema.Version)
        {
            throw new InvalidOperationException($"database schema version {version} is newer than this gateway's {StoreSchema.Version}");
        }
        for (int i = version; i < StoreSchema.Version; i++)
        {
            StoreDialect.Execute(connection, transaction, dialect.Sql(StoreSchema.Migrations[i]));
        }
        if (version != StoreSchema.Version) dialect.WriteVersion(connection, transaction, StoreSchema.Version);
        transaction.Commit();
    }

    /// <summary>
    /// Stores <paramref name="pack"/> received at <paramref name="receivedUnixMs"/> (Unix ms UTC) in one transaction:
    /// readings not yet stored, its energy row (once per node and highest seq), and the node's last-seen time,
    /// voltage, stored energy and dropped count. Returns how many readings were new and how many already stored.
    /// </summary>
    public StoreResult Store(DecodedPack pack, long receivedUnixMs) => StoreBatch([(pack, receivedUnixMs)]);

    // The key (node, seq) is taken. Same content: a redelivery (false). Different content at a later time: the node
    // reused the seq after its storage was erased: the stored reading moves to superseded_readings and the new one
    // takes its place (true). Different content, not later: kept aside as a conflict (false).
    private bool IsSeqReuse(DecodedReading r, long receivedUnixMs, object?[] values)
    {
        _selectReading.Parameters[0].Value = r.NodeId;
        _selectReading.Parameters[1].Value = (long)r.Sequence;
        long? storedTime;
        bool same;
        using (DbDataReader row = _selectReading.ExecuteReader())
        {
            if (!row.Read()) return false;
            storedTime = NullableInt64(row, 0);
            same = storedTime == r.UnixSeconds && NullableDouble(row, 1) == r.TemperatureC && NullableDouble(row, 2) == r.HumidityPercent
                && NullableDouble(row, 3) == r.IlluminanceLux && NullableDouble(row, 4) == r.SupercapVolts
                && NullableInt32(row, 5) == r.MotionEvents;
        }
        if (same) return false;
        if (r.UnixSeconds is long time && (storedTime == null || time > storedTime))
        {
            Run(_archiveStored, r.NodeId, (long)r.Sequence, receivedUnixMs);
            Run(_deleteReading, r.NodeId, (long)r.Sequence);
            Run(_insertReading, values);
            Run(_resetNodeSeqs, r.NodeId);
            return true;
        }
        Run(_archiveNew, values[..9]); // superseded_readings keeps the original columns (no coverage)
        return false;
    }

    /// <summary>Readings that lost their key: (node, seq, time, temperature, kind 'replaced' or 'conflict'), ordered by node, seq, time.</summary>
    public IReadOnlyList<(string NodeId, uint Sequence, long? UnixSeconds, double? TemperatureC, string Kind)> SupersededReadings() =>
        ReadRows("SELECT node_id, seq, unix_s, temperature_c, kind FROM superseded_readings ORDER BY node_id, seq, unix_s", [],
            r => (r.GetString(0), (uint)r.GetInt64(1), NullableInt64(r, 2), NullableDouble(r, 3), r.GetString(4)));

    /// <summary>
    /// Records a rejected message: <paramref name="topic"/>, the one-line <paramref name="reason"/> (cut to 1000
    /// chars), the first <see cref="MaxDeadLetterPayloadBytes"/> bytes of <paramref name="payload"/> and its full
    /// length (<paramref name="payloadLength"/> when the caller kept only the start, else the span's), and the receive
    /// time (Unix ms UTC). Any bytes are accepted: the payload is kept as a BLOB.
    /// </summary>
    /// <returns>How many of the oldest dead letters were removed to keep at most <see cref="MaxDeadLetters"/>.</returns>
    public int DeadLetter(string topic, ReadOnlySpan<byte> payload, string reason, long receivedUnixMs, int? payloadLength = null)
    {
        byte[] kept = payload.Slice(0, Math.Min(payload.Length, MaxDeadLetterPayloadBytes)).ToArray();
        string line = SenmlDecoder.OneLine(reason);
        int length = Math.Max(payloadLength ?? payload.Length, payload.Length);
        return Locked(() =>
        {
            ExecuteNonQuery("""
                INSERT INTO dead_letters (topic, reason, payload, payload_length, received_ms, building)
                VALUES ($topic, $reason, $payload, $length, $received, $building)
                """, ("$topic", topic ?? ""), ("$reason", line.Length <= MaxReasonChars ? line : line.Substring(0, MaxReasonChars)),
                ("$payload", kept), ("$length", length), ("$received", receivedUnixMs), ("$building", Building));
            // Bounded: junk from a node must not fill the disk. ids are arrival order, so the oldest go first.
            return ExecuteNonQuery("DELETE FROM dead_letters WHERE id <= (SELECT max(id) FROM dead_letters) - $max", ("$max", MaxDeadLetters));
        });
    }

    /// <summary>Most fault reports kept: the newest by last sight; a hostile node cannot fill the disk with them.</summary>
    public const int MaxFaultReports = 1000;

    /// <summary>
    /// Stores a validated fault report seen at <paramref name="receivedUnixMs"/>: a new (node, text) is a new row, a
    /// repeat (the retained copy on every resubscribe) only moves its last sight. Keeps the newest
    /// <see cref="MaxFaultReports"/>. True when the report was new.
    /// </summary>
    public bool StoreFaultReport(FaultReportRecord report, long receivedUnixMs)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Locked(() =>
        {
            long known;
            using (DbCommand count = Command("SELECT count(*) FROM fault_reports WHERE node_id = $node AND report = $report", [("$node", report.NodeId), ("$report", report.Text)]))
                known = Convert.ToInt64(count.ExecuteScalar());
            ExecuteNonQuery("""
                INSERT INTO fault_reports (node_id, code, config_crc, report, first_seen_ms, last_seen_ms)
                VALUES ($node, $code, $crc, $report, $seen, $seen)
                ON CONFLICT (node_id, report) DO UPDATE SET last_seen_ms = max(fault_reports.last_seen_ms, excluded.last_seen_ms)
                """, ("$node", report.NodeId), ("$code", report.Code), ("$crc", report.ConfigCrc), ("$report", report.Text), ("$seen", receivedUnixMs));
            ExecuteNonQuery("DELETE FROM fault_reports WHERE id NOT IN (SELECT id FROM fault_reports ORDER BY last_seen_ms DESC, id DESC LIMIT $max)", ("$max", MaxFaultReports));
            return known == 0;
        });
    }

    /// <summary>The newest <paramref name="limit"/> fault reports by last sight, newest first.</summary>
    public IReadOnlyList<(string NodeId, string Code, string ConfigCrc, string Report, long FirstSeenUnixMs, long LastSeenUnixMs)> FaultReports(int limit = 100) =>
        ReadRows("SELECT node_id, code, config_crc, report, first_seen_ms, last_seen_ms FROM fault_reports ORDER BY last_seen_ms DESC, id DESC LIMIT $limit",
            [("$limit", limit)], r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5)));

    /// <summary>
    /// Records an availability message received at <paramref name="receivedUnixMs"/> (Unix ms UTC): the node's
    /// availability ("online", "sleeping", "lost"), its last-seen time, and for <see cref="AvailabilityState.Sleeping"/>
    /// the expected next wake = receive time (s) + <paramref name="sleepSeconds"/>; null otherwise.
    /// </summary>
    public void UpdateAvailability(string nodeId, AvailabilityState state, int sleepSeconds, long receivedUnixMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        long? nextWake = state == AvailabilityState.Sleeping ? receivedUnixMs / 1000 + sleepSeconds : null;
        Locked(() => ExecuteNonQuery("""
                INSERT INTO nodes (node_id, last_seen_ms, availability, next_wake_s, building) VALUES ($node, $received, $state, $wake, $building)
                ON CONFLICT (node_id) DO UPDATE SET last_seen_ms = max(nodes.last_seen_ms, excluded.last_seen_ms),
                    availability = excluded.availability, next_wake_s = excluded.next_wake_s, building = excluded.building
                """, ("$node", nodeId), ("$received", receivedUnixMs), ("$state", AvailabilityName(state)), ("$wake", nextWake), ("$building", Building)));
    }

    /// <summary>Assigns <paramref name="nodeId"/> to <paramref name="room"/> (any name; null or empty clears it). Creates the node row if needed.</summary>
    public void SetRoom(string nodeId, string room)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        Locked(() => ExecuteNonQuery("""
                INSERT INTO nodes (node_id, room, building) VALUES ($node, $room, $building)
                ON CONFLICT (node_id) DO UPDATE SET room = excluded.room, building = excluded.building
                """, ("$node", nodeId), ("$room", string.IsNullOrEmpty(room) ? null : room), ("$building", Building)));
    }

    /// <summary>The node's status, or null when the store never heard of it.</summary>
    public NodeStatus? GetNode(string nodeId) => ReadNodes("WHERE node_id = $node", ("$node", nodeId)).SingleOrDefault();

    /// <summary>Every known node (of <see cref="Building"/> when it is named), ordered by node id.</summary>
    public IReadOnlyList<NodeStatus> Nodes() => Building.Length == 0 ? ReadNodes("") : ReadNodes("WHERE building = $building", ("$building", Building));

    private List<NodeStatus> ReadNodes(string where, params (string, object?)[] parameters) =>
        ReadRows($"""
            SELECT node_id, room, last_seen_ms, availability, next_wake_s, last_supercap_v, last_stored_j, dropped, building, policy_version
            FROM nodes {where} ORDER BY node_id
            """, parameters, r => new NodeStatus(r.GetString(0), NullableString(r, 1), r.GetInt64(2), NullableString(r, 3),
            NullableInt64(r, 4), NullableDouble(r, 5), NullableDouble(r, 6), NullableInt64(r, 7))
            {
                Building = r.GetString(8),
                PolicyVersion = NullableInt64(r, 9) is long version ? (uint)version : null,
            });

    /// <summary>
    /// Stored readings ordered by node id and seq, at most <paramref name="limit"/> (0 upwards). Filters: one node;
    /// a time window in Unix seconds, both ends inclusive (readings of unknown time are left out when either end is given).
    /// </summary>
    public IReadOnlyList<StoredReading> Query(string? nodeId = null, long? fromUnixSeconds = null, long? toUnixSeconds = null, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var where = new List<string>();
        if (nodeId != null) where.Add("node_id = $node");
        if (fromUnixSeconds != null) where.Add("unix_s >= $from");
        if (toUnixSeconds != null) where.Add("unix_s <= $to");
        if (Building.Length > 0) where.Add("building = $building");
        string clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        return ReadRows($"""
            SELECT node_id, seq, unix_s, temperature_c, humidity_pct, illuminance_lx, supercap_v, motion, received_ms, armed_s, brownout,
                motion_first_age_s, motion_last_age_s
            FROM readings {clause} ORDER BY node_id, seq LIMIT $limit
            """, [("$node", nodeId), ("$from", fromUnixSeconds), ("$to", toUnixSeconds), ("$limit", limit), ("$building", Building)],
            r => new StoredReading(r.GetString(0), (uint)r.GetInt64(1), NullableInt64(r, 2), NullableDouble(r, 3), NullableDouble(r, 4),
                NullableDouble(r, 5), NullableDouble(r, 6), NullableInt32(r, 7), r.GetInt64(8),
                NullableInt32(r, 9), NullableInt32(r, 10) is int b && b != 0)
            {
                FirstMotionAgeSeconds = NullableInt32(r, 11),
                LastMotionAgeSeconds = NullableInt32(r, 12),
            });
    }

    /// <summary>Number of stored readings (of <see cref="Building"/> when it is named).</summary>
    public long ReadingCount() => Building.Length == 0
        ? Scalar("SELECT count(*) FROM readings")
        : ReadRows("SELECT count(*) FROM readings WHERE building = $building", [("$building", Building)], r => r.GetInt64(0)).Single();

    /// <summary>Number of dead letters.</summary>
    public long DeadLetterCount() => Scalar("SELECT count(*) FROM dead_letters");

    /// <summary>The newest <paramref name="limit"/> dead letters, newest first: topic, reason, receive time (Unix ms), full payload length.</summary>
    public IReadOnlyList<(string Topic, string Reason, long ReceivedUnixMs, int PayloadLength)> DeadLetters(int limit = 100) =>
        ReadRows("SELECT topic, reason, received_ms, payload_length FROM dead_letters ORDER BY id DESC LIMIT $limit",
            [("$limit", limit)], r => (r.GetString(0), r.GetString(1), r.GetInt64(2), (int)r.GetInt64(3)));

    /// <summary>The kept bytes (at most <see cref="MaxDeadLetterPayloadBytes"/>) of the newest dead letters, newest first.</summary>
    internal IReadOnlyList<byte[]> DeadLetterPayloads(int limit = 100) =>
        ReadRows("SELECT payload FROM dead_letters ORDER BY id DESC LIMIT $limit", [("$limit", limit)], r => (byte[])r.GetValue(0));

    /// <summary>Dead letters with an id above <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>: id, topic, kept payload, full length.</summary>
    public IReadOnlyList<(long Id, string Topic, byte[] Payload, int PayloadLength)> DeadLetterRows(long afterId, int limit) =>
        ReadRows("SELECT id, topic, payload, payload_length FROM dead_letters WHERE id > $after ORDER BY id LIMIT $limit",
            [("$after", afterId), ("$limit", limit)], r => (r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2), (int)r.GetInt64(3)));

    /// <summary>Removes dead letter <paramref name="id"/> (replayed); unknown ids are ignored.</summary>
    public void DeleteDeadLetter(long id) => Locked(() => ExecuteNonQuery("DELETE FROM dead_letters WHERE id = $id", ("$id", id)));

    /// <summary>Queues command <paramref name="name"/> with <paramref name="payload"/> for <paramref name="nodeId"/>; returns its id.</summary>
    public long EnqueueCommand(string nodeId, string name, byte[] payload, long nowUnixMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(payload);
        return Locked(() => EnqueueCommand(null, nodeId, name, payload, nowUnixMs));
    }

    // Within Locked; inside the transaction when the command is queued with other rows (a policy push, an update's chunks).
    private long EnqueueCommand(DbTransaction? transaction, string nodeId, string name, byte[] payload, long nowUnixMs)
    {
        using DbCommand command = Command("""
            INSERT INTO commands (node_id, name, payload, created_ms) VALUES ($node, $name, $payload, $now) RETURNING id
            """, [("$node", nodeId), ("$name", name), ("$payload", payload), ("$now", nowUnixMs)]);
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>
    /// The node's unacknowledged commands, oldest first, including ones already released (QoS 1 to a sleeping node
    /// is not delivery: release them again until acknowledged).
    /// </summary>
    public IReadOnlyList<QueuedCommand> PendingCommands(string nodeId) =>
        ReadRows("""
            SELECT id, node_id, name, payload, created_ms, released_ms, acknowledged_ms FROM commands
            WHERE node_id = $node AND acknowledged_ms IS NULL ORDER BY id
            """, [("$node", nodeId)], r => new QueuedCommand(r.GetInt64(0), r.GetString(1), r.GetString(2), (byte[])r.GetValue(3),
            r.GetInt64(4), NullableInt64(r, 5), NullableInt64(r, 6)));

    /// <summary>Records that command <paramref name="commandId"/> was published at <paramref name="nowUnixMs"/> (latest release kept). Unknown ids are ignored.</summary>
    public void MarkReleased(long commandId, long nowUnixMs) =>
        Locked(() => ExecuteNonQuery("UPDATE commands SET released_ms = $now WHERE id = $id", ("$id", commandId), ("$now", nowUnixMs)));

    /// <summary>Records the node's acknowledgement of <paramref name="commandId"/> (the first one is kept). Unknown ids are ignored.</summary>
    public void MarkAcknowledged(long commandId, long nowUnixMs) =>
        Locked(() => ExecuteNonQuery("UPDATE commands SET acknowledged_ms = coalesce(acknowledged_ms, $now) WHERE id = $id",
            ("$id", commandId), ("$now", nowUnixMs)));

    /// <summary>Closes the database.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (DbCommand command in _writeCommands)
            {
                command.Dispose();
            }
            foreach (DbCommand command in _preparedStatements.Values)
            {
                command.Dispose();
            }
            _connection.Dispose();
        }
    }

    private static string AvailabilityName(AvailabilityState state) => state switch
    {
        AvailabilityState.Online => "online",
        AvailabilityState.Sleeping => "sleeping",
        _ => "lost",
    };

    private DbCommand Prepare(string sql, params string[] parameterNames)
    {
        DbCommand command = _connection.CreateCommand();
        command.CommandText = _dialect.Sql(sql);
        foreach (string name in parameterNames)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = _dialect.ParameterName(name);
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    // A batch statement of SQLite (parameters $p0 .. $p{count-1}), prepared on first use and kept: the batches repeat a
    // handful of statements, and SQLite then parses each once rather than once a batch. Call inside the store's lock.
    private DbCommand PreparedStatement(string sql, int parameterCount)
    {
        if (_preparedStatements.TryGetValue(sql, out DbCommand? command)) return command;
        command = Prepare(sql, Enumerable.Range(0, parameterCount).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)).ToArray());
        _preparedStatements.Add(sql, command);
        return command;
    }

    // Runs a prepared command with its parameters in declaration order; returns the rows changed.
    private static int Run(DbCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command.ExecuteNonQuery();
    }

    // A PostgreSQL connection that broke (server restart, network) failed its statement, and so its batch, which the
    // gateway retries: the retry reopens it here. SQLite's connection never breaks this way.
    private void EnsureOpen()
    {
        if (_connection.State == ConnectionState.Open) return;
        _connection.Close();
        _connection.Open();
        _dialect.AfterOpen(_connection, _name);
    }

    private void Locked(Action action) => Locked(() =>
    {
        action();
        return 0;
    });

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureOpen();
            return action();
        }
    }

    // A write transaction over the store's connection (SQLite: BEGIN IMMEDIATE); call inside Locked.
    private DbTransaction BeginWrite() => _dialect.BeginWrite(_connection);

    private int ExecuteNonQuery(string sql, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    // Within Locked, inside a write transaction: returns the rows changed.
    private int Exec(DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using DbCommand command = Command(sql, parameters);
        command.Transaction = transaction;
        return command.ExecuteNonQuery();
    }

    private long Scalar(string sql) => Locked(() =>
    {
        using DbCommand command = Command(sql, []);
        return Convert.ToInt64(command.ExecuteScalar());
    });

    private List<T> ReadRows<T>(string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> map) => Locked(() =>
    {
        using DbCommand command = Command(sql, parameters);
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    });

    // Parameters the SQL does not name are left out: PostgreSQL rejects (or mistypes) a parameter it never sees.
    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        DbCommand command = _connection.CreateCommand();
        command.CommandText = _dialect.Sql(sql);
        foreach ((string name, object? value) in parameters)
        {
            if (!UsesParameter(sql, name)) continue;
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = _dialect.ParameterName(name);
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static bool UsesParameter(string sql, string name)
    {
        for (int at = sql.IndexOf(name, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            int end = at + name.Length;
            if (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) return true;
        }
        return false;
    }

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static long? NullableInt64(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    // INTEGER is 64-bit in both databases (BIGINT on PostgreSQL, whose reader will not narrow it): read as long, then narrow.
    private static int? NullableInt32(DbDataReader r, int i) => r.IsDBNull(i) ? null : Int32(r, i);
    private static int Int32(DbDataReader r, int i) => checked((int)r.GetInt64(i));
    private static double? NullableDouble(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
