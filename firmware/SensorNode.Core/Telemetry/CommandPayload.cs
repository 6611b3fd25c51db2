namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// Payload of a command topic ("&lt;prefix&gt;/&lt;node&gt;/cmd/&lt;name&gt;", docs/mqtt.md): the command id as ASCII
    /// decimal (1 to 4294967295, no sign, no leading zero), one '\n', then the command's body bytes (may be empty).
    /// The node echoes the id on the ack topic (<see cref="CommandAck"/>).
    /// </summary>
    public static class CommandPayload
    {
        /// <summary>Most digits of an id: 4294967295 has 10.</summary>
        public const int MaxIdDigits = 10;

        /// <summary>Longest header: <see cref="MaxIdDigits"/> digits and the '\n', bytes.</summary>
        public const int MaxHeaderLength = MaxIdDigits + 1;

        /// <summary>
        /// Reads the header of the first <paramref name="length"/> bytes of <paramref name="payload"/>. Returns the index
        /// where the body starts (2 to <see cref="MaxHeaderLength"/>; the body runs to <paramref name="length"/>) and the id
        /// in <paramref name="id"/>; or -1 and id 0 when there is no '\n' after 1-10 digits, the id has a leading zero,
        /// is 0, or exceeds 4294967295. Allocates nothing.
        /// </summary>
        public static int TryParseHeader(byte[] payload, int length, out uint id)
        {
            id = 0;
            if (payload == null || length < 2 || length > payload.Length || payload[0] == '0')
            {
                return -1;
            }
            ulong value = 0;
            int i = 0;
            while (i < length && i <= MaxIdDigits)
            {
                byte b = payload[i];
                if (b == '\n')
                {
                    break;
                }
                if (b < '0' || b > '9' || i == MaxIdDigits)
                {
                    return -1;
                }
                value = value * 10 + (ulong)(b - '0');
                i++;
            }
            if (i == 0 || i >= length || payload[i] != '\n' || value > uint.MaxValue)
            {
                return -1;
            }
            id = (uint)value;
            return i + 1;
        }
    }
}
