using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>Issue 10, item 8: messages on topics whose node level breaks the node-id rule are dead-lettered, not dropped without a trace.</summary>
public class InvalidNodeIdTopicTests
{
    [RequiresMosquittoFact]
    public async Task MessagesOnInvalidNodeIdTopics_AreDeadLetteredWithTheRule_AndNothingIsStored()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-ids"), store);
        string[] nodes = ["a'b;drop table readings;--", "nöde", "a\\b", new string('x', 33), "NODE-UP", "a.b", "a_b", ".."];
        byte[] pack = SenmlPacks.Encode("node-ok", 1, 1, 1_767_225_600);

        foreach (string node in nodes) MosquittoClients.Publish(harness.Port, $"sensornode/{node}/state", pack);
        MosquittoClients.Publish(harness.Port, "sensornode/NODE-UP/availability", "sleeping:60");
        MosquittoClients.Publish(harness.Port, "sensornode/a.b/ack", "1");

        Assert.True(GatewayHarness.WaitUntil(() => store.DeadLetterCount() == nodes.Length + 2, 10_000), $"{store.DeadLetterCount()} dead letters; {gateway.Counters}");
        Assert.All(store.DeadLetters(), d => Assert.Contains("node-id rule (1..32 characters from a-z, 0-9 and '-')", d.Reason));
        Assert.Equal(0, store.ReadingCount());
        Assert.Empty(store.Nodes());
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged == nodes.Length + 2, 5_000), gateway.Counters.ToString());
    }
}
