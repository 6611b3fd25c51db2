using System.Globalization;
using System.Text;
using System.Text.Json;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway.Service;

/// <summary>
/// Home Assistant entities of a room's occupancy (docs/occupancy.md), one device-based config per room (as the nodes'):
/// a <c>binary_sensor</c> with
/// <c>device_class: occupancy</c> whose state is <c>ON</c>, <c>OFF</c>, or <c>None</c> when the room is unknown (the MQTT
/// binary sensor sets its state to unknown on the payload <c>None</c>; Home Assistant's MQTT binary sensor documentation,
/// as quoted by docs.rs hass-mqtt-discovery <c>entity::BinarySensor</c>: "updated only after a new message is published on
/// state_topic matching payload_on, payload_off or None"), never OFF for a blind node; and a diagnostic sensor with the
/// share of the last 24 h the room was watched. Pure: builds text, publishes nothing.
/// </summary>
public static class RoomOccupancyDiscovery
{
    /// <summary>The payload that sets a Home Assistant MQTT binary sensor to unknown.</summary>
    public const string UnknownPayload = "None";

    /// <summary>A room name as topic level and object id: lower-case letters and digits, anything else as '-'.</summary>
    public static string Slug(string room)
    {
        var slug = new StringBuilder(room.Length);
        foreach (char c in room.Trim().ToLowerInvariant()) slug.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        return slug.Length == 0 ? "room" : slug.ToString();
    }

    /// <summary>Topic of the room's occupancy state: <c>&lt;prefix&gt;/room/&lt;slug&gt;/occupancy</c>.</summary>
    public static string StateTopic(string prefix, string room) => $"{prefix}/room/{Slug(room)}/occupancy";

    /// <summary>Topic of the room's watched share of the last 24 h, %.</summary>
    public static string WatchedTopic(string prefix, string room) => $"{prefix}/room/{Slug(room)}/watched_24h";

    /// <summary>The room's device config topic: <c>&lt;discovery&gt;/device/sensornode_room_&lt;slug&gt;/config</c>.</summary>
    public static string DeviceTopic(string discoveryPrefix, string room) => $"{discoveryPrefix}/device/sensornode_room_{Slug(room)}/config";

    /// <summary>The per-entity config topics of gateways before device-based discovery (occupancy, watched share).</summary>
    public static IReadOnlyList<string> LegacyConfigTopics(string discoveryPrefix, string room) =>
    [
        $"{discoveryPrefix}/binary_sensor/sensornode_room_{Slug(room)}_occupancy/config",
        $"{discoveryPrefix}/sensor/sensornode_room_{Slug(room)}_watched_24h/config",
    ];

    /// <summary>
    /// The room's retained device config (its two entities as components, as <see cref="HomeAssistantDiscovery.Configs"/>
    /// does for a node, the migration of the old per-entity configs around it when <paramref name="migrate"/>);
    /// <paramref name="expireAfterSeconds"/> as for the nodes' points.
    /// </summary>
    public static IReadOnlyList<RetainedMessage> Configs(string discoveryPrefix, string prefix, string room, int expireAfterSeconds, bool migrate = true)
    {
        string slug = Slug(room);
        string entitySlug = slug.Replace('-', '_');
        var device = new Dictionary<string, object>
        {
            ["identifiers"] = new[] { $"sensornode_room_{slug}" },
            ["name"] = $"Room {room}",
            ["manufacturer"] = "SensorNode",
            ["model"] = "room occupancy (gateway)",
            ["suggested_area"] = room,
        };
        var occupancy = new Dictionary<string, object>
        {
            ["p"] = "binary_sensor",
            ["name"] = "Occupancy",
            ["unique_id"] = $"sensornode_room_{slug}_occupancy",
            ["default_entity_id"] = $"binary_sensor.sensornode_room_{entitySlug}_occupancy",
            ["state_topic"] = StateTopic(prefix, room),
            ["device_class"] = "occupancy",
            ["payload_on"] = "ON",
            ["payload_off"] = "OFF",
            ["expire_after"] = expireAfterSeconds,
        };
        var watched = new Dictionary<string, object>
        {
            ["p"] = "sensor",
            ["name"] = "Watched last 24 h",
            ["unique_id"] = $"sensornode_room_{slug}_watched_24h",
            ["default_entity_id"] = $"sensor.sensornode_room_{entitySlug}_watched_24h",
            ["state_topic"] = WatchedTopic(prefix, room),
            ["unit_of_measurement"] = "%",
            ["state_class"] = "measurement",
            ["entity_category"] = "diagnostic",
        };
        var config = new Dictionary<string, object>
        {
            ["dev"] = device,
            ["o"] = HomeAssistantDiscovery.Origin(),
            ["cmps"] = new Dictionary<string, object> { ["occupancy"] = occupancy, ["watched_24h"] = watched },
        };
        return HomeAssistantDiscovery.WithMigration(LegacyConfigTopics(discoveryPrefix, room),
            new RetainedMessage(DeviceTopic(discoveryPrefix, room), JsonSerializer.Serialize(config)), migrate);
    }

    /// <summary>The room's state (ON, OFF, None) and watched share (0 to 100 %, one decimal).</summary>
    public static IReadOnlyList<RetainedMessage> Values(string prefix, string room, OccupancyState state, double watchedFraction) =>
    [
        new RetainedMessage(StateTopic(prefix, room), state switch
        {
            OccupancyState.Occupied => "ON",
            OccupancyState.Vacant => "OFF",
            _ => UnknownPayload,
        }),
        new RetainedMessage(WatchedTopic(prefix, room), (Math.Clamp(watchedFraction, 0, 1) * 100).ToString("F1", CultureInfo.InvariantCulture)),
    ];
}
