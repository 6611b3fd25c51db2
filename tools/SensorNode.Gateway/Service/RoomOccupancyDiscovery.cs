using System.Globalization;
using System.Text;
using System.Text.Json;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway.Service;

/// <summary>
/// Home Assistant entities of a room's occupancy (docs/occupancy.md): a <c>binary_sensor</c> with
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

    /// <summary>The two retained discovery configs of <paramref name="room"/>; <paramref name="expireAfterSeconds"/> as for the nodes' points.</summary>
    public static IReadOnlyList<RetainedMessage> Configs(string discoveryPrefix, string prefix, string room, int expireAfterSeconds)
    {
        string slug = Slug(room);
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
            ["name"] = "Occupancy",
            ["unique_id"] = $"sensornode_room_{slug}_occupancy",
            ["state_topic"] = StateTopic(prefix, room),
            ["device_class"] = "occupancy",
            ["payload_on"] = "ON",
            ["payload_off"] = "OFF",
            ["expire_after"] = expireAfterSeconds,
            ["device"] = device,
        };
        var watched = new Dictionary<string, object>
        {
            ["name"] = "Watched last 24 h",
            ["unique_id"] = $"sensornode_room_{slug}_watched_24h",
            ["state_topic"] = WatchedTopic(prefix, room),
            ["unit_of_measurement"] = "%",
            ["state_class"] = "measurement",
            ["entity_category"] = "diagnostic",
            ["device"] = device,
        };
        return
        [
            new RetainedMessage($"{discoveryPrefix}/binary_sensor/sensornode_room_{slug}_occupancy/config", JsonSerializer.Serialize(occupancy)),
            new RetainedMessage($"{discoveryPrefix}/sensor/sensornode_room_{slug}_watched_24h/config", JsonSerializer.Serialize(watched)),
        ];
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
