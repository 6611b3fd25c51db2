using SensorNode.Core.Telemetry;
using System.Text.Json;

namespace SensorNode.Simulation.Simulator;

/// <summary>Reads the reading sequence numbers out of a SenML pack (records named SenmlSchema.Sequence), as a gateway would.</summary>
public static class SenmlSequences
{
    /// <summary>Calls <paramref name="onSequence"/> for each "seq" record's value; malformed JSON stops the scan.</summary>
    public static void Read(ReadOnlySpan<byte> payload, Action<uint> onSequence)
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
