using SensorNode.Core.Numerics;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// Payloads of the ack topic (<see cref="MqttTopics.Ack"/>), ASCII, no newline: "&lt;id&gt;" when the command was
    /// applied (or already in effect), "&lt;id&gt; rejected &lt;reason&gt;" when it was not, the reason one word from the
    /// constants below. A payload whose id cannot be read is answered with id 0 (ids start at 1).
    /// </summary>
    public static class CommandAck
    {
        /// <summary>Between the id and the reason of a rejection.</summary>
        public const string RejectedInfix = " rejected ";

        /// <summary>The payload is not "&lt;id&gt;\n&lt;body&gt;" (<see cref="CommandPayload"/>); acked with id 0.</summary>
        public const string BadCommand = "bad-command";

        /// <summary>The body is not a policy table this firmware loads (damaged, other layout or format).</summary>
        public const string BadTable = "bad-table";

        /// <summary>The table was valid but flash refused the write; the previous table stays in effect.</summary>
        public const string WriteFailed = "write-failed";

        /// <summary>Buffer length that holds every ack: 10 digits, the infix and the longest reason, bytes.</summary>
        public const int MaxLength = CommandPayload.MaxIdDigits + 10 + 12;

        /// <summary>Writes "&lt;<paramref name="id"/>&gt;" at index 0; returns its length (1-10), or -1 when it does not fit.</summary>
        public static int WriteApplied(byte[] buffer, uint id)
        {
            return AsciiText.WriteInt64(buffer, 0, id);
        }

        /// <summary>
        /// Writes "&lt;<paramref name="id"/>&gt; rejected &lt;<paramref name="reason"/>&gt;" at index 0 (reason: one of the
        /// constants, ASCII without spaces); returns its length, or -1 when it does not fit.
        /// </summary>
        public static int WriteRejected(byte[] buffer, uint id, string reason)
        {
            int position = AsciiText.WriteInt64(buffer, 0, id);
            if (position < 0)
            {
                return -1;
            }
            int infix = AsciiText.WriteString(buffer, position, RejectedInfix);
            if (infix < 0)
            {
                return -1;
            }
            position += infix;
            int written = AsciiText.WriteString(buffer, position, reason);
            return written < 0 ? -1 : position + written;
        }
    }
}
