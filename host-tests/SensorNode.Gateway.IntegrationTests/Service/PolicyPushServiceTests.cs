using SensorNode.Cli;
using SensorNode.Core.Policy;
using SensorNode.Gateway.Policies;
using SensorNode.Gateway.Service;
using Xunit;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>A table queued by `policy push` goes out as the retained policy command, and the node's ack makes it the table in force.</summary>
public class PolicyPushServiceTests
{
    [RequiresMosquittoFact]
    public async Task PushedTable_IsReleasedAsThePolicyCommand_AndRecordedInForceOnTheAck()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        byte[] table = PolicyTable.FromActionCodes(1234, HeuristicPolicy.BuildActionCodes()).Serialize();
        long id = PolicyPusher.Queue(store, "node-p", table, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out string error);
        Assert.True(id > 0, error);
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-p") with { ReleaseAboveVolts = 4.0 }, store);

        MosquittoClients.Publish(harness.Port, "sensornode/node-p/state", SenmlPacks.Encode("node-p", 1, 1, 1_767_225_600, supercapMillivolts: 4100));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Released >= 1, 10_000), gateway.Counters.ToString());
        var command = Assert.Single(MosquittoClients.Subscribe(harness.Port, "sensornode/node-p/cmd/#", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds));
        Assert.Equal("sensornode/node-p/cmd/" + PolicyUpdate.CommandName, command.Topic);
        Assert.Null(store.PolicyInForce("node-p"));

        MosquittoClients.Publish(harness.Port, "sensornode/node-p/ack", id.ToString());
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.CommandAcks >= 1, 10_000), gateway.Counters.ToString());

        ReadingStore.NodePolicy inForce = store.PolicyInForce("node-p")!;
        Assert.Equal((id, 1234u), (inForce.CommandId, inForce.TableVersion));
        Assert.Equal(ReadingStore.PolicyApplied, Assert.Single(store.PolicyPushes("node-p")).Outcome);
    }

    [RequiresMosquittoFact]
    public async Task ANodeNamingAnotherTable_IsLogged_AndStored_TheSameTableAgainIsNot()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var gateway = new GatewayService(harness.Options("gw-v"), store, log: log.Enqueue);
        await gateway.StartAsync();

        // The table it runs, the same again, then the built-in one (its flash was rewritten): no ack says any of it.
        // One at a time: a batch of several is folded to its newest word, as the store keeps it.
        uint[] versions = [10_123, 10_123, 101];
        for (int i = 0; i < versions.Length; i++)
        {
            MosquittoClients.Publish(harness.Port, "sensornode/node-v/state", SenmlPacks.Encode("node-v", (uint)i + 1, 1, 1_767_225_600 + 600L * i, policyVersion: versions[i]));
            Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= i + 1, 10_000), gateway.Counters.ToString());
        }

        Assert.Equal(101u, store.GetNode("node-v")!.PolicyVersion);
        Assert.Equal(new[] { "node-v runs policy table version 10123", "node-v now runs policy table version 101 (was 10123)" },
            log.Where(line => line.Contains("policy table", StringComparison.Ordinal)).ToArray());
    }
}
