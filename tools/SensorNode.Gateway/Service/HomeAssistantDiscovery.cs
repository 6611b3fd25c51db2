using System.Globalization;
using System.Text.Json;

namespace SensorNode.Gateway.Service;

/// <summary>One retained message the gateway publishes: topic and UTF-8 text payload.</summary>
public sealed record RetainedMessage(string Topic, string Payload);

/// <summary>
/// Home Assistant MQTT discovery for a node, device-based (Home Assistant 2025.10 or later; docs/gateway.md, "Home
/// Assistant"): one retained config per node on <c>&lt;discovery&gt;/device/&lt;node&gt;/config</c> with the device
/// (<c>dev</c>), the origin (<c>o</c>) and every point as a component (<c>cmps</c>, each with its platform <c>p</c>), and
/// the point values as retained plain text on <c>&lt;prefix&gt;/&lt;node&gt;/ha/&lt;point&gt;</c>. Replaces the per-entity
/// configs of earlier gateways by Home Assistant's migration path (home-assistant/core
/// tests/components/mqtt/test_discovery.py, test_discovery_migration_to_device_base): <c>{"migrate_discovery": true}</c>
/// on each old topic (the entity is unloaded, its registry entry kept), then the device config (same unique_ids: the
/// entities come back with their ids and settings), then an empty retained payload on each old topic. Entity ids are
/// suggested with <c>default_entity_id</c> (the deprecated <c>object_id</c> is not sent). Pure: builds text, publishes nothing.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>A point of a node as Home Assistant shows it; diagnostics go under the device's diagnostic entities.</summary>
    private sealed record Point(string Key, string Component, string Name, string? Unit, string? DeviceClass, string? StateClass, bool Diagnostic = false);

    // energy_storage accepts every UnitOfEnergy, J included (home-assistant/core homeassistant/components/sensor/const.py,
    // DEVICE_CLASS_UNITS; UnitOfEnergy.JOULE in homeassistant/const.py).
    private static readonly Point[] Points =
    {
        new("temperature", "sensor", "Temperature", "°C", "temperature", "measurement"),
        new("humidity", "sensor", "Humidity", "%", "humidity", "measurement"),
        new("illuminance", "sensor", "Illuminance", "lx", "illuminance", "measurement"),
        new("motion", "binary_sensor", "Motion", null, "motion", null),
        new("supercap", "sensor", "Supercap voltage", "V", "voltage", "measurement", Diagnostic: true),
        new("stored_energy", "sensor", "Stored energy", "J", "energy_storage", "measurement", Diagnostic: true),
        new("harvest", "sensor", "Harvest power", "W", "power", "measurement", Diagnostic: true),
        new("brownout", "binary_sensor", "Brown-out since last message", null, "problem", null, Diagnostic: true),
        new("next_wake", "sensor", "Next wake", null, "timestamp", null, Diagnostic: true),
        // The table that decided the node's last wake (SenML "policy"): after a re-flash or a flash erase it is the built-in one.
        new("policy", "sensor", "Policy table", null, null, null, Diagnostic: true),
    };

    // The per-entity configs of gateways before device-based discovery: what the migration clears.
    private static readonly (string Key, string Component)[] LegacyPoints =
    {
        ("temperature", "sensor"), ("humidity", "sensor"), ("illuminance", "sensor"), ("supercap", "sensor"),
        ("motion", "binary_sensor"), ("stored_energy", "sensor"),
    };

    /// <summary>The payload that starts Home Assistant's migration of a per-entity config to a device-based one.</summary>
    public const string MigratePayload = "{\"migrate_discovery\":true}";

    /// <summary>The point keys, in publishing order.</summary>
    public static IReadOnlyList<string> PointKeys { get; } = Points.Select(p => p.Key).ToArray();

    /// <summary>The node's device config topic: <c>&lt;discovery&gt;/device/&lt;node&gt;/config</c> (node ids are valid object ids: a-z, 0-9, '-').</summary>
    public static string DeviceTopic(string discoveryPrefix, string nodeId) => $"{discoveryPrefix}/device/{ObjectId(nodeId)}/config";

    /// <summary>The per-entity config topic of a point on gateways before device-based discovery: <c>&lt;discovery&gt;/&lt;component&gt;/&lt;node&gt;_&lt;point&gt;/config</c>.</summary>
    public static string LegacyConfigTopic(string discoveryPrefix, string nodeId, string pointKey)
    {
        (string key, string component) = LegacyPoints.Single(p => p.Key == pointKey);
        return $"{discoveryPrefix}/{component}/{ObjectId(nodeId)}_{key}/config";
    }

    /// <summary>The per-entity config topics of gateways before device-based discovery, the old points in order.</summary>
    public static IReadOnlyList<string> LegacyConfigTopics(string discoveryPrefix, string nodeId) =>
        LegacyPoints.Select(p => LegacyConfigTopic(discoveryPrefix, nodeId, p.Key)).ToArray();

    /// <summary>Topic of a point's value: <c>&lt;prefix&gt;/&lt;node&gt;/ha/&lt;point&gt;</c>.</summary>
    public static string ValueTopic(string prefix, string nodeId, string pointKey) => $"{prefix}/{nodeId}/ha/{pointKey}";

    /// <summary>The Home Assistant device of a node, shared by all its entities; <paramref name="room"/> becomes the suggested area.</summary>
    public static Dictionary<string, object> Device(string nodeId, string? room)
    {
        var device = new Dictionary<string, object>
        {
            ["identifiers"] = new[] { nodeId },
            ["name"] = $"SensorNode {nodeId}",
            ["manufacturer"] = "SensorNode",
            ["model"] = "energy-harvesting sensor node",
        };
        if (!string.IsNullOrEmpty(room)) device["suggested_area"] = room;
        return device;
    }

    /// <summary>The origin block (<c>o</c>): the application that publishes the configs, for Home Assistant's logs.</summary>
    public static Dictionary<string, object> Origin() => new()
    {
        ["name"] = "SensorNode gateway",
        ["sw"] = typeof(HomeAssistantDiscovery).Assembly.GetName().Version?.ToString() ?? "0",
    };

    /// <summary>
    /// The retained messages that announce <paramref name="nodeId"/>: its device config, preceded (when
    /// <paramref name="migrate"/>: once per gateway process and node) by the migration flag on each old per-entity topic
    /// and followed by an empty payload on each. <paramref name="expireAfterSeconds"/> (1 to 2^31-1) is the node's
    /// announced sleep plus the margin: Home Assistant marks the values unavailable only if no new value came by then,
    /// and turns motion off after it (<c>off_delay</c>: a sleeping node sends no "off" until its next wake). The
    /// availability topic maps the broker's will <c>lost</c> to offline, anything else to online.
    /// </summary>
    public static IReadOnlyList<RetainedMessage> Configs(string discoveryPrefix, string prefix, string nodeId, string? room, int expireAfterSeconds, bool migrate = true)
    {
        var components = new Dictionary<string, object>();
        foreach (Point point in Points)
        {
            var component = new Dictionary<string, object>
            {
                ["p"] = point.Component,
                ["name"] = point.Name,
                ["unique_id"] = $"sensornode_{ObjectId(nodeId)}_{point.Key}",
                ["default_entity_id"] = $"{point.Component}.sensornode_{ObjectId(nodeId).Replace('-', '_')}_{point.Key}",
                ["state_topic"] = ValueTopic(prefix, nodeId, point.Key),
                ["availability_topic"] = $"{prefix}/{nodeId}/availability",
                ["availability_template"] = "{{ 'offline' if value == 'lost' else 'online' }}",
                ["payload_available"] = "online",
                ["payload_not_available"] = "offline",
            };
            // The next wake is a time, not a measurement that goes stale: it stays until the node announces another.
            if (point.Key != "next_wake") component["expire_after"] = expireAfterSeconds;
            if (point.Unit != null) component["unit_of_measurement"] = point.Unit;
            if (point.DeviceClass != null) component["device_class"] = point.DeviceClass;
            if (point.StateClass != null) component["state_class"] = point.StateClass;
            if (point.Diagnostic) component["entity_category"] = "diagnostic";
            if (point.Component == "binary_sensor") { component["payload_on"] = "ON"; component["payload_off"] = "OFF"; }
            if (point.Key == "motion") component["off_delay"] = expireAfterSeconds;
            components[point.Key] = component;
        }
        var config = new Dictionary<string, object>
        {
            ["dev"] = Device(nodeId, room),
            ["o"] = Origin(),
            ["cmps"] = components,
        };
        return WithMigration(LegacyConfigTopics(discoveryPrefix, nodeId), new RetainedMessage(DeviceTopic(discoveryPrefix, nodeId), JsonSerializer.Serialize(config)), migrate);
    }

    /// <summary>
    /// <paramref name="device"/> with Home Assistant's migration around it when <paramref name="migrate"/>: the flag on
    /// each of <paramref name="legacyTopics"/> first, an empty retained payload on each after.
    /// </summary>
    public static IReadOnlyList<RetainedMessage> WithMigration(IReadOnlyList<string> legacyTopics, RetainedMessage device, bool migrate)
    {
        if (!migrate) return [device];
        var messages = new List<RetainedMessage>(2 * legacyTopics.Count + 1);
        messages.AddRange(legacyTopics.Select(topic => new RetainedMessage(topic, MigratePayload)));
        messages.Add(device);
        messages.AddRange(legacyTopics.Select(topic => new RetainedMessage(topic, "")));
        return messages;
    }

    /// <summary>The next-wake value: when the node expects to wake, ISO 8601 UTC (a timestamp sensor's state).</summary>
    public static RetainedMessage NextWake(string prefix, string nodeId, DateTimeOffset nextWake) =>
        new(ValueTopic(prefix, nodeId, "next_wake"), nextWake.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));

    /// <summary>
    /// The point values of a pack's newest reading (highest seq) and its energy: invariant decimal text (e.g. "21.53"),
    /// motion as "ON" (events since the previous reading) or "OFF", brown-out "ON" when the node was dead before any
    /// reading of the pack. A point the pack did not measure is left out; the next wake comes from availability (<see cref="NextWake"/>).
    /// </summary>
    public static IReadOnlyList<RetainedMessage> Values(string prefix, DecodedPack pack)
    {
        var messages = new List<RetainedMessage>(Points.Length);
        DecodedReading? newest = pack.Readings.Count == 0 ? null : pack.Readings.MaxBy(r => r.Sequence);
        void Add(string key, double? value)
        {
            if (value is double v) messages.Add(new RetainedMessage(ValueTopic(prefix, pack.NodeId, key), v.ToString(CultureInfo.InvariantCulture)));
        }
        if (newest != null)
        {
            Add("temperature", newest.TemperatureC);
            Add("humidity", newest.HumidityPercent);
            Add("illuminance", newest.IlluminanceLux);
            Add("supercap", newest.SupercapVolts);
            if (newest.MotionEvents is int motion) messages.Add(new RetainedMessage(ValueTopic(prefix, pack.NodeId, "motion"), motion > 0 ? "ON" : "OFF"));
        }
        Add("stored_energy", pack.Energy?.StoredJoules);
        Add("harvest", pack.Energy?.HarvestWatts);
        Add("policy", pack.Energy?.PolicyVersion);
        if (pack.Readings.Count > 0) messages.Add(new RetainedMessage(ValueTopic(prefix, pack.NodeId, "brownout"), pack.Readings.Any(r => r.Brownout) ? "ON" : "OFF"));
        return messages;
    }

    // The node id as it is: the core's rule (a-z, 0-9, '-') is already a valid object id, so no mapping can make two nodes collide.
    private static string ObjectId(string nodeId) =>
        SensorNode.Core.Telemetry.NodeIds.IsValid(nodeId) ? nodeId : throw new ArgumentException($"node id '{nodeId}': {SensorNode.Core.Telemetry.NodeIds.Rule}");
}
