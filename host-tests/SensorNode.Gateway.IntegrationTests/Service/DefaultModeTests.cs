using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 10, item 2: the default mode (no group) loses nothing through a broker restart; a group's departed instance
/// (a ghost that keeps its share queued) is retired with <see cref="GatewayService.DrainAsync"/> without loss.
/// </summary>
public class DefaultModeTests
{
    private static async Task PublishAsync(int port, string clientId, string node, uint firstSeq, int messages)
    {
        await using QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", port, clientId);
        var acks = new List<Task<bool>>();
        for (int m = 0; m < messages; m++)
            acks.Add(await publisher.StartPublishAsync($"sensornode/{node}/state", SenmlPacks.Encode(node, firstSeq + (uint)m, 1, 1_767_225_600)));
        Assert.All(await Task.WhenAll(acks), Assert.True); // every one acknowledged by the broker
    }

    [RequiresMosquittoFact]
    public async Task DefaultOptions_StoreEveryReading_PublishedRightAfterABrokerRestart()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        // The defaults, with a reconnect slow enough that the publishes below all land before the resubscribe.
        var options = new GatewayOptions { Host = "127.0.0.1", Port = harness.Port, ClientId = "gw-default", ReconnectDelayMilliseconds = 1500 };
        GatewayService gateway = await harness.StartGatewayAsync(options, store);

        harness.Broker.Restart();
        await PublishAsync(harness.Port, "pub-restart", "node-r", 1, 200);

        Assert.True(GatewayHarness.WaitUntil(() => store.ReadingCount() == 200, 20_000), $"{store.ReadingCount()} of 200 stored; {gateway.Counters}");
        Assert.Null(options.Group);
    }

    [RequiresMosquittoFact]
    public async Task GroupGhost_DrainedWithItsClientId_HandsOverItsShare_AndStopsTakingOne()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        GatewayService ghost = await harness.StartGatewayAsync(harness.Options("gw-old", "grp"), harness.OpenStore());
        await ghost.StopAsync(); // departed; its session (and share) stays
        GatewayService current = await harness.StartGatewayAsync(harness.Options("gw-new", "grp"), store);

        await PublishAsync(harness.Port, "pub-ghost-1", "node-g", 1, 100);
        Assert.True(GatewayHarness.WaitUntil(() => current.Counters.Acknowledged + 0 >= 1 && store.ReadingCount() > 0, 10_000));
        Assert.True(store.ReadingCount() < 100, "the ghost took no share: the test does not show the problem");

        GatewayService drain = new(harness.Options("gw-old", "grp"), harness.OpenStore());
        await drain.StartAsync();
        await drain.DrainAsync(TimeSpan.FromMilliseconds(1000));
        await drain.DisposeAsync();
        Assert.True(GatewayHarness.WaitUntil(() => store.ReadingCount() == 100, 10_000), $"{store.ReadingCount()} of 100 after the drain");

        await PublishAsync(harness.Port, "pub-ghost-2", "node-g", 101, 100);
        Assert.True(GatewayHarness.WaitUntil(() => store.ReadingCount() == 200, 10_000), $"{store.ReadingCount()} of 200: the drained session still takes a share");
    }
}
