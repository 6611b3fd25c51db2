using System;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// The one node-id rule, for every component: 1-32 characters from a-z, 0-9 and '-'. Such an id is a valid MQTT
    /// topic level, a valid part of a SenML name (RFC 8428 section 4.5.1), needs no JSON escaping, and is a Home
    /// Assistant object id as it is (no character is mapped, so two ids can never collide there). nf.config's
    /// [mqtt] node_id, the topics and SenML names the node writes, the gateway's topic check and its Home Assistant ids
    /// all use it.
    /// </summary>
    public static class NodeIds
    {
        /// <summary>Longest node id, characters.</summary>
        public const int MaxLength = 32;

        /// <summary>The rule in words, for error messages.</summary>
        public const string Rule = "1..32 characters from a-z, 0-9 and '-'";

        /// <summary>True when <paramref name="nodeId"/> follows the rule (null and empty do not).</summary>
        public static bool IsValid(string nodeId)
        {
            if (nodeId == null || nodeId.Length == 0 || nodeId.Length > MaxLength)
            {
                return false;
            }
            for (int i = 0; i < nodeId.Length; i++)
            {
                char c = nodeId[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="nodeId"/> follows the rule.</summary>
        internal static void Check(string nodeId)
        {
            if (!IsValid(nodeId))
            {
                throw new ArgumentException("Node id: " + Rule + ".");
            }
        }
    }
}
