using System.Diagnostics;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests;

/// <summary>
/// One test's world: its own <see cref="PersistentBroker"/>, a temp folder with the SQLite file, and the stores and
/// gateways opened through it, all stopped and removed on dispose.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sensornode-gw-test-").FullName;
    private readonly List<ReadingStore> _stores = new();
    private readonly List<GatewayService> _gateways = new();

    /// <summary>The test's broker.</summary>
    public PersistentBroker Broker { get; } = PersistentBroker.Launch();

    /// <summary>The broker's loopback port.</summary>
    public int Port => Broker.Port;

    /// <summary>The SQLite file all stores of this test share.</summary>
    public string DatabasePath => Path.Combine(_folder, "gateway.db");

    /// <summary>Gateway options for this broker: small batches, fast reconnects.</summary>
    public GatewayOptions Options(string clientId, string? group = null) => new()
    {
        Host = "127.0.0.1", Port = Port, ClientId = clientId, Group = group,
        BatchMaxMessages = 100, BatchMaxMilliseconds = 5, ReconnectDelayMilliseconds = 100,
    };

    /// <summary>Another store on the shared SQLite file (several may be open, as several gateway processes would).</summary>
    public ReadingStore OpenStore()
    {
        ReadingStore store = ReadingStore.Open(DatabasePath);
        _stores.Add(store);
        return store;
    }

    /// <summary>A store on <paramref name="db"/> (e.g. a shared PostgreSQL) writing for <paramref name="building"/>, closed with the harness.</summary>
    public ReadingStore OpenStore(string db, string building)
    {
        ReadingStore store = ReadingStore.Open(db, building);
        _stores.Add(store);
        return store;
    }

    /// <summary>A started gateway with <paramref name="options"/> over <paramref name="store"/>.</summary>
    public async Task<GatewayService> StartGatewayAsync(GatewayOptions options, ReadingStore store)
    {
        var gateway = new GatewayService(options, store);
        _gateways.Add(gateway);
        await gateway.StartAsync();
        return gateway;
    }

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

    public async ValueTask DisposeAsync()
    {
        foreach (GatewayService gateway in _gateways) await gateway.DisposeAsync();
        foreach (ReadingStore store in _stores) store.Dispose();
        Broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
