using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests;

/// <summary>`sensornode simulate` as a user runs it: files written, errors that say what and where.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(params string[] args) => CliRun.Dispatch(args);

    [Fact]
    public void Simulate_WritesMetricsAndThreePlots_AndPrintsTheSummary()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, _) = Run("simulate", "--days", "3", "--out", outDir);

        Assert.Equal(CommandLine.Ok, code);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        foreach (string key in new[] { "events_total", "events_captured", "events_delivered", "readings_taken", "readings_delivered", "readings_dropped",
                     "brownouts", "dead_time_fraction", "wifi_connects", "energy_harvested_j", "energy_spent_j", "energy_spent_by_phase_j",
                     "energy_per_delivered_reading_mj", "delivery_latency_p50_s", "delivery_latency_p95_s", "simulated_days", "wall_seconds" })
            Assert.True(metrics.RootElement.TryGetProperty(key, out _), $"metrics.json lacks {key}");
        Assert.Equal(3, metrics.RootElement.GetProperty("simulated_days").GetDouble(), 6);
        foreach (string png in new[] { "supercap.png", "events.png", "energy.png" })
            Assert.True(new FileInfo(Path.Combine(outDir, png)).Length > 1000, png);
        Assert.Contains("events", stdout);
    }

    [Fact]
    public void Simulate_NamesEveryFileItWrote()
    {
        // occupancy-details.json was written but left out of the "wrote" line.
        string outDir = Path.Combine(_dir, "out");
        var (code, stdout, error) = Run("simulate", "--days", "2", "--out", outDir);

        Assert.True(code == CommandLine.Ok, error);
        string wrote = stdout.Split('\n').Single(l => l.StartsWith("wrote ", StringComparison.Ordinal)).TrimEnd();
        string[] named = wrote["wrote ".Length..].Split(", ").Select(Path.GetFileName).ToArray()!;
        Assert.Equal(Directory.GetFiles(outDir).Select(Path.GetFileName).Order(), named.Order());
    }

    [Fact]
    public void Json_PrintsTheSameMetricsAsTheFile()
    {
        string outDir = Path.Combine(_dir, "json");
        var (code, stdout, stderr) = Run("simulate", "--days", "2", "--json", "--no-plots", "--out", outDir, "--seed", "4");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal(File.ReadAllText(Path.Combine(outDir, "metrics.json")).Trim(), stdout.Trim());
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("--days x", "--days: expected an integer")]
    [InlineData("--faults wifi=2", "wifi=<probability 0..1>")]
    [InlineData("--faults lightning=0.1", "unknown fault 'lightning'")]
    [InlineData("--faults wifi=0.05,crc=0.01,wifi=0.5", "--faults: wifi is given twice")]
    [InlineData("--policy fixed:7m", "is not one of the node's wake intervals")]
    [InlineData("--environment cave", "cave")]
    [InlineData("--broker http://x", "--broker")]
    public void BadOptions_ExitWithUsage_AndSayWhatIsWrong(string arguments, string expected)
    {
        var (code, _, stderr) = Run(new[] { "simulate" }.Concat(arguments.Split(' ')).ToArray());

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void MissingTrace_NamesTheFile()
    {
        string missing = Path.Combine(_dir, "nope.csv");
        var (code, _, stderr) = Run("simulate", "--trace", missing);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(missing, stderr);
    }

    [Fact]
    public void CsvTrace_WithMalformedRows_RunsAndReportsThemWithFileAndLine()
    {
        string trace = Path.Combine(_dir, "room.csv");
        var lines = new List<string> { "timestamp,lux,pir" };
        for (int minute = 0; minute < 2 * 1440; minute += 10)
            lines.Add($"{1727654400 + minute * 60},{(minute % 1440 > 480 && minute % 1440 < 1080 ? 400 : 5)},{(minute % 120 == 0 ? 1 : 0)}");
        lines.Insert(5, "not-a-time,300,0");
        lines.Insert(9, "1727657000,lots,0");
        File.WriteAllLines(trace, lines);
        string outDir = Path.Combine(_dir, "trace");

        var (code, _, stderr) = Run("simulate", "--trace", trace, "--out", outDir, "--no-plots");

        Assert.Equal(CommandLine.Ok, code);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("trace_rows_skipped").GetInt64());
        string examples = metrics.RootElement.GetProperty("trace_skipped_examples").ToString();
        Assert.Contains("room.csv:6", examples);
        Assert.Contains("room.csv:10", examples);
        Assert.True(metrics.RootElement.GetProperty("events_total").GetInt64() > 0);
        Assert.Contains("skipped", stderr);
    }

    [Fact]
    public void TraceWithNoUsableRows_IsAClearError()
    {
        string trace = Path.Combine(_dir, "empty.csv");
        File.WriteAllLines(trace, new[] { "timestamp,lux", "garbage,row", "more,garbage" });

        var (code, _, stderr) = Run("simulate", "--trace", trace);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("empty.csv", stderr);
    }

    [Fact]
    public void Fleet_ReportsAllNodes()
    {
        string outDir = Path.Combine(_dir, "fleet");
        var (code, _, _) = Run("simulate", "--days", "2", "--nodes", "3", "--out", outDir, "--no-plots", "--quiet");

        Assert.Equal(CommandLine.Ok, code);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        Assert.Equal(3, metrics.RootElement.GetProperty("nodes").GetInt32());
    }

    [Fact]
    public void UnknownCommand_ListsTheCommands()
    {
        var (code, _, stderr) = Run("levitate");

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("simulate", stderr);
    }
}
