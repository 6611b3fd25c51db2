using System.Text.Json;
using SensorNode.Cli;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli.Tests;

/// <summary>
/// `sensornode profile --from-bench`: bench measurements (key = value unit) become a profile that
/// `sensornode simulate --profile` takes; every bad line is refused as file:line, unknown keys included, and every
/// figure not measured keeps the reference value and is listed as such.
/// </summary>
public sealed class ProfileCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-profile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Dispatch(args);

    private string Bench(string text)
    {
        string path = Path.Combine(_dir, "bench.txt");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Measured = """
        # board 07, 2026-12-03
        name = board-07
        boot_milliseconds = 0.512 s         # 3V3 step to boot_marker rise, mean of 20
        boot_milliamps = 38.5 mA
        deep_sleep_microamps = 11.8 uA      # ext0 armed, PIR attached
        deep_sleep_timer_only_microamps = 9400 nA
        boot_radio_associates = yes         # burst before the marker
        boot_associate_milliseconds = 610 ms
        harvester_efficiency = 0.7
        """;

    [Fact]
    public void FromBench_WritesAProfile_WithMeasuredFiguresConverted_AndTheRestMarkedAsReference()
    {
        string outPath = Path.Combine(_dir, "board.json");

        var (code, stdout, stderr) = Run("profile", "--from-bench", Bench(Measured), "--out", outPath);

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        HardwareProfile p = HardwareProfile.Load(outPath);
        Assert.Equal("board-07", p.Name);
        Assert.Equal(512, p.BootMilliseconds, 9);
        Assert.Equal(38.5, p.BootMilliamps);
        Assert.Equal(11.8, p.DeepSleepMicroamps);
        Assert.Equal(9.4, p.DeepSleepTimerOnlyMicroamps, 9);
        Assert.True(p.BootRadioAssociates);
        Assert.Equal(610, p.BootAssociateMilliseconds);
        Assert.Equal(0.7, p.HarvesterEfficiency);
        Assert.StartsWith("measured on the bench: bench.txt:3 (3V3 step to boot_marker rise, mean of 20)", p.Sources["boot_milliseconds"]);
        Assert.Equal("measured on the bench: bench.txt:6", p.Sources["deep_sleep_timer_only_microamps"]);

        HardwareProfile reference = HardwareProfile.Default();
        Assert.Equal(reference.SupercapCapacitanceMillifarads, p.SupercapCapacitanceMillifarads);
        Assert.Equal("reference figure, not measured on this board: " + reference.Sources["supercap_capacitance_millifarads"], p.Sources["supercap_capacitance_millifarads"]);
        Assert.Contains("measured (7): boot_milliseconds, boot_milliamps, deep_sleep_microamps, deep_sleep_timer_only_microamps, boot_radio_associates, boot_associate_milliseconds, harvester_efficiency", stdout.Replace("\r", ""));
        Assert.Contains("reference figures kept, not measured (28): supercap_capacitance_millifarads,", stdout);
        Assert.Contains("boot_associate_milliamps", stdout.Split('\n').Single(l => l.StartsWith("reference figures kept")));
    }

    [Fact]
    public void FromBench_RoundTripsIntoTheSimulator()
    {
        string outPath = Path.Combine(_dir, "board.json");
        Assert.Equal(CommandLine.Ok, Run("profile", "--from-bench", Bench(Measured), "--out", outPath).Code);

        var (code, stdout, stderr) = Run("simulate", "--profile", outPath, "--days", "2", "--json", "--no-plots", "--out", Path.Combine(_dir, "sim"));

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);
        using var metrics = JsonDocument.Parse(stdout);
        Assert.Equal("board-07", metrics.RootElement.GetProperty("profile").GetString());
        Assert.True(metrics.RootElement.GetProperty("energy_spent_by_phase_j").GetProperty("boot_associate").GetDouble() > 0,
            "the measured boot-time association is simulated");
    }

    [Fact]
    public void EmptyBenchFile_GivesTheReferenceFigures_AllListedAsNotMeasured()
    {
        string outPath = Path.Combine(_dir, "none.json");

        var (code, stdout, _) = Run("profile", "--from-bench", Bench("# nothing measured yet\n"), "--out", outPath);

        Assert.Equal(CommandLine.Ok, code);
        HardwareProfile p = HardwareProfile.Load(outPath);
        HardwareProfile reference = HardwareProfile.Default();
        foreach (var property in typeof(HardwareProfile).GetProperties().Where(x => x.PropertyType == typeof(double) || x.PropertyType == typeof(bool)))
        {
            Assert.Equal(property.GetValue(reference), property.GetValue(p));
        }
        Assert.All(p.Sources.Values, s => Assert.StartsWith("reference figure, not measured on this board: ", s));
        Assert.Contains("measured (0): none", stdout);
        Assert.Equal("bench", p.Name);
    }

    [Theory]
    [InlineData("boot_milliseconds = 512", "bench.txt:1: boot_milliseconds: needs a unit (ms, s, us, µs)")]
    [InlineData("boot_milliseconds = 512 mA", "bench.txt:1: boot_milliseconds: unit 'mA' is not one of ms, s, us, µs")]
    [InlineData("boot_milliseconds = fast ms", "bench.txt:1: boot_milliseconds: 'fast' is not a number")]
    [InlineData("boot_milliseconds = 512 ms extra", "bench.txt:1: boot_milliseconds: expected a number and a unit (ms, s, us, µs), got '512 ms extra'")]
    [InlineData("deep_sleep_microamps = -3 uA", "bench.txt:1: deep_sleep_microamps: -3 is outside 0..100000")]
    [InlineData("boot_milliseconds = 90 s", "bench.txt:1: boot_milliseconds: 90000 is outside 0..60000")]
    [InlineData("harvester_efficiency = 75 %", "bench.txt:1: harvester_efficiency: a plain number, without a unit, got '75 %'")]
    [InlineData("harvester_efficiency = 1.2", "bench.txt:1: harvester_efficiency: 1.2 is outside 0..1")]
    [InlineData("boot_radio_associates = maybe", "bench.txt:1: boot_radio_associates: expected yes or no, got 'maybe'")]
    [InlineData("boot_ms = 512 ms", "bench.txt:1: boot_ms: unknown key (known: name, active_milliamps,")]
    [InlineData("boot_milliseconds 512 ms", "bench.txt:1: expected 'key = value unit', got 'boot_milliseconds 512 ms'")]
    [InlineData("deep_sleep_microamps = NaN uA", "bench.txt:1: deep_sleep_microamps: 'NaN' is not a number")]
    public void BadLine_IsRefusedWithFileAndLine_AndNoProfileIsWritten(string line, string message)
    {
        string outPath = Path.Combine(_dir, "bad.json");

        var (code, _, stderr) = Run("profile", "--from-bench", Bench(line + "\n"), "--out", outPath);

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains(Path.Combine(_dir, message), stderr);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public void EveryBadLineIsReportedAtOnce_WithItsOwnLineNumber_AndARepeatedKeyNamesTheFirst()
    {
        string bench = Bench("boot_milliseconds = 500 ms\n# fine\nfoo = 1\nboot_milliseconds = 510 ms\ndeep_sleep_microamps = 12 A\n");

        var (code, _, stderr) = Run("profile", "--from-bench", bench, "--out", Path.Combine(_dir, "x.json"));

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains(bench + ":3: foo: unknown key", stderr);
        Assert.Contains(bench + ":4: boot_milliseconds is already given on line 1", stderr);
        Assert.Contains(bench + ":5: deep_sleep_microamps: unit 'A' is not one of uA, µA, nA, mA", stderr);
    }

    [Fact]
    public void MeasurementsThatContradictEachOther_AreRefusedByTheProfileLoader()
    {
        var (code, _, stderr) = Run("profile", "--from-bench", Bench("brownout_millivolts = 3.4 V\n"), "--out", Path.Combine(_dir, "x.json"));

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("the measurements do not make a consistent profile", stderr);
        Assert.Contains("coldstart_millivolts: must be above brownout_millivolts", stderr);
    }

    [Fact]
    public void MissingOptionsAndFiles_AreUsageErrors()
    {
        Assert.Equal(CommandLine.Usage, Run("profile", "--out", "x.json").Code);
        Assert.Equal(CommandLine.Usage, Run("profile", "--from-bench", Bench(""), "--bogus", "1").Code);
        var (code, _, stderr) = Run("profile", "--from-bench", Path.Combine(_dir, "absent.txt"), "--out", Path.Combine(_dir, "x.json"));
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("absent.txt", stderr);
    }

    [Fact]
    public void TheExampleBenchFileInTheRepository_MakesAProfile()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SensorNode.sln"))) root = Path.GetDirectoryName(root)!;
        string outPath = Path.Combine(_dir, "example.json");

        var (code, stdout, stderr) = Run("profile", "--from-bench", Path.Combine(root, "firmware/SensorNode.DeviceTests/bench-measurements.example.txt"), "--out", outPath);

        Assert.True(code == CommandLine.Ok, stderr);
        Assert.Equal("example-board", HardwareProfile.Load(outPath).Name);
        Assert.Contains("measured (0): none", stdout); // every line is a commented-out reference figure
    }

    [Fact]
    public void ProfileIsListedInTheUsage_AndHasHelp()
    {
        Assert.Matches(@"profile +a hardware profile for `simulate --profile` from bench measurements", Run("help").Out);
        var (code, stdout, _) = Run("profile", "--help");
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("--from-bench <FILE>", stdout);
    }
}
