using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Gateway.Service;
using SensorNode.Simulation;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>(a) Simulated nodes running the real core publish through mosquitto into the gateway's SQLite.</summary>
public class SimulatedNodeStorageTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC

    private static SimulatedNode TransmittingNode(string nodeId, int seed)
    {
        var node = new SimulatedNode(new NodeConfig { NodeId = nodeId }, Start, seed);
        var action = new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = false, Transmit = true };
        byte[] codes = Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray();
        byte[] table = PolicyTable.FromActionCodes(7, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
        return node;
    }

    [RequiresMosquittoFact]
    public async Task SimulatedNodes_AcrossABrokerRestart_EveryReadingStoredExactlyOnce()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        // A plain subscription: mosquitto 2.0 does not restore shared subscriptions from its persistence file, so a
        // shared one misses what nodes publish between the restart and the gateway's resubscribe (docs/gateway-service.md).
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-a") with { Group = null }, store);

        SimulatedNode[] nodes = Enumerable.Range(1, 3).Select(i => TransmittingNode($"sim-{i}", i)).ToArray();
        var sessions = nodes.Select(_ => new RealBrokerSession(BrokerUrl.Parse($"mqtt://127.0.0.1:{harness.Port}"))).ToArray();
        for (int i = 0; i < nodes.Length; i++) nodes[i].ReplaceMqtt(sessions[i]);
        var last = new WakeReport[nodes.Length];
        void Round()
        {
            for (int i = 0; i < nodes.Length; i++)
            {
                last[i] = nodes[i].Wake(WakeCause.Timer);
                nodes[i].SleepFor(last[i].Plan.SleepSeconds * 1000L);
            }
        }

        for (int round = 0; round < 6; round++) Round();
        // Graceful restart: the broker saves the gateway's session (subscriptions, in-flight and queued messages).
        harness.Broker.Restart();
        for (int round = 0; round < 6; round++) Round();
        // Readings not acknowledged during the restart are still in the nodes' logs: later wakes send them.
        for (int round = 0; round < 5 && last.Any(r => r.Backlog > 0); round++) Round();

        Assert.All(last, report => Assert.Equal(0, report.Backlog));
        long expected = last.Sum(r => (long)r.Sequence);
        Assert.True(GatewayHarness.WaitUntil(() => store.ReadingCount() >= expected, 20_000), $"stored {store.ReadingCount()} of {expected}; {gateway.Counters}");
        for (int i = 0; i < nodes.Length; i++)
        {
            uint[] sequences = store.Query(nodes[i].Config.NodeId).Select(r => r.Sequence).OrderBy(s => s).ToArray();
            Assert.Equal(Enumerable.Range(1, (int)last[i].Sequence).Select(s => (uint)s), sequences); // none lost, none twice
        }
        Assert.Equal(expected, store.ReadingCount());
        Assert.True(gateway.Counters.Reconnects >= 1, "the gateway should have reconnected after the restart");
        Assert.Equal(0, gateway.Counters.DeadLettered);
        foreach (RealBrokerSession session in sessions) session.Dispose();
    }
}
