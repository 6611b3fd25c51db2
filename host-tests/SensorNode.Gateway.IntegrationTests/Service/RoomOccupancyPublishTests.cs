using System.Text.Json;
using SensorNode.Cli;
using SensorNode.Gateway.Occupancy;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>Issue 17: the room's occupancy reaches Home Assistant through a real broker: ON after motion, None when blind.</summary>
public class RoomOccupancyPublishTests
{
    [RequiresMosquittoFact]
    public async Task Room_IsAnOccupancyBinarySensor_OnAfterMotion_AndNoneWhenTheNodeIsBlind()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        store.SetRoom("node-o", "Office 7");
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-o"), store);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        MosquittoClients.Publish(harness.Port, "sensornode/node-o/availability", "sleeping:600", retain: true);
        // Seq 1 counts one motion event (SenmlPacks: motion = seq % 3), 10 min ago. The stored series' newest slot is the
        // last 15 min before the gateway's clock, decided at its midpoint (7.5 min ago): the motion is before it and inside
        // the 20-min hold, however long the gateway takes. (A motion under 7.5 min old would fall after that midpoint.)
        MosquittoClients.Publish(harness.Port, "sensornode/node-o/state", SenmlPacks.Encode("node-o", 1, 1, now - 600));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= 2, 10_000), gateway.Counters.ToString());
        var config = MosquittoClients.Subscribe(harness.Port, "homeassistant/device/sensornode_room_office-7/config", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds);
        using JsonDocument device = JsonDocument.Parse(Assert.Single(config).Payload);
        JsonElement binary = device.RootElement.GetProperty("cmps").GetProperty("occupancy");
        Assert.Equal("occupancy", binary.GetProperty("device_class").GetString());
        Assert.Equal("sensornode/room/office-7/occupancy", binary.GetProperty("state_topic").GetString());
        var first = MosquittoClients.Subscribe(harness.Port, "sensornode/room/office-7/occupancy", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds);
        Assert.Equal("ON", Assert.Single(first).Payload);

        // Another room's node: seq 3 has no motion and its PIR was not armed (SenmlPacks leaves ArmedSeconds 0): nobody
        // watched the room, so it is unknown ("None"), not OFF as the naive reading would say.
        store.SetRoom("node-p", "Office 8");
        MosquittoClients.Publish(harness.Port, "sensornode/node-p/state", SenmlPacks.Encode("node-p", 3, 1, now - 60));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= 3, 10_000), gateway.Counters.ToString());
        var blind = MosquittoClients.Subscribe(harness.Port, "sensornode/room/office-8/occupancy", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds);
        Assert.Equal("None", Assert.Single(blind).Payload);
        Assert.Equal("unknown", store.QueryOccupancy("Office 8").Last().State);
        Assert.Equal("occupied", store.QueryOccupancy("Office 7").Last().State);
    }

    [RequiresMosquittoFact]
    public async Task Room_TurnsNone_WhenTheAnnouncedWakePasses_WithNoNewMessage()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        store.SetRoom("node-t", "Office 9");
        var clock = new ShiftedClock();
        // The timer looks at the (shifted) clock every second at least, so the jump below is seen without a new message.
        await using var gateway = new GatewayService(harness.Options("gw-t") with { OccupancyRecheckSeconds = 1 }, store, clock);
        await gateway.StartAsync();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        MosquittoClients.Publish(harness.Port, "sensornode/node-t/availability", "sleeping:600", retain: true);
        MosquittoClients.Publish(harness.Port, "sensornode/node-t/state", SenmlPacks.Encode("node-t", 1, 1, now - 600)); // motion 10 min ago
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= 2, 30_000), gateway.Counters.ToString());
        Assert.True(GatewayHarness.WaitUntil(() => Occupancy(harness.Port) == "ON", 30_000), "the message path publishes ON");

        // Three hours on: the hold after the motion is over and the announced wake (600 s) has long passed. No message comes.
        clock.Offset = TimeSpan.FromHours(3);

        Assert.True(GatewayHarness.WaitUntil(() => Occupancy(harness.Port) == "None", 60_000), "the timer publishes None");
        Assert.Equal(2, gateway.Counters.Acknowledged);
    }

    [RequiresMosquittoFact]
    public async Task WatchCommitment_IsStored_EndedByAPackWithout_AndNotRewrittenByTheNextOne()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-w"), store);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // The commitment is noted after the batch is acknowledged (derived data): wait for it, not for the PUBACK.
        MosquittoClients.Publish(harness.Port, "sensornode/node-w/state", SenmlPacks.Encode("node-w", 1, 1, now - 1200, watchSeconds: 3600));
        Assert.True(GatewayHarness.WaitUntil(() => store.WatchCommitmentOf("node-w")?.Seconds == 3600, 30_000), gateway.Counters.ToString());

        // A publish without "watch" ends the commitment (the node says so at every publish)...
        MosquittoClients.Publish(harness.Port, "sensornode/node-w/state", SenmlPacks.Encode("node-w", 2, 1, now - 600));
        Assert.True(GatewayHarness.WaitUntil(() => store.WatchCommitmentOf("node-w")?.Seconds == 0, 30_000), gateway.Counters.ToString());
        WatchAnnouncement? ended = store.WatchCommitmentOf("node-w");
        Assert.Equal(now - 600, ended?.FromUnixSeconds);

        // ...and the next one without finds nothing to end: no write (its time would have replaced the stored one). Another
        // node's commitment, published once that message is acknowledged, comes in a later batch: once it is stored, the
        // earlier batch's notes are done.
        MosquittoClients.Publish(harness.Port, "sensornode/node-w/state", SenmlPacks.Encode("node-w", 3, 1, now));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= 3, 30_000), gateway.Counters.ToString());
        MosquittoClients.Publish(harness.Port, "sensornode/node-x/state", SenmlPacks.Encode("node-x", 1, 1, now, watchSeconds: 600));
        Assert.True(GatewayHarness.WaitUntil(() => store.WatchCommitmentOf("node-x")?.Seconds == 600, 30_000), gateway.Counters.ToString());
        Assert.Equal(ended, store.WatchCommitmentOf("node-w"));
        Assert.Null(store.WatchCommitmentOf("node-never-committed"));
    }

    private static string? Occupancy(int port) =>
        MosquittoClients.Subscribe(port, "sensornode/room/office-9/occupancy", count: 1, waitSeconds: 2).SingleOrDefault()?.Payload;
}
