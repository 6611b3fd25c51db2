using SensorNode.Core.Numerics;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// Payloads of the retained availability topic (<see cref="MqttTopics.Availability"/>), ASCII, no quotes:
    /// "online" while connected and staying up, "sleeping:&lt;seconds&gt;" as the last message before a clean
    /// disconnect (the planned deep sleep, 1 to 86400 s), and "lost" as the broker-published will when the
    /// node vanished without disconnecting (brown-out mid-transmit). A node that knows its configuration's identity
    /// appends it to the sleeping payload: "sleeping:600;cfg=1A2B3C4D" (<see cref="ConfigSuffix"/> and the CRC-32 of
    /// nf.config's sealed body, 8 upper-case hex digits), so the operator can see which nf.config a node runs:
    /// nanoff cannot read a file back.
    /// </summary>
    public static class AvailabilityPayload
    {
        /// <summary>The node is connected and stays up (for example while it waits on command topics).</summary>
        public const string Online = "online";

        /// <summary>The will: the connection dropped without DISCONNECT. Set as retained QoS 1 at connect.</summary>
        public const string Lost = "lost";

        /// <summary>Start of the sleeping payload; the planned sleep in decimal seconds follows ("sleeping:600").</summary>
        public const string SleepingPrefix = "sleeping:";

        /// <summary>Separates the configuration identity from the sleep: ";cfg=" and 8 hex digits follow the seconds.</summary>
        public const string ConfigSuffix = ";cfg=";

        /// <summary>Buffer length that holds every availability payload: "sleeping:", 11 chars of an int, ";cfg=" and 8 hex digits.</summary>
        public const int MaxLength = 33;

        /// <summary>
        /// Writes "sleeping:&lt;<paramref name="sleepSeconds"/>&gt;" into <paramref name="buffer"/> from index 0 and
        /// returns its length, or -1 when it does not fit. Allocates nothing.
        /// </summary>
        public static int WriteSleeping(byte[] buffer, int sleepSeconds)
        {
            int prefix = AsciiText.WriteString(buffer, 0, SleepingPrefix);
            if (prefix < 0)
            {
                return -1;
            }
            int digits = AsciiText.WriteInt64(buffer, prefix, sleepSeconds);
            return digits < 0 ? -1 : prefix + digits;
        }

        /// <summary>
        /// As <see cref="WriteSleeping(byte[], int)"/>, followed by ";cfg=&lt;8 hex&gt;" when <paramref name="configCrc"/>
        /// is not 0 (0: identity unknown, the plain payload). Returns the length, or -1 when it does not fit.
        /// </summary>
        public static int WriteSleeping(byte[] buffer, int sleepSeconds, uint configCrc)
        {
            int length = WriteSleeping(buffer, sleepSeconds);
            if (length < 0 || configCrc == 0)
            {
                return length;
            }
            int suffix = AsciiText.WriteString(buffer, length, ConfigSuffix + configCrc.ToString("X8"));
            return suffix < 0 ? -1 : length + suffix;
        }

        /// <summary>
        /// Writes <paramref name="payload"/> (<see cref="Online"/> or <see cref="Lost"/>) as ASCII into
        /// <paramref name="buffer"/> from index 0 and returns its length, or -1 when it does not fit.
        /// </summary>
        public static int Write(byte[] buffer, string payload)
        {
            return AsciiText.WriteString(buffer, 0, payload);
        }
    }
}
