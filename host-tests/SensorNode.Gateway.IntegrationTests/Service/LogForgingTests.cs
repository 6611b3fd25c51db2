using System.Collections.Concurrent;
using System.Text;
using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 10, item 7: a node's ack text reaches the log only after the ack is validated, escaped (no forged lines, no
/// terminal escapes) and cut (no 1 MB lines).
/// </summary>
public class LogForgingTests
{
    private const string Forged = "bad-table\n2026-12-02T00:00:00Z gateway: stopped; 0 readings, 0 dead letters (FORGED LINE)\u001b[31m";

    [RequiresMosquittoFact]
    public async Task RejectedAck_IsLoggedEscapedAndCut_AndAnUnknownCommandsText_IsNotLoggedAtAll()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        long id = store.EnqueueCommand("av-10", "interval", Encoding.ASCII.GetBytes("600"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var lines = new ConcurrentQueue<string>();
        await using var gateway = new GatewayService(harness.Options("gw-log"), store, log: lines.Enqueue);
        await gateway.StartAsync();
        MosquittoClients.Publish(harness.Port, "sensornode/av-10/state", SenmlPacks.Encode("av-10", 1, 1, 1_767_225_600));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Released == 1, 10_000), gateway.Counters.ToString());

        MosquittoClients.Publish(harness.Port, "sensornode/av-10/ack", $"{id + 100} rejected {Forged}");              // no such command
        MosquittoClients.Publish(harness.Port, "sensornode/av-10/ack", $"{id} rejected {Forged}{new string('x', 300)}");
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.CommandAcks == 1 && gateway.Counters.DeadLettered == 1, 10_000), gateway.Counters.ToString());

        string[] log = lines.ToArray();
        Assert.All(log, line => Assert.DoesNotContain(line, c => char.IsControl(c)));
        Assert.All(log, line => Assert.True(line.Length < 600, $"a {line.Length}-char log line"));
        string rejected = Assert.Single(log, line => line.Contains("rejected command", StringComparison.Ordinal));
        Assert.StartsWith($"node av-10 rejected command {id}: bad-table\\x0A2026-12-02T00:00:00Z gateway: stopped", rejected);
        Assert.Contains("\\x1B[31m", rejected);
        Assert.EndsWith("chars)", rejected);
        Assert.DoesNotContain(log, line => line.Contains((id + 100).ToString() + ":", StringComparison.Ordinal));
    }
}
