using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>(b) Two gateway instances in one shared-subscription group, one SQLite file.</summary>
public class SharedSubscriptionTests
{
    [RequiresMosquittoFact]
    public async Task TwoGateways_InOneGroup_SplitTheStream_AndStoreEachReadingOnce()
    {
        const int messages = 2000;
        await using var harness = new GatewayHarness();
        ReadingStore storeA = harness.OpenStore();
        ReadingStore storeB = harness.OpenStore();
        GatewayService a = await harness.StartGatewayAsync(harness.Options("gw-b1", "pair"), storeA);
        GatewayService b = await harness.StartGatewayAsync(harness.Options("gw-b2", "pair"), storeB);

        await using (QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", harness.Port, "pub-b"))
        {
            var acks = new List<Task<bool>>();
            for (int m = 0; m < messages; m++)
            {
                string node = $"node-{m % 10}";
                acks.Add(await publisher.StartPublishAsync($"sensornode/{node}/state", SenmlPacks.Encode(node, (uint)(m / 10 + 1), 1, 1_767_225_600)));
            }
            Assert.All(await Task.WhenAll(acks), Assert.True);
        }

        // The counters move just after the commit the store shows: wait for both.
        Assert.True(GatewayHarness.WaitUntil(() => storeA.ReadingCount() >= messages && a.Counters.Stored + b.Counters.Stored >= messages, 30_000),
            $"A: {a.Counters}; B: {b.Counters}");
        Assert.True(a.Counters.Stored > 0, $"A stored nothing: {a.Counters}");
        Assert.True(b.Counters.Stored > 0, $"B stored nothing: {b.Counters}");
        Assert.Equal(messages, a.Counters.Received + b.Counters.Received);      // each message went to one instance
        Assert.Equal(messages, a.Counters.Stored + b.Counters.Stored);
        Assert.Equal(0, a.Counters.Duplicates + b.Counters.Duplicates);
        Assert.Equal(messages, storeA.ReadingCount());
        Assert.Equal(messages, storeA.Query().Select(r => (r.NodeId, r.Sequence)).Distinct().Count());
    }
}
