using System.Globalization;
using System.Text.Json;

namespace SensorNode.Gateway.Service;

/// <summary>One retained message the gateway publishes: topic and UTF-8 text payload.</summary>
public sealed record RetainedMessage(string Topic, string Payload);

/// <summary>
/// Home Assistant MQTT discovery for a node (https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery): one
/// retained config per point under <c>&lt;discovery&gt;/&lt;component&gt;/&lt;node&gt;_&lt;point&gt;/config</c>, and the
/// point values as retained plain text on <c>&lt;prefix&gt;/&lt;node&gt;/ha/&lt;point&gt;</c>. Pure: builds text, publishes nothing.
/// </summary>
public static class HomeAssistantDiscovery
{
    /// <summary>A point of a node as Home Assistant shows it.</summary>
    private sealed record Point(string Key, string Component, string Name, string? Unit, string? DeviceClass, string? StateClass);

    // stored_energy has no device_class: Home Assistant's energy_storage class does not accept J on every version.
    private static readonly Point[] Points =
    {
        new("temperature", "sensor", "Temperature", "°C", "temperature", "measurement"),
        new("humidity", "sensor", "Humidity", "%", "humidity", "measurement"),
        new("illuminance", "sensor", "Illuminance", "lx", "illuminance", "measurement"),
        new("supercap", "sensor", "Supercap voltage", "V", "voltage", "measurement"),
        new("motion", "binary_sensor", "Motion", null, "motion", null),
        new("stored_energy", "sensor", "Stored energy", "J", null, "measurement"),
    };

    /// <summary>The point keys, in publishing order: temperature, humidity, illuminance, supercap, motion, stored_energy.</summary>
    public static IReadOnlyList<string> PointKeys { get; } = Points.Select(p => p.Key).ToArray();

    /// <summary>Discovery topic of one point: <c>&lt;discovery&gt;/&lt;component&gt;/&lt;node&gt;_&lt;point&gt;/config</c>, '.' in the node id as '_' (HA object ids allow [A-Za-z0-9_-]).</summary>
    public static string ConfigTopic(string discoveryPrefix, string nodeId, string pointKey)
    {
        Point point = Points.Single(p => p.Key == pointKey);
        return $"{discoveryPrefix}/{point.Component}/{ObjectId(nodeId, pointKey)}/config";
    }

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

    /// <summary>
    /// The six discovery configs of <paramref name="nodeId"/>. <paramref name="expireAfterSeconds"/> (1 to 2^31-1) is the
    /// node's announced sleep plus the margin: Home Assistant marks the value unavailable only if no new value came by
    /// then. The availability topic maps the broker's will <c>lost</c> to offline, anything else to online.
    /// </summary>
    public static IReadOnlyList<RetainedMessage> Configs(string discoveryPrefix, string prefix, string nodeId, string? room, int expireAfterSeconds)
    {
        Dictionary<string, object> device = Device(nodeId, room);

        var messages = new List<RetainedMessage>(Points.Length);
        foreach (Point point in Points)
        {
            var config = new Dictionary<string, object>
            {
                ["name"] = point.Name,
                ["unique_id"] = $"sensornode_{ObjectId(nodeId, point.Key)}",
                ["state_topic"] = ValueTopic(prefix, nodeId, point.Key),
                ["expire_after"] = expireAfterSeconds,
                ["availability_topic"] = $"{prefix}/{nodeId}/availability",
                ["availability_template"] = "{{ 'offline' if value == 'lost' else 'online' }}",
                ["payload_available"] = "online",
                ["payload_not_available"] = "offline",
                ["device"] = device,
            };
            if (point.Unit != null) config["unit_of_measurement"] = point.Unit;
            if (point.DeviceClass != null) config["device_class"] = point.DeviceClass;
            if (point.StateClass != null) config["state_class"] = point.StateClass;
            if (point.Component == "binary_sensor") { config["payload_on"] = "ON"; config["payload_off"] = "OFF"; }
            messages.Add(new RetainedMessage(ConfigTopic(discoveryPrefix, nodeId, point.Key), JsonSerializer.Serialize(config)));
        }
        return messages;
    }

    /// <summary>
    /// The point values of a pack's newest reading (highest seq) and its energy: invariant decimal text (e.g. "21.53"),
    /// motion as "ON" (events since the previous reading) or "OFF". A point the pack did not measure is left out.
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
        return messages;
    }

    // The node id as it is: the core's rule (a-z, 0-9, '-') is already a valid object id, so no mapping can make two nodes collide.
    private static string ObjectId(string nodeId, string pointKey) =>
        SensorNode.Core.Telemetry.NodeIds.IsValid(nodeId) ? $"{nodeId}_{pointKey}" : throw new ArgumentException($"node id '{nodeId}': {SensorNode.Core.Telemetry.NodeIds.Rule}");
}
