using SensorNode.Core.Numerics;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// The payload of the retained app topic ("&lt;prefix&gt;/&lt;node&gt;/app", docs/mqtt.md), ASCII: "&lt;version&gt;" the
    /// node runs (0: the application flashed with nanoff), then, after a rollback, " rolled-back &lt;version&gt; &lt;reason&gt;"
    /// (the abandoned set and one word from <see cref="ReasonWord"/>). Published once after each change the loader records.
    /// </summary>
    public static class AppReport
    {
        /// <summary>Between the running version and the abandoned one.</summary>
        public const string RolledBackInfix = " rolled-back ";
        /// <summary>Buffer length that holds every report: two u32s, the infix and the longest reason.</summary>
        public const int MaxLength = 10 + 13 + 10 + 1 + 17;

        /// <summary>The reason's word: "failed-first-wake", "bad-image", "load-failed"; null for none.</summary>
        public static string ReasonWord(RollbackReason reason)
        {
            switch (reason)
            {
                case RollbackReason.FailedFirstWake: return "failed-first-wake";
                case RollbackReason.BadImage: return "bad-image";
                case RollbackReason.LoadFailed: return "load-failed";
                default: return null;
            }
        }

        /// <summary>Writes the report of <paramref name="record"/> at index 0; returns its length, or -1 when it does not fit.</summary>
        public static int Write(byte[] buffer, LoaderRecord record)
        {
            int at = AsciiText.WriteInt64(buffer, 0, record.RunningVersion);
            string reason = ReasonWord(record.RollbackReason);
            if (at < 0 || reason == null || record.RolledBackVersion == 0)
            {
                return at;
            }
            int n = AsciiText.WriteString(buffer, at, RolledBackInfix);
            if (n < 0)
            {
                return -1;
            }
            at += n;
            n = AsciiText.WriteInt64(buffer, at, record.RolledBackVersion);
            if (n < 0)
            {
                return -1;
            }
            at += n;
            n = AsciiText.WriteString(buffer, at, " " + reason);
            return n < 0 ? -1 : at + n;
        }
    }
}
