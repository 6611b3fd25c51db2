using System.Collections;
using SensorNode.Core.Config;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Telemetry
{
    /// <summary>
    /// The retained message a node without a trustworthy configuration publishes on
    /// <see cref="MqttTopics.Fault"/> under its <see cref="UnconfiguredIdentity"/> (docs/mqtt.md, docs/recovery.md).
    /// ASCII text, lines separated by '\n': first "fault:&lt;code&gt; cfg=&lt;8 hex | none&gt;", then the first
    /// <see cref="MaxErrors"/> configuration errors as "&lt;file&gt;:&lt;line&gt; [section] key: message", each cut at
    /// <see cref="MaxErrorLength"/> characters. Error messages never hold secret values (<see cref="ConfigError"/>).
    /// </summary>
    public static class FaultReport
    {
        /// <summary>Start of the first line.</summary>
        public const string Prefix = "fault:";

        /// <summary>Errors listed at most.</summary>
        public const int MaxErrors = 3;

        /// <summary>Longest error line, characters.</summary>
        public const int MaxErrorLength = 120;

        /// <summary>Buffer length that holds every report: the first line plus <see cref="MaxErrors"/> lines.</summary>
        public const int MaxLength = 48 + MaxErrors * (MaxErrorLength + 1);

        /// <summary>
        /// Writes the report into <paramref name="buffer"/> from index 0 and returns its length, or -1 when it does not
        /// fit. <paramref name="configCrc"/> 0 is written as "none" (no intact nf.config).
        /// </summary>
        public static int Write(byte[] buffer, string faultCode, uint configCrc, ArrayList errors)
        {
            string text = Prefix + faultCode + " cfg=" + (configCrc == 0 ? "none" : configCrc.ToString("X8"));
            int count = errors == null ? 0 : errors.Count;
            for (int i = 0; i < count && i < MaxErrors; i++)
            {
                string line = ((ConfigError)errors[i]).ToString();
                if (line.Length > MaxErrorLength)
                {
                    line = line.Substring(0, MaxErrorLength);
                }

                text = text + "\n" + line;
            }

            return AsciiText.WriteString(buffer, 0, text);
        }
    }
}
