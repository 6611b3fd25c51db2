using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.Tests.Service;

/// <summary>
/// Home Assistant's path from per-entity to device-based discovery (home-assistant/core
/// tests/components/mqtt/test_discovery.py, test_discovery_migration_to_device_base): flag, device config, clear.
/// </summary>
public sealed class HomeAssistantMigrationTests
{
    [Fact]
    public void FirstAnnouncement_FlagsEachOldTopic_ThenTheDeviceConfig_ThenClearsEachOldTopic()
    {
        IReadOnlyList<RetainedMessage> messages = HomeAssistantDiscovery.Configs("homeassistant", "sensornode", "node-01", "Office", 720);
        IReadOnlyList<string> legacy = HomeAssistantDiscovery.LegacyConfigTopics("homeassistant", "node-01");

        Assert.Equal(2 * legacy.Count + 1, messages.Count);
        Assert.Equal(legacy, messages.Take(legacy.Count).Select(m => m.Topic));
        Assert.All(messages.Take(legacy.Count), m => Assert.Equal("{\"migrate_discovery\":true}", m.Payload));
        Assert.Equal("homeassistant/device/node-01/config", messages[legacy.Count].Topic);
        Assert.Equal(legacy, messages.Skip(legacy.Count + 1).Select(m => m.Topic));
        Assert.All(messages.Skip(legacy.Count + 1), m => Assert.Equal("", m.Payload));
        Assert.Contains("homeassistant/binary_sensor/node-01_motion/config", legacy);
    }

    [Fact]
    public void LaterAnnouncements_AreTheDeviceConfigAlone()
    {
        RetainedMessage only = Assert.Single(HomeAssistantDiscovery.Configs("homeassistant", "sensornode", "node-01", null, 720, migrate: false));

        Assert.Equal("homeassistant/device/node-01/config", only.Topic);
    }

    [Fact]
    public void EveryComponent_HasAPlatform_AUniqueIdAsBefore_AndADefaultEntityIdOfItsPlatform()
    {
        RetainedMessage config = Assert.Single(HomeAssistantDiscovery.Configs("homeassistant", "sensornode", "node-01", null, 720, migrate: false));
        using var json = System.Text.Json.JsonDocument.Parse(config.Payload);

        var components = json.RootElement.GetProperty("cmps").EnumerateObject().ToList();
        Assert.Equal(HomeAssistantDiscovery.PointKeys, components.Select(c => c.Name));
        foreach (var component in components)
        {
            string platform = component.Value.GetProperty("p").GetString()!;
            Assert.Equal($"sensornode_node-01_{component.Name}", component.Value.GetProperty("unique_id").GetString());
            Assert.Equal($"{platform}.sensornode_node_01_{component.Name}", component.Value.GetProperty("default_entity_id").GetString());
        }
    }
}
