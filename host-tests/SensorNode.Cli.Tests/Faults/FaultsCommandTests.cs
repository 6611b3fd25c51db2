using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Faults;

/// <summary>
/// `sensornode faults` end to end on a small simulated building: harvesting nodes on the real core, their delivered
/// readings through the gateway's decoder into its store, the detector on what was stored.
/// </summary>
public sealed class FaultsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Dispatch(args);

    private string Building(string faults)
    {
        string path = Path.Combine(_dir, $"building-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "name": "ci", "start": "2024-11-04", "days": 12, "seed": 11, "room_count": 10,
              "faults": [ {{faults}} ] }
            """);
        return path;
    }

    private JsonElement Detect(string db, out string stdout)
    {
        string outDir = Path.Combine(_dir, "detect-" + Path.GetFileNameWithoutExtension(db));
        var (code, output, error) = Run("faults", "--db", db, "--out", outDir);
        Assert.True(code == CommandLine.Ok, error);
        stdout = output;
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "faults.json"))).RootElement;
    }

    [Fact]
    public void Faults_FlagsTheRoomWithAStuckValve_FromHarvestingReadings_WithinAWeek()
    {
        string db = Path.Combine(_dir, "hot.db");
        var (code, simOut, simErr) = Run("faults", "simulate", "--building-spec", Building("""{ "room": "r04", "kind": "stuck-open-hot", "start_day": 3, "magnitude": 0.8 }"""),
            "--db", db, "--out", Path.Combine(_dir, "sim"), "--quiet");
        Assert.True(code == CommandLine.Ok, simErr);
        Assert.Contains("readings stored", simOut);
        Assert.Contains("ci,r04,ci-r04,stuck-open-hot,3,2024-11-07,0.8", File.ReadAllText(Path.Combine(_dir, "sim", "faults-truth.csv")));

        JsonElement report = Detect(db, out string stdout);
        var flagged = report.GetProperty("rooms").EnumerateArray().Where(r => r.GetProperty("flagged").GetBoolean()).ToList();
        JsonElement room = Assert.Single(flagged);
        Assert.Equal("r04", room.GetProperty("room").GetString());
        string alarm = room.GetProperty("alarm").GetString()!;
        Assert.InRange(string.CompareOrdinal(alarm, "2024-11-07"), 0, int.MaxValue);
        Assert.True(string.CompareOrdinal(alarm, "2024-11-14") <= 0, $"found on {alarm}, more than 7 days after the start");
        Assert.Contains(room.GetProperty("findings").EnumerateArray(), f => f.GetString()!.StartsWith("too hot when occupied") || f.GetString()!.StartsWith("does not set back"));
        Assert.True(room.GetProperty("excess_heat_kwh").GetDouble() > 0);
        Assert.True(new FileInfo(Path.Combine(_dir, "detect-hot", "r04.png")).Length > 1000);
        Assert.Contains("1. r04", stdout);
    }

    [Fact]
    public void Simulate_AgainIntoTheSameStore_SaysItsReadingsAreAlreadyThere_NotThatNoneWereStored()
    {
        // Was "0 readings stored in ... (0.0 per room-day)": the store keeps one reading per (node, seq), so the second
        // run's readings were all there already, which read like a failure.
        string db = Path.Combine(_dir, "again.db"), building = Building("");
        string[] args = ["faults", "simulate", "--building-spec", building, "--db", db, "--out", Path.Combine(_dir, "sim-again"), "--quiet"];
        var (code, first, error) = Run(args);
        Assert.True(code == CommandLine.Ok, error);
        long stored = long.Parse(first[..first.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stored > 1000, first);
        Assert.DoesNotContain("already there", first);

        (code, string second, error) = Run(args);

        Assert.True(code == CommandLine.Ok, error);
        Assert.StartsWith($"0 readings stored in {db}, {stored} already there (stored before under the same node and sequence number) ", second);
        Assert.Contains($"({stored / 120.0:F1} delivered per room-day)", second);
    }

    [Fact]
    public void Faults_FlagsNoRoom_InAFaultFreeBuilding()
    {
        string db = Path.Combine(_dir, "healthy.db");
        Assert.Equal(CommandLine.Ok, Run("faults", "simulate", "--building-spec", Building(""), "--db", db, "--out", Path.Combine(_dir, "sim0"), "--quiet").Code);
        JsonElement report = Detect(db, out string stdout);
        Assert.Equal(10, report.GetProperty("rooms").GetArrayLength());
        Assert.DoesNotContain(report.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("flagged").GetBoolean());
        Assert.Contains(": 0 flagged", stdout);
    }

    [Fact]
    public void Evaluate_WritesRecallPrecisionAndDaysToDetect_ForHarvestingAndReference()
    {
        string outDir = Path.Combine(_dir, "eval");
        var (code, stdout, error) = Run("faults", "evaluate", "--buildings", "1", "--room-count", "8", "--days", "12", "--hvac-faults", "2", "--seed-base", "5000", "--out", outDir, "--quiet");
        Assert.True(code == CommandLine.Ok, error);
        JsonElement result = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "faults-eval.json"))).RootElement;
        foreach (string key in new[] { "recall", "precision", "median_days_to_detect" })
        {
            Assert.True(result.TryGetProperty(key, out _), key);
            Assert.True(result.GetProperty("reference").TryGetProperty(key, out _), "reference." + key);
        }
        Assert.Equal(2, result.GetProperty("harvesting").GetProperty("faults").GetInt32());
        Assert.Equal([5000], result.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Contains("reference:", stdout);
    }

    [Fact]
    public void DocumentedExampleBuilding_FindsBothFaults_AndTakesNeitherForTheOthersNeighbour()
    {
        string? root = AppContext.BaseDirectory;
        while (root != null && !File.Exists(Path.Combine(root, "SensorNode.sln"))) root = Path.GetDirectoryName(root);
        string example = Path.Combine(root!, "docs", "examples", "building.json");
        string db = Path.Combine(_dir, "example.db");
        Assert.Equal(CommandLine.Ok, Run("faults", "simulate", "--building-spec", example, "--db", db, "--out", Path.Combine(_dir, "ex"), "--quiet").Code);
        JsonElement report = Detect(db, out _);
        var flagged = report.GetProperty("rooms").EnumerateArray().Where(r => r.GetProperty("flagged").GetBoolean()).Select(r => r.GetProperty("room").GetString()).Order().ToList();
        Assert.Equal(["103", "106"], flagged);
    }

    [Fact]
    public void Faults_WithoutADatabase_IsAUsageError()
    {
        Assert.Equal(CommandLine.Usage, Run("faults").Code);
        Assert.Equal(CommandLine.Usage, Run("faults", "simulate", "--room-count", "8").Code);
        Assert.Equal(CommandLine.Usage, Run("faults", "--db", Path.Combine(_dir, "none.db")).Code);
        Assert.Equal(CommandLine.Usage, Run("faults", "evaluate", "--tune", "--seed-base", "3").Code);
        string shortened = Building("""{ "room": "r04", "kind": "schedule-error", "start_day": 8 }""");
        var (code, _, error) = Run("faults", "simulate", "--building-spec", shortened, "--days", "5", "--db", Path.Combine(_dir, "short.db"));
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("start_day 8", error);
    }

    [Fact]
    public void Faults_ADatabaseThatIsNotSQLite_OrAnEmptyWindow_SaysSo()
    {
        string notDb = Path.Combine(_dir, "nf.config");
        File.WriteAllText(notDb, "[board]\ntarget = ESP32_REV3\n");

        var (code, _, error) = Run("faults", "--db", notDb, "--out", Path.Combine(_dir, "o"));
        var (window, _, windowError) = Run("faults", "--db", notDb, "--from", "2024-12-01", "--to", "2024-11-01");

        Assert.Equal(CommandLine.Failed, code); // was "unexpected error: SqliteException"
        Assert.Equal($"sensornode faults: database {notDb}: SQLite Error 26: 'file is not a database'.", error.Trim());
        Assert.Equal(CommandLine.Usage, window);
        Assert.StartsWith("sensornode faults: --from 2024-12-01 is after --to 2024-11-01", windowError);
    }

    [Fact]
    public void Simulate_ADatabaseThatCannotBeOne_FailsBeforeTheRun_NamingIt()
    {
        string notDb = Path.Combine(_dir, "readings.csv");
        File.WriteAllText(notDb, "node_id,seq\n");
        string outDir = Path.Combine(_dir, "sim");

        var (code, output, error) = Run("faults", "simulate", "--room-count", "5", "--days", "9", "--quiet", "--db", notDb, "--out", outDir);

        Assert.Equal(CommandLine.Failed, code); // was "unexpected error: SqliteException" after the whole run
        Assert.Equal($"sensornode faults simulate: database {notDb}: SQLite Error 26: 'file is not a database'.", error.Trim());
        Assert.Equal("", output);
        Assert.False(File.Exists(Path.Combine(outDir, "faults-truth.csv")));
    }
}
