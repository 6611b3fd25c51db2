using System.Text.Json;
using System.Text.Json.Serialization;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// Writes a double as its shortest round-trippable JSON number, and NaN or ±Infinity as <c>null</c>
/// (JSON has no literal for them and the default serializer throws). Reads <c>null</c> back as NaN,
/// so "not defined" (for example a latency when nothing was delivered) survives a round trip; an
/// infinity comes back as NaN too.
/// </summary>
internal sealed class NonFiniteAsNullDoubleConverter : JsonConverter<double>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
