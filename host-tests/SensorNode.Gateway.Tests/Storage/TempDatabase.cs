using Microsoft.Data.Sqlite;

namespace SensorNode.Gateway.Tests.Storage;

/// <summary>A database file in a fresh temporary folder, deleted with the folder on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sensornode-gateway-").FullName;

    internal string Path => System.IO.Path.Combine(_folder, "gateway.db");

    internal ReadingStore Open() => ReadingStore.Open(Path);

    /// <summary>Runs a scalar query on a separate raw connection (to look at tables the store API does not expose).</summary>
    internal long Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        using var command = new SqliteCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
