using SensorNode.Core.Telemetry;

namespace SensorNode.Cli.Provision;

/// <summary>
/// A node's lines for mosquitto's acl_file: it may write only its own state, availability (its will) and ack
/// topics and read only its own commands (docs/mqtt.md). Anything else it publishes is dropped by the broker.
/// </summary>
internal static class MosquittoAcl
{
    /// <summary>"user &lt;id&gt;" then the node's four topic rules, each line ending in '\n'.</summary>
    public static string Render(string topicPrefix, string nodeId)
    {
        var topics = new MqttTopics(topicPrefix, nodeId);
        return $"""
            user {nodeId}
            topic write {topics.State}
            topic write {topics.Availability}
            topic write {topics.Ack}
            topic read {topics.CommandPrefix}#

            """;
    }
}
