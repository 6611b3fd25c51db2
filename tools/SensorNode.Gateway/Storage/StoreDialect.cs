using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SensorNode.Gateway;

/// <summary>
/// What differs between the store's two databases, so that the store's SQL (and every migration of
/// <see cref="StoreSchema"/>) is written once, in SQLite's spelling with portable constructs, and runs on both:
/// SQLite (the default: one file per building) and PostgreSQL (many buildings' gateways in one database, docs/scale.md).
/// On PostgreSQL the text is rewritten: <c>$name</c> parameters become <c>@name</c>, SQLite's column types become
/// PostgreSQL's (INTEGER is 64-bit in SQLite, so BIGINT), <c>INTEGER PRIMARY KEY</c> becomes an identity column,
/// <c>WITHOUT ROWID</c> goes, the two-argument scalars <c>max(a, b)</c> and <c>min(a, b)</c> become <c>greatest</c> and <c>least</c> and
/// <c>INSERT OR IGNORE</c> becomes <c>ON CONFLICT DO NOTHING</c>.
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>The database's name in messages: "SQLite" or "PostgreSQL".</summary>
    internal abstract string Name { get; }

    /// <summary>True for a URL the PostgreSQL store takes: postgres://... or postgresql://...</summary>
    internal static bool IsPostgresUrl(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dialect for <c>--db</c>: PostgreSQL for a postgres:// URL, else SQLite (a file or a connection string).</summary>
    internal static StoreDialect For(string db) => IsPostgresUrl(db) ? new PostgresDialect() : new SqliteDialect();

    /// <summary>A new, unopened connection to <paramref name="db"/>.</summary>
    internal abstract DbConnection Connect(string db);

    /// <summary>The statement text for this database.</summary>
    internal abstract string Sql(string portable);

    /// <summary>The parameter name for this database (<c>$node</c> in the store's SQL).</summary>
    internal abstract string ParameterName(string portable);

    /// <summary>A write transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE, so a second writer waits rather than failing at commit).</summary>
    internal abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Settings after each open (SQLite: busy timeout, WAL journal, quick check).</summary>
    internal abstract void AfterOpen(DbConnection connection, string name);

    /// <summary>
    /// Within <paramref name="transaction"/>: serialises concurrent migrations (two gateways starting on a fresh
    /// database) and returns the database's schema version (0 when new).
    /// </summary>
    internal abstract int LockAndReadVersion(DbConnection connection, DbTransaction transaction);

    /// <summary>Records <paramref name="version"/> within <paramref name="transaction"/>.</summary>
    internal abstract void WriteVersion(DbConnection connection, DbTransaction transaction, int version);

    /// <summary>
    /// True when a batch's statements are joined into one command, its multi-row inserts from one array parameter a
    /// column (PostgreSQL: every command is a round trip); false when each is a prepared statement kept by the store and
    /// run once a row (SQLite: in process, and slow to bind many parameters). See ReadingStore.Batch.
    /// </summary>
    internal abstract bool JoinsStatements { get; }

    internal static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static object? ScalarValue(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}

/// <summary>SQLite through Microsoft.Data.Sqlite: the store's SQL as written; schema version in PRAGMA user_version.</summary>
internal sealed class SqliteDialect : StoreDialect
{
    internal override string Name => "SQLite";

    internal override bool JoinsStatements => false;

    internal override DbConnection Connect(string db) => new SqliteConnection(db.Contains('=')
        ? db
        : new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());

    internal override string Sql(string portable) => portable;

    internal override string ParameterName(string portable) => portable;

    internal override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    internal override void AfterOpen(DbConnection connection, string name)
    {
        Execute(connection, null, $"PRAGMA busy_timeout = {ReadingStore.BusyTimeoutMilliseconds};");
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        // A corrupt page is found at open, not as an endless loop of failed batches later (SQLite's quick_check: every
        // page and record is read, indexes are not cross-checked; seconds per GB).
        string result = Convert.ToString(ScalarValue(connection, null, "PRAGMA quick_check(1);")) ?? "";
        if (result != "ok") throw new InvalidOperationException($"database {name} is damaged (quick_check: {SenmlDecoder.OneLine(result)})");
    }

    // BEGIN IMMEDIATE already holds the write lock: the second gateway on a fresh file waits here and sees the first's version.
    internal override int LockAndReadVersion(DbConnection connection, DbTransaction transaction) =>
        Convert.ToInt32(ScalarValue(connection, transaction, "PRAGMA user_version;"));

    internal override void WriteVersion(DbConnection connection, DbTransaction transaction, int version) =>
        Execute(connection, transaction, $"PRAGMA user_version = {version};");
}

/// <summary>
/// PostgreSQL through Npgsql: the store's SQL rewritten (see <see cref="StoreDialect"/>); schema version in the table
/// sensornode_schema; migrations serialised by a transaction-scoped advisory lock.
/// </summary>
internal sealed partial class PostgresDialect : StoreDialect
{
    // Any constant: the lock only has to be the same for every gateway migrating this database.
    private const long MigrationLockKey = 0x53_4E_53_43_48_45_4D_41; // "SNSCHEMA"

    internal override string Name => "PostgreSQL";

    // Measured with `gateway bench --per-message 8` (docs/scale.md): 1,000-row VALUES lists with one parameter a value
    // spent 161 ms of a 3,125-reading batch in the inserts (the gateway stored 75-81 % of SQLite's readings/s); column
    // arrays 63 ms.
    internal override bool JoinsStatements => true;

    /// <summary>
    /// The Npgsql connection string of postgres://[user[:password]@]host[:port]/database[?key=value&amp;...] (query keys
    /// are Npgsql connection-string keywords, e.g. sslmode=require). Throws <see cref="ArgumentException"/> naming the problem.
    /// </summary>
    internal static string ConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
            throw new ArgumentException($"--db {url}: expected postgres://[user[:password]@]host[:port]/database");
        string database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0 || database.Contains('/')) throw new ArgumentException($"--db {url}: the URL names no database (postgres://host/DATABASE)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            // One connection per store (statements share it under the store's lock): no pool to keep a dead one.
            Pooling = false,
            Timeout = 15,
            CommandTimeout = ReadingStore.BusyTimeoutMilliseconds / 1000,
        };
        string[] userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"--db {url}: query key '{kv[0]}': {e.Message}");
            }
        }
        return builder.ToString();
    }

    internal override DbConnection Connect(string db) => new NpgsqlConnection(ConnectionString(db));

    internal override string Sql(string portable)
    {
        string sql = Parameter().Replace(portable, "@$1");
        sql = IntegerKey().Replace(sql, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
        sql = WithoutRowid().Replace(sql, ")");
        sql = IntegerType().Replace(sql, "BIGINT");
        sql = RealType().Replace(sql, "DOUBLE PRECISION");
        sql = BlobType().Replace(sql, "BYTEA");
        sql = ScalarMax().Replace(sql, "greatest($1,$2)");
        sql = ScalarMin().Replace(sql, "least($1,$2)");
        if (InsertOrIgnore().IsMatch(sql))
        {
            sql = InsertOrIgnore().Replace(sql, "INSERT INTO").TrimEnd().TrimEnd(';') + " ON CONFLICT DO NOTHING";
        }
        return sql;
    }

    internal override string ParameterName(string portable) => portable.TrimStart('$', '@', ':');

    internal override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    internal override void AfterOpen(DbConnection connection, string name)
    {
    }

    internal override int LockAndReadVersion(DbConnection connection, DbTransaction transaction)
    {
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS sensornode_schema (version BIGINT NOT NULL)");
        object? version = ScalarValue(connection, transaction, "SELECT max(version) FROM sensornode_schema");
        return version is null or DBNull ? 0 : Convert.ToInt32(version);
    }

    internal override void WriteVersion(DbConnection connection, DbTransaction transaction, int version)
    {
        Execute(connection, transaction, "DELETE FROM sensornode_schema");
        Execute(connection, transaction, $"INSERT INTO sensornode_schema (version) VALUES ({version})");
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerKey();

    [GeneratedRegex(@"\)\s*WITHOUT\s+ROWID\b", RegexOptions.IgnoreCase)]
    private static partial Regex WithoutRowid();

    [GeneratedRegex(@"\bINTEGER\b", RegexOptions.IgnoreCase)]
    private static partial Regex IntegerType();

    [GeneratedRegex(@"\bREAL\b", RegexOptions.IgnoreCase)]
    private static partial Regex RealType();

    [GeneratedRegex(@"\bBLOB\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlobType();

    // Two arguments without nested parentheses: SQLite's scalar max; the aggregate max(x) has one and is left alone.
    [GeneratedRegex(@"\bmax\(([^(),]+),([^(),]+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ScalarMax();

    [GeneratedRegex(@"\bmin\(([^(),]+),([^(),]+)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ScalarMin();

    [GeneratedRegex(@"\bINSERT\s+OR\s+IGNORE\s+INTO\b", RegexOptions.IgnoreCase)]
    private static partial Regex InsertOrIgnore();
}
