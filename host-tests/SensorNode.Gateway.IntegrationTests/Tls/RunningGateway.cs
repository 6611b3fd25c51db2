using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>A started <see cref="GatewayService"/> over its own SQLite file; stopped and closed on dispose.</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private RunningGateway(ReadingStore store, GatewayService service)
    {
        Store = store;
        Service = service;
    }

    public ReadingStore Store { get; }

    public GatewayService Service { get; }

    /// <summary>Opens gateway.db in <paramref name="folder"/> and starts a gateway with <paramref name="options"/> on it.</summary>
    public static async Task<RunningGateway> StartAsync(GatewayOptions options, string folder)
    {
        ReadingStore store = ReadingStore.Open(Path.Combine(folder, "gateway.db"));
        var service = new GatewayService(options, store);
        var running = new RunningGateway(store, service);
        try
        {
            await service.StartAsync();
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="nodeId"/> has <paramref name="count"/> stored readings; false on timeout.</summary>
    public bool WaitForReadings(string nodeId, int count, int timeoutMilliseconds) =>
        GatewayHarness.WaitUntil(() => Store.Query(nodeId).Count == count, timeoutMilliseconds);

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Store.Dispose();
    }
}
