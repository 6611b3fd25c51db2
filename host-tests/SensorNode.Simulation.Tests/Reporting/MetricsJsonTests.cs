using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Reporting;

public sealed class MetricsJsonTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string dir;

    public MetricsJsonTests() => dir = temp.Path;

    public void Dispose() => temp.Dispose();

    private static PropertyInfo[] MetricsProperties()
        => typeof(SimulationMetrics).GetProperties().OrderBy(p => p.MetadataToken).ToArray();

    [Fact]
    public void SyntheticMetrics_SetEveryPropertyAwayFromItsDefault()
    {
        // Guards the round-trip test: a property added later must get a value there too.
        var full = SyntheticRun.Metrics();
        var empty = new SimulationMetrics();
        foreach (PropertyInfo p in MetricsProperties())
        {
            Assert.False(ValuesEqual(p.GetValue(full), p.GetValue(empty)), $"{p.Name} keeps its default in SyntheticRun.Metrics()");
        }
    }

    [Fact]
    public void SerializeThenDeserialize_PreservesEveryProperty()
    {
        var original = SyntheticRun.Metrics();

        var back = MetricsJson.Deserialize(MetricsJson.Serialize(original));

        foreach (PropertyInfo p in MetricsProperties())
        {
            Assert.True(ValuesEqual(p.GetValue(original), p.GetValue(back)), $"{p.Name} changed in the round trip");
        }
    }

    [Fact]
    public void Serialize_UsesTheSnakeCaseNames()
    {
        string json = MetricsJson.Serialize(SyntheticRun.Metrics());

        Assert.Contains("\"events_captured\": 19,", json);
        Assert.Contains("\"energy_per_delivered_reading_mj\": 28.023255813953487,", json);
        Assert.Contains("\"delivery_latency_p95_s\": 3540.4,", json);
        Assert.Contains("\"wifi_associate\": 45\n", json);
        Assert.Contains("\"faults_injected\": {", json);
        Assert.DoesNotContain("EventsCaptured", json);
    }

    [Fact]
    public void Serialize_WritesPropertiesInDeclarationOrder_AndDictionaryKeysSorted()
    {
        string json = MetricsJson.Serialize(SyntheticRun.Metrics());

        int[] positions = MetricsProperties()
            .Select(p => json.IndexOf($"\"{p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name}\":", StringComparison.Ordinal))
            .ToArray();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.OrderBy(i => i), positions);
        Assert.True(json.IndexOf("\"flash_refuse\"", StringComparison.Ordinal) < json.IndexOf("\"wifi_drop\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Serialize_IsIndentedWithNewlineLineEndings()
    {
        string json = MetricsJson.Serialize(SyntheticRun.Metrics());

        Assert.StartsWith("{\n  \"policy\": \"heuristic\",\n", json);
        Assert.EndsWith("}\n", json);
        Assert.DoesNotContain("\r", json);
    }

    [Theory]
    [InlineData(0.1 + 0.2)]
    [InlineData(1e-7)]
    [InlineData(123456789.123456789)]
    [InlineData(-0.0001234567890123)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    public void Serialize_WritesDoublesThatReadBackBitIdentical(double value)
    {
        var m = new SimulationMetrics { EnergyHarvestedJ = value };
        m.EnergySpentByPhaseJ["sleep"] = value;

        var back = MetricsJson.Deserialize(MetricsJson.Serialize(m));

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back.EnergyHarvestedJ));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back.EnergySpentByPhaseJ["sleep"]));
    }

    [Fact]
    public void Serialize_WritesShortestRoundTripForm()
    {
        string json = MetricsJson.Serialize(new SimulationMetrics { EnergyHarvestedJ = 0.1 + 0.2, EnergySpentJ = 0.5 });

        Assert.Contains("\"energy_harvested_j\": 0.30000000000000004,", json);
        Assert.Contains("\"energy_spent_j\": 0.5,", json);
    }

    [Fact]
    public void Serialize_IgnoresTheCurrentCulture()
    {
        string json = WithCulture("de-DE", () => MetricsJson.Serialize(SyntheticRun.Metrics()));

        Assert.Contains("\"energy_harvested_j\": 150.25,", json);
        Assert.DoesNotContain("150,25", json);
    }

    [Fact]
    public void Serialize_WritesNonFiniteDoublesAsNull_AndReadsThemBackAsNaN()
    {
        var m = new SimulationMetrics
        {
            DeliveryLatencyP50S = double.NaN,
            DeliveryLatencyP95S = double.PositiveInfinity,
            EnergyPerDeliveredReadingMj = double.NegativeInfinity,
        };
        m.EnergySpentByPhaseJ["boot"] = double.NaN;

        string json = MetricsJson.Serialize(m);
        var back = MetricsJson.Deserialize(json);

        Assert.Contains("\"delivery_latency_p50_s\": null,", json);
        Assert.Contains("\"delivery_latency_p95_s\": null,", json);
        Assert.Contains("\"energy_per_delivered_reading_mj\": null,", json);
        Assert.Contains("\"boot\": null", json);
        Assert.True(double.IsNaN(back.DeliveryLatencyP50S));
        Assert.True(double.IsNaN(back.DeliveryLatencyP95S));
        Assert.True(double.IsNaN(back.EnergyPerDeliveredReadingMj));
        Assert.True(double.IsNaN(back.EnergySpentByPhaseJ["boot"]));
    }

    [Fact]
    public void Write_CreatesTheFolder_AndReadReturnsTheSameMetrics()
    {
        string path = Path.Combine(dir, "run", "metrics.json");
        var original = SyntheticRun.Metrics();

        MetricsJson.Write(path, original);
        var back = MetricsJson.Read(path);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'{', bytes[0]); // no byte-order mark
        Assert.Equal(MetricsJson.Serialize(original), File.ReadAllText(path));
        Assert.Equal(MetricsJson.Serialize(original), MetricsJson.Serialize(back));
    }

    [Fact]
    public void Read_ThrowsInvalidData_NamingTheFile_WhenTheFileIsNotMetrics()
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "metrics.json");
        File.WriteAllText(path, "{ \"events_total\": \"many\" }");

        var e = Assert.Throws<InvalidDataException>(() => MetricsJson.Read(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Deserialize_IgnoresUnknownProperties_AndKeepsDefaultsForMissingOnes()
    {
        var m = MetricsJson.Deserialize("{ \"events_total\": 5, \"added_in_a_later_version\": [1, 2] }");

        Assert.Equal(5, m.EventsTotal);
        Assert.Equal(1, m.Nodes);
        Assert.Empty(m.EnergySpentByPhaseJ);
    }

    [Fact]
    public void Deserialize_TurnsNullCollectionsAndStringsIntoEmptyOnes()
    {
        var m = MetricsJson.Deserialize(
            "{ \"policy\": null, \"energy_spent_by_phase_j\": null, \"faults_injected\": null, \"trace_skipped_examples\": null }");

        Assert.Equal("", m.Policy);
        Assert.Empty(m.EnergySpentByPhaseJ);
        Assert.Empty(m.FaultsInjected);
        Assert.Empty(m.TraceSkippedExamples);
    }

    [Fact]
    public void Deserialize_ThrowsJsonException_ForLiteralNull()
        => Assert.Throws<System.Text.Json.JsonException>(() => MetricsJson.Deserialize("null"));

    internal static T WithCulture<T>(string name, Func<T> action)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static bool ValuesEqual(object? a, object? b)
    {
        if (a is IDictionary da && b is IDictionary db)
        {
            return da.Count == db.Count && da.Keys.Cast<object>().All(k => db.Contains(k) && ValuesEqual(da[k], db[k]));
        }

        if (a is IList la && b is IList lb)
        {
            return la.Count == lb.Count && Enumerable.Range(0, la.Count).All(i => ValuesEqual(la[i], lb[i]));
        }

        return Equals(a, b);
    }
}
