using MQTTnet;
using MQTTnet.Protocol;
using SensorNode.Cli;
using SensorNode.Gateway.Service;
using Xunit.Abstractions;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 10, item 3: QoS 0 bypasses Receive Maximum. A QoS 0 flood while the store is stalled must stay within the
/// gateway's QoS 0 bound (dropped and counted beyond it), and the QoS 1 message behind the flood is still stored.
/// </summary>
public class BoundedMemoryTests(ITestOutputHelper output)
{
    [RequiresMosquittoFact]
    public async Task Qos0Flood_WhileTheStoreIsStalled_StaysWithinTheQueueBound_AndQos1BehindItIsStored()
    {
        const int floodMessages = 2000;
        const int floodBytes = 60_000;
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        GatewayOptions options = harness.Options("gw-flood") with { MaxQueuedQos0Bytes = 8L << 20 };
        GatewayService gateway = await harness.StartGatewayAsync(options, store);
        using var stalled = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        gateway.BatchCommitted += (_, _) => { stalled.Set(); release.Wait(); };   // the store is slow: the consumer waits here
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);

        using IMqttClient flood = new MqttClientFactory().CreateMqttClient();
        await flood.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", harness.Port).WithClientId("flood").Build());
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await flood.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sensornode/node-f/state")
            .WithPayload(SenmlPacks.Encode("node-f", 1, 1, now)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(stalled.Wait(10_000), "the first batch never committed");
        byte[] junk = new byte[floodBytes];
        Array.Fill(junk, (byte)'x');
        for (int i = 0; i < floodMessages; i++)
        {
            await flood.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"sensornode/flood-{i % 100}/state").WithPayload(junk)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());
        }
        // On the same connection, so the broker delivers it after the whole flood.
        await flood.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("sensornode/node-f/state")
            .WithPayload(SenmlPacks.Encode("node-f", 2, 1, now)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.DroppedQos0 > floodMessages / 2 && gateway.Counters.QueuedBytes > 0, 30_000), gateway.Counters.ToString());
        long managedPeak = GC.GetTotalMemory(forceFullCollection: false);
        release.Set();

        Assert.True(GatewayHarness.WaitUntil(() => store.Query("node-f").Count == 2, 30_000), gateway.Counters.ToString());
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Received + gateway.Counters.DroppedQos0 == floodMessages + 2, 10_000), gateway.Counters.ToString());
        // The bound: the QoS 0 budget plus the two small QoS 1 packs.
        Assert.InRange(gateway.Counters.PeakQueuedBytes, 1, options.MaxQueuedQos0Bytes + 2 * 1024);
        output.WriteLine($"flood {floodMessages} x {floodBytes} B QoS 0: peak queued {gateway.Counters.PeakQueuedBytes} B, dropped {gateway.Counters.DroppedQos0}, " +
            $"managed heap {managedBefore / 1048576} MB -> {managedPeak / 1048576} MB while stalled; {gateway.Counters}");
        await flood.DisconnectAsync();
    }
}
