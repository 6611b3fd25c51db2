using SensorNode.Core.Telemetry;

namespace SensorNode.Cli.Provision;

/// <summary>
/// A node's lines for mosquitto's acl_file: it may write only its own state, availability (its will), ack and app
/// topics and read only its own commands (docs/mqtt.md). Anything else it publishes is dropped by the broker.
/// One exception: a node whose configuration is faulty reports, with the same credentials, on
/// "&lt;prefix&gt;/unconfigured-&lt;mac&gt;/fault" (Core/Telemetry/FaultReport.cs). An ACL level is whole, so the line is
/// "&lt;prefix&gt;/+/fault": it lets the node write any fault topic, and the gateway accepts fault reports only on
/// unconfigured identities, as diagnostics (docs/mqtt.md).
/// </summary>
internal static class MosquittoAcl
{
    /// <summary>"user &lt;id&gt;" then the node's six topic rules, each line ending in '\n'.</summary>
    public static string Render(string topicPrefix, string nodeId)
    {
        var topics = new MqttTopics(topicPrefix, nodeId);
        return $"""
            user {nodeId}
            topic write {topics.State}
            topic write {topics.Availability}
            topic write {topics.Ack}
            topic write {topics.App}
            topic read {topics.CommandPrefix}#
            topic write {topicPrefix}/+/fault

            """;
    }
}
