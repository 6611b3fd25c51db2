using System.Text.Json;

namespace SensorNode.Cli.Tests;

public sealed class OccupancyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-occupancy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Keys =
    [
        "slot_accuracy", "false_vacant_fraction", "false_occupied_fraction", "unknown_fraction",
        "vacant_hours_declared_fraction", "arrival_latency_p95_s", "departure_latency_p95_s",
    ];

    [Fact]
    public void Evaluate_WritesOccupancyJson_WithExactlyTheIssueKeys_ForEveryPolicyAndUnderNaive()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, _, err) = CliRun.Dispatch("occupancy", "evaluate", "--days", "2", "--policies", "built-in,fixed-15m", "--no-plots", "--quiet", "--out", outDir);

        Assert.True(code == 0, err);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "occupancy.json")));
        // The policies, then what the rules allow a node that never stops watching (docs/occupancy.md, "What the rules allow").
        Assert.Equal(["built-in", "fixed-15m", "bound:always-watching"], json.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (JsonProperty policy in json.RootElement.EnumerateObject())
        {
            Assert.Equal([.. Keys, "naive"], policy.Value.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal(Keys, policy.Value.GetProperty("naive").EnumerateObject().Select(p => p.Name).ToArray());
            double accuracy = policy.Value.GetProperty("slot_accuracy").GetDouble();
            Assert.InRange(accuracy, 0, 1);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "occupancy-truth.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "occupancy-details.json")));
    }

    [Fact]
    public void Simulate_WritesTheTruthAndOccupancy_BesideMetrics()
    {
        string outDir = Path.Combine(_dir, "sim");
        var (code, _, err) = CliRun.Dispatch("simulate", "--days", "1", "--quiet", "--no-plots", "--out", outDir);

        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(outDir, "occupancy-truth.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "occupancy.json")));
    }

    [Fact]
    public void Query_RecomputesStoresAndExportsTheRoomsSlots()
    {
        string db = Path.Combine(_dir, "gateway.db");
        const long start = 1_727_690_400; // Monday 10:00 UTC
        using (var store = SensorNode.Gateway.ReadingStore.Open(db))
        {
            // Motion at 10:00, then armed 5-min sleeps without motion for an hour.
            var readings = Enumerable.Range(0, 13).Select(i => new SensorNode.Core.Storage.Reading
            {
                Sequence = (uint)(i + 1), UnixSeconds = start + i * 300L, MotionEvents = i == 0 ? 1 : 0, ArmedSeconds = 295,
            }).ToArray();
            var writer = new SensorNode.Core.Telemetry.SenmlWriter(SensorNode.Core.Telemetry.SenmlWriter.CapacityFor(readings.Length));
            Assert.True(writer.TryEncode("node-01", readings, readings.Length, new SensorNode.Core.Telemetry.EnergyTelemetry()));
            Assert.True(SensorNode.Gateway.SenmlDecoder.TryDecode("sensornode/node-01/state", writer.Buffer.AsSpan(0, writer.Length).ToArray(),
                "sensornode", start + 4000, out var pack, out string reason), reason);
            store.Store(pack!, (start + 3700) * 1000);
            store.SetRoom("node-01", "office 1");
        }
        string csv = Path.Combine(_dir, "occupancy.csv");

        var (code, _, err) = CliRun.Dispatch("occupancy", "--db", db, "--room", "office 1", "--csv", csv);

        Assert.True(code == 0, err);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(SensorNode.Gateway.OccupancyCsv.Header, lines[0]);
        Assert.StartsWith("office 1,1727690400,2024-09-30T10:00:00Z,occupied,", lines[1]);
        Assert.Contains(lines.Skip(1), l => l.Contains(",vacant,watched "));
        using var reopened = SensorNode.Gateway.ReadingStore.Open(db);
        Assert.Equal(lines.Length - 1, reopened.QueryOccupancy("office 1").Count);
    }

    [Fact]
    public void Query_UnknownDatabase_IsAOneLineFailure_AndBadRulesAUsageError()
    {
        var (code, _, err) = CliRun.Dispatch("occupancy", "--db", Path.Combine(_dir, "missing.db"));
        Assert.Equal(1, code);
        Assert.Contains("not found", err);

        var (usage, _, usageErr) = CliRun.Dispatch("occupancy", "evaluate", "--schedule", "19-07");
        Assert.Equal(2, usage);
        Assert.Contains("--schedule", usageErr);
    }

    [Fact]
    public void Query_FromNotBeforeTo_IsAUsageError_NotAnEmptyTable()
    {
        // Was exit 0 with the CSV header alone, as if no room had any data.
        var (code, output, err) = CliRun.Dispatch("occupancy", "--db", Path.Combine(_dir, "missing.db"), "--from", "2024-02-01", "--to", "2024-01-01");

        Assert.Equal(2, code);
        Assert.StartsWith("sensornode occupancy: --from 2024-02-01 is not before --to 2024-01-01", err);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--policies", "built-in,fixed-15m,built-in", "--policies: built-in given twice")]
    [InlineData("--seeds", "1,2,1", "--seeds: 1 given twice")]
    public void Evaluate_AnItemGivenTwice_IsAUsageError(string option, string value, string expected)
    {
        // A policy given twice ran twice and was reported once; a seed given twice weighed double in the mean.
        var (code, _, err) = CliRun.Dispatch("occupancy", "evaluate", option, value, "--days", "1", "--quiet", "--no-plots", "--out", Path.Combine(_dir, "o"));

        Assert.Equal(2, code);
        Assert.StartsWith($"sensornode occupancy evaluate: {expected}", err);
    }
}
