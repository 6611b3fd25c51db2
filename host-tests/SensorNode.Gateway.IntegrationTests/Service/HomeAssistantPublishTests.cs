using System.Text;
using System.Text.Json;
using SensorNode.Cli;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>(d) What the gateway promises Home Assistant, read back by mosquitto_sub; and the command round trip.</summary>
public class HomeAssistantPublishTests
{
    [RequiresMosquittoFact]
    public async Task Discovery_AndPointValues_AreRetained_WithExpiryFromTheAnnouncedSleep()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        // An earlier gateway's per-entity config, still retained: the migration must clear it.
        MosquittoClients.Publish(harness.Port, "homeassistant/sensor/node-d_temperature/config", "{\"name\":\"Temperature\"}", retain: true);
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-d"), store);

        MosquittoClients.Publish(harness.Port, "sensornode/node-d/availability", "sleeping:600", retain: true);
        // Reading 1: 20.01 degC, 40.01 %RH, 300.01 lx, 4.2 V, 1 motion event; 4.5 J stored (SenmlPacks); decided by table 10123.
        MosquittoClients.Publish(harness.Port, "sensornode/node-d/state", SenmlPacks.Encode("node-d", 1, 1, 1_767_225_600, policyVersion: 10_123));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= 2, 10_000), gateway.Counters.ToString());

        // Retained once the migration ran (just after the PUBACKs): device configs only (the node's; its room's once the
        // room has a slot in the last 24 h, which this old reading does not give); the old per-entity topic was cleared
        // (empty retained payload).
        // A subscription that starts just before the migration gets the old retained config and then its live clearing:
        // the last message of a topic is what it holds (an empty payload keeps the key, so the wait goes on).
        Dictionary<string, string> configs = [];
        Assert.True(GatewayHarness.WaitUntil(() => (configs = MosquittoClients.Subscribe(harness.Port, "homeassistant/#", count: 3, waitSeconds: 1)
            .GroupBy(m => m.Topic).ToDictionary(g => g.Key, g => g.Last().Payload)).ContainsKey("homeassistant/device/node-d/config")
            && configs.Keys.All(topic => topic.StartsWith("homeassistant/device/", StringComparison.Ordinal)), 10_000), string.Join(", ", configs.Keys));
        Assert.DoesNotContain("homeassistant/sensor/node-d_temperature/config", configs.Keys);
        using JsonDocument device = JsonDocument.Parse(configs["homeassistant/device/node-d/config"]);
        Assert.Equal("node-d", device.RootElement.GetProperty("dev").GetProperty("identifiers")[0].GetString());
        Assert.Equal("SensorNode gateway", device.RootElement.GetProperty("o").GetProperty("name").GetString());
        JsonElement t = device.RootElement.GetProperty("cmps").GetProperty("temperature");
        Assert.Equal("sensor", t.GetProperty("p").GetString());
        Assert.Equal("sensornode/node-d/ha/temperature", t.GetProperty("state_topic").GetString());
        Assert.Equal(600 + 120, t.GetProperty("expire_after").GetInt32());
        Assert.Equal("°C", t.GetProperty("unit_of_measurement").GetString());
        Assert.Equal("temperature", t.GetProperty("device_class").GetString());
        Assert.Equal("measurement", t.GetProperty("state_class").GetString());
        Assert.Equal("sensornode_node-d_temperature", t.GetProperty("unique_id").GetString());   // as before: the entity keeps its id
        Assert.Equal("sensor.sensornode_node_d_temperature", t.GetProperty("default_entity_id").GetString());
        Assert.False(t.TryGetProperty("object_id", out _));
        JsonElement motion = device.RootElement.GetProperty("cmps").GetProperty("motion");
        Assert.Equal(("binary_sensor", "motion", 720), (motion.GetProperty("p").GetString(), motion.GetProperty("device_class").GetString(), motion.GetProperty("off_delay").GetInt32()));
        JsonElement energy = device.RootElement.GetProperty("cmps").GetProperty("stored_energy");
        Assert.Equal(("energy_storage", "J", "diagnostic"), (energy.GetProperty("device_class").GetString(), energy.GetProperty("unit_of_measurement").GetString(), energy.GetProperty("entity_category").GetString()));
        foreach (string diagnostic in new[] { "supercap", "harvest", "brownout", "next_wake", "policy" })
            Assert.Equal("diagnostic", device.RootElement.GetProperty("cmps").GetProperty(diagnostic).GetProperty("entity_category").GetString());
        Assert.False(t.TryGetProperty("entity_category", out _));

        var values = MosquittoClients.Subscribe(harness.Port, "sensornode/node-d/ha/#", count: 10, waitSeconds: MosquittoClients.ArrivalSeconds).ToDictionary(m => m.Topic, m => m.Payload);
        Assert.Equal("20.01", values["sensornode/node-d/ha/temperature"]);
        Assert.Equal("40.01", values["sensornode/node-d/ha/humidity"]);
        Assert.Equal("300.01", values["sensornode/node-d/ha/illuminance"]);
        Assert.Equal("4.2", values["sensornode/node-d/ha/supercap"]);
        Assert.Equal("ON", values["sensornode/node-d/ha/motion"]);
        Assert.Equal("4.5", values["sensornode/node-d/ha/stored_energy"]);
        Assert.Equal("OFF", values["sensornode/node-d/ha/brownout"]);
        Assert.Equal("10123", values["sensornode/node-d/ha/policy"]);
        Assert.True(DateTimeOffset.TryParse(values["sensornode/node-d/ha/next_wake"], out DateTimeOffset wake), values["sensornode/node-d/ha/next_wake"]);
        Assert.InRange((wake - DateTimeOffset.UtcNow).TotalSeconds, 500, 620);
    }

    [RequiresMosquittoFact]
    public async Task QueuedCommand_IsReleasedAboveTheVoltage_AndClearedByTheNodesAck()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        long id = store.EnqueueCommand("node-f", "interval", Encoding.ASCII.GetBytes("600"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-f") with { ReleaseAboveVolts = 4.0 }, store);

        MosquittoClients.Publish(harness.Port, "sensornode/node-f/state", SenmlPacks.Encode("node-f", 1, 1, 1_767_225_600, supercapMillivolts: 3900));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Acknowledged >= 1, 10_000));
        Assert.Equal(0, gateway.Counters.Released);                                            // 3.9 V: kept queued
        MosquittoClients.Publish(harness.Port, "sensornode/node-f/state", SenmlPacks.Encode("node-f", 2, 1, 1_767_226_200, supercapMillivolts: 4100));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Released >= 1, 10_000), gateway.Counters.ToString());

        var command = MosquittoClients.Subscribe(harness.Port, "sensornode/node-f/cmd/#", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds);
        Assert.Equal(new SubscribedMessage("sensornode/node-f/cmd/interval", $"{id}\n600"), Assert.Single(command));

        MosquittoClients.Publish(harness.Port, "sensornode/node-f/ack", id.ToString());
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.CommandAcks >= 1, 10_000), gateway.Counters.ToString());
        Assert.Empty(store.PendingCommands("node-f"));
        Assert.Empty(MosquittoClients.Subscribe(harness.Port, "sensornode/node-f/cmd/#", count: 1, waitSeconds: 1)); // retained cleared
    }
}
