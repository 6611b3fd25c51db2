using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>(e) A gateway stopped mid-stream loses nothing: what it acknowledged is stored, the rest waits in its session.</summary>
public class GracefulShutdownTests
{
    [RequiresMosquittoFact]
    public async Task StopMidStream_ThenRestart_EverythingAcknowledgedIsStored_AndTheRestArrivesAfterwards()
    {
        const int messages = 3000;
        await using var harness = new GatewayHarness();
        ReadingStore storeA = harness.OpenStore();
        var first = new GatewayService(harness.Options("gw-e"), storeA); // stopped by hand mid-stream
        var committed = new HashSet<(string, uint)>();
        first.BatchCommitted += (packs, _) => { lock (committed) foreach (var p in packs) foreach (var r in p.Readings) committed.Add((p.NodeId, r.Sequence)); };
        await first.StartAsync();

        await using QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", harness.Port, "pub-e");
        var acks = new List<Task<bool>>();
        for (int m = 0; m < messages; m++)
        {
            string node = $"node-{m % 30}";
            acks.Add(await publisher.StartPublishAsync($"sensornode/{node}/state", SenmlPacks.Encode(node, (uint)(m / 30 + 1), 1, 1_767_225_600)));
            if (m == messages / 3)
            {
                // Mid-stream: wait until the gateway is busy, then stop it while the publisher keeps going.
                Assert.True(GatewayHarness.WaitUntil(() => first.Counters.Stored > 200, 10_000), first.Counters.ToString());
                await first.DisposeAsync();
            }
            if (m % 50 == 0) await Task.Delay(1);
        }
        Assert.All(await Task.WhenAll(acks), Assert.True);

        // Everything the first instance acknowledged had been committed before its PUBACK.
        Assert.True(first.Counters.Acknowledged < messages, "stopped too late to test anything");
        Assert.Equal(first.Counters.Stored, storeA.ReadingCount());
        Assert.All(committed, key => Assert.Contains(storeA.Query(key.Item1), r => r.Sequence == key.Item2));

        ReadingStore storeB = harness.OpenStore();
        GatewayService second = await harness.StartGatewayAsync(harness.Options("gw-e"), storeB);
        Assert.True(GatewayHarness.WaitUntil(() => storeB.ReadingCount() >= messages, 30_000), $"stored {storeB.ReadingCount()}; {second.Counters}");
        Assert.Equal(messages, storeB.ReadingCount());
        Assert.Equal(messages, storeB.Query().Select(r => (r.NodeId, r.Sequence)).Distinct().Count());
        Assert.True(second.Counters.Received > 0);
    }
}
