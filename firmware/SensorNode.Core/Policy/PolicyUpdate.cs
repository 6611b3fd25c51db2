using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core.Policy
{
    /// <summary>
    /// Applies a "policy" command (docs/mqtt.md): parses "&lt;id&gt;\n&lt;table&gt;", validates the table with
    /// <see cref="PolicyTable.TryLoad"/> and writes it over <see cref="PolicyStore.FileName"/>.
    /// Torn writes: storage has no rename, so the file is overwritten in place. A power cut mid-write leaves a file
    /// whose CRC-32 fails; <see cref="PolicyStore.LoadOrBuiltIn"/> then runs the built-in table (and reports
    /// <see cref="PolicyLoadError.BadCrc"/> or <see cref="PolicyLoadError.TooShort"/>). The command was not acknowledged,
    /// so it is still retained on the broker and the next wake above the safe voltage writes it again.
    /// </summary>
    public static class PolicyUpdate
    {
        /// <summary>Command name: the topic is "&lt;prefix&gt;/&lt;node&gt;/cmd/policy".</summary>
        public const string CommandName = "policy";

        /// <summary>Longest valid command payload, bytes: header and one serialized table (893).</summary>
        public const int MaxPayloadLength = CommandPayload.MaxHeaderLength + PolicyTable.SerializedLength;

        /// <summary>
        /// Applies the command in the first <paramref name="length"/> bytes of <paramref name="payload"/>. The table is
        /// written unless flash already holds an intact table of the same version (<paramref name="flashVersion"/> and
        /// <paramref name="flashError"/> = <see cref="PolicyLoadError.None"/>, as this wake loaded it; with no file that is
        /// the built-in table). <paramref name="commandId"/>: the id, 0 for <see cref="PolicyUpdateOutcome.BadCommand"/>.
        /// <paramref name="tableVersion"/>: the received table's version (0 unless it loaded); <paramref name="tableError"/>:
        /// why it did not. Moves the body to the start of <paramref name="payload"/> (its contents are then undefined for
        /// the caller). Never throws for bad payload contents.
        /// </summary>
        public static PolicyUpdateOutcome Apply(IPersistentStorage storage, byte[] payload, int length, uint flashVersion, PolicyLoadError flashError,
            out uint commandId, out uint tableVersion, out PolicyLoadError tableError)
        {
            return ApplyFor(storage, payload, length, flashVersion, flashError, StateEncoder.LayoutId, out commandId, out tableVersion, out tableError);
        }

        /// <summary>
        /// As above for a node whose tables have layout <paramref name="layoutId"/> (3 with the event RTC): a table of
        /// another layout is rejected as <see cref="PolicyUpdateOutcome.BadTable"/> (<see cref="PolicyLoadError.LayoutMismatch"/>).
        /// </summary>
        public static PolicyUpdateOutcome ApplyFor(IPersistentStorage storage, byte[] payload, int length, uint flashVersion, PolicyLoadError flashError,
            int layoutId, out uint commandId, out uint tableVersion, out PolicyLoadError tableError)
        {
            tableVersion = 0;
            tableError = PolicyLoadError.None;
            int bodyStart = CommandPayload.TryParseHeader(payload, length, out commandId);
            if (bodyStart < 0)
            {
                return PolicyUpdateOutcome.BadCommand;
            }
            // TryLoad reads from index 0: shift the body down (forward copy, the regions overlap with dest < src).
            int bodyLength = length - bodyStart;
            for (int i = 0; i < bodyLength; i++)
            {
                payload[i] = payload[bodyStart + i];
            }
            PolicyTable table;
            if (!PolicyTable.TryLoadFor(payload, bodyLength, layoutId, out table, out tableError))
            {
                return PolicyUpdateOutcome.BadTable;
            }
            tableVersion = table.Version;
            if (flashError == PolicyLoadError.None && flashVersion == table.Version)
            {
                // Versions name tables: the same version again (a resent command) costs no flash wear.
                return PolicyUpdateOutcome.AlreadyInEffect;
            }
            // A longer leftover file would keep trailing bytes after an in-place write: remove it first.
            if (storage.GetLength(PolicyStore.FileName) > bodyLength && !storage.Delete(PolicyStore.FileName))
            {
                return PolicyUpdateOutcome.WriteFailed;
            }
            return storage.Write(PolicyStore.FileName, 0, payload, 0, bodyLength) ? PolicyUpdateOutcome.Applied : PolicyUpdateOutcome.WriteFailed;
        }

        /// <summary>The one-word ack reason (<see cref="CommandAck"/>) of a rejected outcome; null for None, Applied and AlreadyInEffect.</summary>
        public static string RejectReason(PolicyUpdateOutcome outcome)
        {
            switch (outcome)
            {
                case PolicyUpdateOutcome.BadCommand:
                    return CommandAck.BadCommand;
                case PolicyUpdateOutcome.BadTable:
                    return CommandAck.BadTable;
                case PolicyUpdateOutcome.WriteFailed:
                    return CommandAck.WriteFailed;
                default:
                    return null;
            }
        }
    }
}
