using System;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// The node's MQTT topic names, built once at start-up (docs/mqtt.md): "&lt;prefix&gt;/&lt;node&gt;/state",
    /// ".../availability", ".../cmd/" (followed by a command name), ".../ack" and ".../fault".
    /// </summary>
    public sealed class MqttTopics
    {
        /// <summary>Topic level after the node id: SenML readings.</summary>
        public const string StateLevel = "state";
        /// <summary>Topic level after the node id: retained availability (also the will).</summary>
        public const string AvailabilityLevel = "availability";
        /// <summary>Topic level after the node id: command acknowledgements.</summary>
        public const string AckLevel = "ack";
        /// <summary>Topic level after the node id: fault reports of a node without a trustworthy configuration.</summary>
        public const string FaultLevel = "fault";
        /// <summary>Topic level after the node id under which commands are published ("cmd/&lt;name&gt;").</summary>
        public const string CommandLevel = "cmd";
        /// <summary>Topic level after the node id: the application version the node runs and its last rollback (retained; docs/updates.md).</summary>
        public const string AppLevel = "app";

        /// <summary>
        /// Builds the topics. <paramref name="prefix"/>: one or more topic levels ("sensornode", "site/a"), no
        /// leading or trailing '/', no empty level. <paramref name="nodeId"/>: one level, 1-32 chars of [A-Za-z0-9._-].
        /// Neither may hold the wildcards '+' or '#'. Throws <see cref="ArgumentException"/> otherwise.
        /// </summary>
        public MqttTopics(string prefix, string nodeId)
        {
            if (prefix == null || prefix.Length == 0 || prefix[0] == '/' || prefix[prefix.Length - 1] == '/'
                || prefix.IndexOf("//") >= 0 || prefix.IndexOf('+') >= 0 || prefix.IndexOf('#') >= 0)
            {
                throw new ArgumentException("Topic prefix: non-empty topic levels, no leading/trailing '/', no '+' or '#'.");
            }
            NodeIds.Check(nodeId);
            string root = string.Concat(prefix, "/", nodeId, "/");
            State = string.Concat(root, StateLevel);
            Availability = string.Concat(root, AvailabilityLevel);
            CommandPrefix = string.Concat(root, CommandLevel, "/");
            Ack = string.Concat(root, AckLevel);
            Fault = string.Concat(root, FaultLevel);
            App = string.Concat(root, AppLevel);
        }

        /// <summary>"&lt;prefix&gt;/&lt;node&gt;/state": SenML readings, QoS 1, not retained.</summary>
        public string State { get; }

        /// <summary>"&lt;prefix&gt;/&lt;node&gt;/availability": <see cref="AvailabilityPayload"/> values, QoS 1, retained; also the will topic.</summary>
        public string Availability { get; }

        /// <summary>"&lt;prefix&gt;/&lt;node&gt;/cmd/": prefix of command topics (append the command name; subscribe with "cmd/#").</summary>
        public string CommandPrefix { get; }

        /// <summary>"&lt;prefix&gt;/&lt;node&gt;/ack": the node's replies to commands, QoS 1, not retained.</summary>
        public string Ack { get; }

        /// <summary>"&lt;prefix&gt;/&lt;node&gt;/fault": <see cref="FaultReport"/> of a node without a trustworthy configuration, QoS 1, retained.</summary>
        public string Fault { get; }

        /// <summary>"&lt;prefix&gt;/&lt;node&gt;/app": Update.AppReport payloads, QoS 1, retained.</summary>
        public string App { get; }
    }
}
