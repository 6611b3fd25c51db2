using System;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// The node-id rule shared by topics and SenML names: 1-32 chars of [A-Za-z0-9._-]. Such an id is a valid
    /// MQTT topic level, a valid part of a SenML name (RFC 8428 section 4.5.1) and needs no JSON escaping.
    /// </summary>
    internal static class NodeIds
    {
        internal const int MaxLength = 32;

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="nodeId"/> follows the rule.</summary>
        internal static void Check(string nodeId)
        {
            if (nodeId == null || nodeId.Length == 0 || nodeId.Length > MaxLength)
            {
                throw new ArgumentException("Node id: 1-32 chars of [A-Za-z0-9._-].");
            }
            for (int i = 0; i < nodeId.Length; i++)
            {
                char c = nodeId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
                if (!ok)
                {
                    throw new ArgumentException("Node id: 1-32 chars of [A-Za-z0-9._-].");
                }
            }
        }
    }
}
