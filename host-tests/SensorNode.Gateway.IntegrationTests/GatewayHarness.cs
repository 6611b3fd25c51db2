using System.Diagnostics;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests;

/// <summary>A temp folder with the gateway's SQLite file, gateway options for a test broker, and bounded waiting.</summary>
public sealed class GatewayHarness : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sensornode-gw-test-").FullName;

    /// <summary>The SQLite file all stores of this test share.</summary>
    public string DatabasePath => Path.Combine(_folder, "gateway.db");

    /// <summary>Options for a gateway instance on the broker at <paramref name="port"/>: small batches, fast reconnects.</summary>
    public static GatewayOptions Options(int port, string clientId, string group = "test") => new()
    {
        Host = "127.0.0.1", Port = port, ClientId = clientId, Group = group,
        BatchMaxMessages = 100, BatchMaxMilliseconds = 5, ReconnectDelayMilliseconds = 100,
    };

    /// <summary>Polls <paramref name="condition"/> every 20 ms for at most <paramref name="timeoutMilliseconds"/>; false on timeout.</summary>
    public static bool WaitUntil(Func<bool> condition, int timeoutMilliseconds)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMilliseconds) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
