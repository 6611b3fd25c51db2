using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 10, item 4: a gateway whose clock is behind rejects valid packs as "in the future". That rejection is
/// retryable: the pack is not acknowledged, the broker keeps it, and once the clock is right it is stored.
/// </summary>
public class RetryableRejectionTests
{
    [RequiresMosquittoFact]
    public async Task PackInTheFuture_OfAGatewayClockBehind_IsNotAcknowledged_AndIsStoredOnceTheClockIsRight()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        var clock = new ShiftedClock { Offset = TimeSpan.FromHours(-1) };
        GatewayOptions options = harness.Options("gw-clock") with { RetryDelayMilliseconds = 300 };
        await using var gateway = new GatewayService(options, store, clock);
        await gateway.StartAsync();

        MosquittoClients.Publish(harness.Port, "sensornode/clk-01/state", SenmlPacks.Encode("clk-01", 1, 8, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Deferred >= 2, 10_000), gateway.Counters.ToString()); // rejected, retried, rejected
        Assert.Equal(0, store.ReadingCount());
        Assert.Equal(0, store.DeadLetterCount());
        Assert.Equal(0, gateway.Counters.Acknowledged);

        clock.Offset = TimeSpan.Zero;
        Assert.True(GatewayHarness.WaitUntil(() => store.ReadingCount() == 8, 10_000), gateway.Counters.ToString());
        Assert.Equal(0, store.DeadLetterCount());
    }

    [RequiresMosquittoFact]
    public async Task PackRetriedLongerThanTheRetryPeriod_IsDeadLetteredWhole_AndReplayStoresIt()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        var clock = new ShiftedClock { Offset = TimeSpan.FromHours(-1) };
        GatewayOptions options = harness.Options("gw-clock2") with { RetryDelayMilliseconds = 300, RetryForSeconds = 0 };
        await using var gateway = new GatewayService(options, store, clock);
        await gateway.StartAsync();
        // Trailing whitespace is valid JSON: a pack of the size of a 16-reading one.
        byte[] pack = [.. SenmlPacks.Encode("clk-02", 1, 8, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), .. System.Text.Encoding.ASCII.GetBytes(new string(' ', 2500))];
        Assert.True(pack.Length > 4096, "the pack must be larger than the old 4 KiB dead-letter cut");

        MosquittoClients.Publish(harness.Port, "sensornode/clk-02/state", pack);
        Assert.True(GatewayHarness.WaitUntil(() => store.DeadLetterCount() == 1, 10_000), gateway.Counters.ToString());
        Assert.Equal(pack, store.DeadLetterPayloads(1).Single());

        DeadLetterReplayResult replayed = DeadLetterReplay.Run(store, "sensornode", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(1, replayed.Replayed);
        Assert.Equal(8, replayed.Readings);
        Assert.Equal(8, store.Query("clk-02").Count);
        Assert.Equal(0, store.DeadLetterCount());
    }
}
