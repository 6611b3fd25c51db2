using System.Globalization;
using System.Text.Json;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.Faults;

/// <summary>
/// Home Assistant MQTT discovery for the fault detector's verdicts: one retained problem <c>binary_sensor</c> per checked
/// room, on the room's node device, with the conventions of <see cref="HomeAssistantDiscovery"/>: config on
/// <c>&lt;discovery&gt;/binary_sensor/&lt;node&gt;_hvac_fault/config</c>, state "ON" (flagged) or "OFF" (checked, not
/// flagged) on <c>&lt;prefix&gt;/&lt;node&gt;/ha/hvac_fault</c>, and what is unusual and since which day as JSON attributes on
/// <c>&lt;prefix&gt;/&lt;node&gt;/ha/hvac_fault/attributes</c>. Pure: builds text, publishes nothing (docs/faults.md).
/// </summary>
public static class FaultDiscovery
{
    /// <summary>The point key of the problem sensor: object id <c>&lt;node&gt;_hvac_fault</c>.</summary>
    public const string PointKey = "hvac_fault";

    /// <summary><c>&lt;discovery&gt;/binary_sensor/&lt;node&gt;_hvac_fault/config</c>.</summary>
    public static string ConfigTopic(string discoveryPrefix, string nodeId) => $"{discoveryPrefix}/binary_sensor/{ObjectId(nodeId)}/config";

    /// <summary><c>&lt;prefix&gt;/&lt;node&gt;/ha/hvac_fault</c>: "ON" or "OFF".</summary>
    public static string StateTopic(string prefix, string nodeId) => HomeAssistantDiscovery.ValueTopic(prefix, nodeId, PointKey);

    /// <summary><c>&lt;prefix&gt;/&lt;node&gt;/ha/hvac_fault/attributes</c>: JSON (room, unusual, since, alarm, ...).</summary>
    public static string AttributesTopic(string prefix, string nodeId) => StateTopic(prefix, nodeId) + "/attributes";

    /// <summary>
    /// Config, attributes and state (in that order, per room) of every room in <paramref name="report"/> whose node id
    /// follows the core's rule; the rooms whose node id does not are returned in <paramref name="skipped"/> (no valid
    /// object id can be made for them without risking two nodes sharing one).
    /// </summary>
    public static IReadOnlyList<RetainedMessage> Messages(string discoveryPrefix, string prefix, FaultReport report, out IReadOnlyList<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(report);
        var messages = new List<RetainedMessage>();
        var left = new List<string>();
        string checkedFrom = Date(report.StartUnixSeconds), checkedTo = Date(report.DayStart(report.Days - 1));
        foreach (RoomVerdict room in report.Rooms)
        {
            if (!SensorNode.Core.Telemetry.NodeIds.IsValid(room.NodeId)) { left.Add(room.NodeId); continue; }
            Dictionary<string, object> device = HomeAssistantDiscovery.Device(room.NodeId, room.Room != room.NodeId ? room.Room : null);
            var config = new Dictionary<string, object>
            {
                ["name"] = "HVAC fault",
                ["unique_id"] = $"sensornode_{ObjectId(room.NodeId)}",
                ["state_topic"] = StateTopic(prefix, room.NodeId),
                ["json_attributes_topic"] = AttributesTopic(prefix, room.NodeId),
                ["device_class"] = "problem",
                ["payload_on"] = "ON",
                ["payload_off"] = "OFF",
                ["device"] = device,
            };
            var attributes = new Dictionary<string, object?>
            {
                ["room"] = room.Room,
                ["unusual"] = room.Flagged ? room.Describe() : null,
                ["since"] = room.Flagged ? Date(report.DayStart(room.OnsetDay)) : null,
                ["alarm"] = room.Flagged ? Date(report.DayStart(room.AlarmDay)) : null,
                ["excess_heat_kwh_per_year"] = Math.Round(room.ExcessHeatKilowattHoursPerYear, 0),
                ["severity"] = Math.Round(room.Severity, 2),
                ["explained_by"] = room.ExplainedBy,
                ["checked_from"] = checkedFrom,
                ["checked_to"] = checkedTo,
            };
            messages.Add(new RetainedMessage(ConfigTopic(discoveryPrefix, room.NodeId), JsonSerializer.Serialize(config)));
            messages.Add(new RetainedMessage(AttributesTopic(prefix, room.NodeId), JsonSerializer.Serialize(attributes)));
            messages.Add(new RetainedMessage(StateTopic(prefix, room.NodeId), room.Flagged ? "ON" : "OFF"));
        }
        skipped = left;
        return messages;
    }

    private static string ObjectId(string nodeId) =>
        SensorNode.Core.Telemetry.NodeIds.IsValid(nodeId) ? $"{nodeId}_{PointKey}" : throw new ArgumentException($"node id '{nodeId}': {SensorNode.Core.Telemetry.NodeIds.Rule}");

    private static string Date(long unixSeconds) => DateTime.UnixEpoch.AddSeconds(unixSeconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
