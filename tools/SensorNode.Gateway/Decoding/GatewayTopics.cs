using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway;

/// <summary>
/// Topic names seen from the gateway (docs/mqtt.md): "&lt;prefix&gt;/&lt;node&gt;/state", ".../availability", ".../ack"
/// and ".../cmd/&lt;name&gt;". The prefix is one or more levels without wildcards, e.g. "sensornode" or "site/a".
/// </summary>
public static class GatewayTopics
{
    /// <summary>
    /// Splits <paramref name="topic"/> into node id and kind when it is "&lt;prefix&gt;/&lt;node&gt;/state",
    /// ".../availability", ".../ack", ".../fault" or ".../cmd/&lt;name&gt;" (name: one or more non-empty levels) and the node id
    /// follows the core's node-id rule (SensorNode.Core.Telemetry.NodeIds: 1-32 chars of a-z, 0-9, '-'). Returns false, <paramref name="info"/> null, otherwise.
    /// </summary>
    public static bool TryParse(string topic, string prefix, out TopicInfo? info)
    {
        info = null;
        if (string.IsNullOrEmpty(topic) || string.IsNullOrEmpty(prefix) || topic.Length <= prefix.Length + 1
            || !topic.StartsWith(prefix, StringComparison.Ordinal) || topic[prefix.Length] != '/')
        {
            return false;
        }
        string[] levels = topic.Substring(prefix.Length + 1).Split('/');
        if (levels.Length < 2 || !NodeIds.IsValid(levels[0]))
        {
            return false;
        }
        string kind = levels[1];
        bool ok = kind switch
        {
            MqttTopics.StateLevel or MqttTopics.AvailabilityLevel or MqttTopics.AckLevel or MqttTopics.FaultLevel or MqttTopics.AppLevel => levels.Length == 2,
            MqttTopics.CommandLevel => levels.Length >= 3 && levels.Skip(2).All(level => level.Length > 0 && level != "+" && level != "#"),
            _ => false,
        };
        if (ok)
        {
            info = new TopicInfo(levels[0], kind);
        }
        return ok;
    }

    /// <summary>"&lt;prefix&gt;/+/state": every node's readings.</summary>
    public static string StateFilter(string prefix) => $"{prefix}/+/{MqttTopics.StateLevel}";

    /// <summary>
    /// "$share/&lt;group&gt;/&lt;prefix&gt;/+/state": an MQTT 5 shared subscription, so the broker hands each state message to
    /// one gateway of <paramref name="group"/> (load sharing; the store deduplicates anyway).
    /// </summary>
    public static string SharedStateFilter(string group, string prefix) => $"$share/{group}/{prefix}/+/{MqttTopics.StateLevel}";

    /// <summary>"&lt;prefix&gt;/+/fault": fault reports (retained) of nodes without a trustworthy configuration.</summary>
    public static string FaultFilter(string prefix) => $"{prefix}/+/{MqttTopics.FaultLevel}";

    /// <summary>"&lt;prefix&gt;/+/app": every node's retained app report (the version it runs, docs/updates.md).</summary>
    public static string AppFilter(string prefix) => $"{prefix}/+/{MqttTopics.AppLevel}";

    /// <summary>"&lt;prefix&gt;/+/availability": every node's retained availability.</summary>
    public static string AvailabilityFilter(string prefix) => $"{prefix}/+/{MqttTopics.AvailabilityLevel}";
}
