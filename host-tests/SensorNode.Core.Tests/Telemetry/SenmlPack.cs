using Xunit;
using System.Text.Json;

namespace SensorNode.Core.Tests.Telemetry;

/// <summary>
/// A minimal SenML (RFC 8428) JSON resolver for tests: applies base name and base time to each record and
/// groups records under the preceding "seq" record, as docs/mqtt.md tells the gateway to.
/// </summary>
internal static class SenmlPack
{
    internal sealed record Record(string FullName, string Name, string? Unit, long Time, decimal Value, uint? Seq);

    internal static List<Record> Resolve(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        string baseName = "";
        long baseTime = 0;
        uint? seq = null;
        var records = new List<Record>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.TryGetProperty("bn", out var bn)) baseName = bn.GetString()!;
            if (element.TryGetProperty("bt", out var bt)) baseTime = bt.GetInt64();
            string name = element.GetProperty("n").GetString()!;
            string? unit = element.TryGetProperty("u", out var u) ? u.GetString() : null;
            long time = baseTime + (element.TryGetProperty("t", out var t) ? t.GetInt64() : 0);
            decimal value = element.GetProperty("v").GetDecimal();
            if (name == "seq") seq = (uint)value;
            records.Add(new Record(baseName + name, name, unit, time, value, seq));
        }
        return records;
    }
}
