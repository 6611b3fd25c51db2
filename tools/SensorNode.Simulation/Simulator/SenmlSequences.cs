using SensorNode.Core.Telemetry;
using System.Text;
using System.Text.Json;

namespace SensorNode.Simulation.Simulator;

/// <summary>Reads the reading sequence numbers out of a SenML pack (records named SenmlSchema.Sequence), as a gateway would.</summary>
public static class SenmlSequences
{
    private static readonly byte[] SequenceName = Encoding.UTF8.GetBytes("\"n\":\"" + SenmlSchema.Sequence + "\"");
    private static readonly byte[] ValueKey = "\"v\":"u8.ToArray();

    /// <summary>Calls <paramref name="onSequence"/> for each "seq" record's value; malformed JSON stops the scan.</summary>
    public static void Read(ReadOnlySpan<byte> payload, Action<uint> onSequence)
    {
        // Every simulated run sends thousands of packs, and tokenizing each whole pack was a fifth of a training run.
        // The core's own packs write a seq record as {"n":"seq"[,"t":T],"v":N} (SenmlWriter), so finding those bytes
        // reads them exactly; any other shape (not the core's writer) goes through the JSON reader.
        if (ScanCoreLayout(payload, null)) ScanCoreLayout(payload, onSequence);
        else ReadJson(payload, onSequence);
    }

    /// <summary>False when the pack is not in the core's layout; calls <paramref name="onSequence"/> (when given) as it goes, so check first.</summary>
    private static bool ScanCoreLayout(ReadOnlySpan<byte> payload, Action<uint>? onSequence)
    {
        if (payload.Length < 2 || payload[0] != (byte)'[' || payload[^1] != (byte)']') return false;
        int at = 0;
        while (true)
        {
            int found = payload[at..].IndexOf(SequenceName);
            if (found < 0) return true;
            at += found + SequenceName.Length;
            int recordEnd = payload[at..].IndexOf((byte)'}');
            if (recordEnd < 0) return false;
            ReadOnlySpan<byte> rest = payload.Slice(at, recordEnd);
            int value = rest.IndexOf(ValueKey);
            if (value < 0) return false;
            ReadOnlySpan<byte> digits = rest[(value + ValueKey.Length)..];
            if (digits.Length == 0 || digits.Length > 10) return false;
            ulong n = 0;
            foreach (byte b in digits)
            {
                if (b < (byte)'0' || b > (byte)'9') return false;
                n = n * 10 + (ulong)(b - '0');
            }
            if (n > uint.MaxValue) return false;
            if (n >= 1) onSequence?.Invoke((uint)n);
            at += recordEnd + 1;
        }
    }

    private static void ReadJson(ReadOnlySpan<byte> payload, Action<uint> onSequence)
    {
        var reader = new Utf8JsonReader(payload);
        bool isSeq = false;
        double value = -1;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        isSeq = false;
                        value = -1;
                        break;
                    case JsonTokenType.PropertyName when reader.ValueTextEquals("n"u8):
                        reader.Read();
                        isSeq = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(SenmlSchema.Sequence);
                        break;
                    case JsonTokenType.PropertyName when reader.ValueTextEquals("v"u8):
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Number) value = reader.GetDouble();
                        break;
                    case JsonTokenType.EndObject:
                        if (isSeq && value >= 1) onSequence((uint)value);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A gateway dead-letters malformed packs; the simulator only ever sees the core's own.
        }
    }
}
