using SensorNode.Cli;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Many buildings, one manager (docs/scale.md): two buildings, each with its own mosquitto and a shared-subscription
/// group of two gateway instances, all storing into one PostgreSQL, which restarts while the nodes publish.
/// </summary>
public class TwoBuildingsOnePostgresTests
{
    private const int MessagesPerBuilding = 1200;
    private const int NodesPerBuilding = 10;

    [RequiresPostgresFact]
    public async Task TwoBuildings_TwoInstancesEach_OnePostgres_RestartedMidStream_NothingLostNothingDuplicated()
    {
        using PostgresServer postgres = PostgresServer.TryStart(out string reason) ?? throw new InvalidOperationException(reason);
        string db = postgres.Url();
        await using var north = new GatewayHarness();
        await using var south = new GatewayHarness();
        var gateways = new List<GatewayService>();
        foreach ((GatewayHarness harness, string building) in new[] { (north, "north"), (south, "south") })
        {
            for (int instance = 1; instance <= 2; instance++)
            {
                // Each instance has its own connection: the restart breaks all four, and each must come back by itself.
                ReadingStore store = harness.OpenStore(db, building);
                GatewayOptions options = harness.Options($"gw-{building}-{instance}", building) with { StoreRetryBaseMilliseconds = 100, MaxConsecutiveStoreFailures = 40 };
                gateways.Add(await harness.StartGatewayAsync(options, store));
            }
        }

        // Both buildings publish at about 400 messages/s each; half-way through, the database goes away for a second.
        Task<bool[]> northSent = PublishAsync(north, "north");
        Task<bool[]> southSent = PublishAsync(south, "south");
        Assert.True(GatewayHarness.WaitUntil(() => gateways.Sum(g => g.Counters.Received) >= MessagesPerBuilding, 30_000), "half the stream never arrived");
        postgres.Stop();
        await Task.Delay(1000);
        postgres.Start();
        Assert.All(await northSent, Assert.True);
        Assert.All(await southSent, Assert.True);

        using ReadingStore portfolio = ReadingStore.Open(db);
        Assert.True(GatewayHarness.WaitUntil(() => portfolio.ReadingCount() >= 2 * MessagesPerBuilding, 60_000),
            $"stored {portfolio.ReadingCount()} of {2 * MessagesPerBuilding}; {string.Join("; ", gateways.Select(g => g.Counters.ToString()))}");
        Thread.Sleep(500); // anything still arriving would be a duplicate attempt: let it land before counting

        IReadOnlyList<StoredReading> all = portfolio.Query();
        Assert.Equal(2 * MessagesPerBuilding, all.Count);
        Assert.Equal(all.Count, all.Select(r => (r.NodeId, r.Sequence)).Distinct().Count());
        using ReadingStore northView = ReadingStore.Open(db, "north");
        Assert.Equal(MessagesPerBuilding, northView.Query().Count);
        Assert.All(northView.Query(), r => Assert.StartsWith("north-", r.NodeId, StringComparison.Ordinal));
        Assert.Equal(2 * NodesPerBuilding, portfolio.Nodes().Count);
        // The restart was mid-stream: some batch failed and was redelivered, and every instance took part.
        Assert.True(gateways.Sum(g => g.Counters.FailedBatches) > 0, "no batch failed: the restart was not mid-stream");
        Assert.All(gateways, g => Assert.True(g.Counters.Stored > 0, $"an instance stored nothing: {g.Counters}"));
    }

    private static async Task<bool[]> PublishAsync(GatewayHarness harness, string building)
    {
        await using QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", harness.Port, $"pub-{building}");
        var acks = new List<Task<bool>>();
        for (int m = 0; m < MessagesPerBuilding; m++)
        {
            string node = $"{building}-node-{m % NodesPerBuilding}";
            acks.Add(await publisher.StartPublishAsync($"sensornode/{node}/state", SenmlPacks.Encode(node, (uint)(m / NodesPerBuilding + 1), 1, 1_767_225_600)));
            if (m % 20 == 19) await Task.Delay(50);
        }
        return await Task.WhenAll(acks);
    }
}
