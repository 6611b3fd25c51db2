using System.Data.Common;
using Npgsql;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.Tests.Storage;

/// <summary>
/// One fresh, empty database of one kind for a contract test (<see cref="StoreBackends"/>): a SQLite file in a temp
/// folder, or a new database on the test run's private PostgreSQL server (<see cref="SharedPostgres"/>). Dropped on dispose.
/// </summary>
public abstract class StoreBackend : IDisposable
{
    /// <summary>The --db of this database.</summary>
    public abstract string Db { get; }

    /// <summary>A store on this database (several may be open at once, as several gateways would).</summary>
    public ReadingStore Open(string building = "") => ReadingStore.Open(Db, building);

    /// <summary>Runs a scalar query on a separate raw connection (to look at tables the store API does not expose).</summary>
    public long Scalar(string sql)
    {
        using DbConnection connection = Connect();
        connection.Open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    protected abstract DbConnection Connect();

    /// <summary>A fresh database of <paramref name="kind"/> ("SQLite" or "PostgreSQL").</summary>
    public static StoreBackend Create(string kind) => kind switch
    {
        "SQLite" => new SqliteBackend(),
        "PostgreSQL" => new PostgresBackend(),
        _ => throw new ArgumentException($"unknown store kind {kind}"),
    };

    public abstract void Dispose();

    private sealed class SqliteBackend : StoreBackend
    {
        private readonly TempDatabase _file = new();

        public override string Db => _file.Path;

        protected override DbConnection Connect() => new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file.Path};Pooling=False");

        public override void Dispose() => _file.Dispose();
    }

    private sealed class PostgresBackend : StoreBackend
    {
        private readonly string _name = "t_" + Guid.NewGuid().ToString("N");

        public PostgresBackend() => SharedPostgres.Execute($"CREATE DATABASE {_name}");

        public override string Db => SharedPostgres.Server.Url(_name);

        protected override DbConnection Connect() => new NpgsqlConnection($"Host=127.0.0.1;Port={SharedPostgres.Server.Port};Username={PostgresServer.User};Database={_name};Pooling=false");

        public override void Dispose() => SharedPostgres.Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }
}

/// <summary>The store kinds every contract test runs against (xUnit MemberData): SQLite, and PostgreSQL when installed.</summary>
public static class StoreBackends
{
    public static TheoryData<string> All
    {
        get
        {
            var kinds = new TheoryData<string> { "SQLite" };
            if (PostgresServer.FindBin() != null) kinds.Add("PostgreSQL");
            return kinds;
        }
    }
}

/// <summary>
/// The test run's one PostgreSQL server, started on first use (initdb and start take a few seconds; each test gets
/// its own database on it) and stopped at process exit.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<PostgresServer> Lazy = new(() =>
        PostgresServer.TryStart(out string reason) ?? throw new InvalidOperationException($"PostgreSQL is installed but did not start: {reason}"));

    public static PostgresServer Server => Lazy.Value;

    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Server.Port};Username={PostgresServer.User};Database=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Says why the PostgreSQL half of the contract tests did not run: skipped, with the reason, when PostgreSQL is not
/// installed (tools/test-all.sh installs it; under CI=true a skip fails the run).
/// </summary>
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (PostgresServer.FindBin() == null) Skip = "PostgreSQL is not installed (/usr/lib/postgresql/*/bin; apt-get install postgresql, or run tools/test-all.sh): the store's contract tests ran on SQLite only";
    }
}
