using System.Globalization;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests;

/// <summary>
/// Issue 11: arguments that used to end in a stack trace or run silently with a wrong meaning (reliability probe
/// section 5) are usage errors (exit 2) that name the option.
/// </summary>
public sealed class SilentWrongResultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-cli-wrong-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Dispatch(args);

    private void AssertUsage(string expected, params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("9999-12-31")]   // was ArgumentOutOfRangeException (un-representable DateTime), exit 134
    [InlineData("2106-02-06")]   // the run's end is past the node's 32-bit Unix time
    [InlineData("0001-01-01")]   // was exit 0 with negative Unix times in the packs
    public void Simulate_StartOutsideTheNodesClock_IsAUsageError(string start) =>
        AssertUsage($"--start {start}: the 2-day run must lie between 1970-01-01 and 2106-02-07", "simulate", "--start", start, "--days", "2", "--quiet", "--out", Path.Combine(_dir, "o"));

    [Theory]
    [InlineData("wifi=NaN")]
    [InlineData("crc=Infinity")]
    [InlineData("i2c-nack=-Infinity")]
    public void Simulate_FaultProbabilityNotANumber_IsRefused(string spec) =>
        AssertUsage($"'{spec}': expected", "simulate", "--faults", spec, "--days", "1", "--quiet", "--out", Path.Combine(_dir, "o"));

    // TrainCommand.ParseNumbers also reads train --stress-light.
    [Fact]
    public void PolicyAssess_StartVoltsNaN_IsRefused() =>
        AssertUsage("--start-volts: expected positive numbers", "policy", "assess", "built-in", "--start-volts", "4.0,NaN");

    [Theory]
    [InlineData("fixed:268435457h")]  // 268435457 h * 3600 s wrapped around to 1 h
    [InlineData("fixed:1073741884m")] // wrapped around to 1 h as well
    [InlineData("fixed:999999h")]     // was "-694970896 s"
    public void Simulate_FixedIntervalPastIntSeconds_IsRefusedNotWrapped(string policy) =>
        AssertUsage($"'{policy["fixed:".Length..]}': too long", "simulate", "--policy", policy, "--days", "1", "--quiet", "--out", Path.Combine(_dir, "o"));

    [Fact]
    public void Simulate_TimeReversedTrace_IsRefusedWithFileAndLine()
    {
        string trace = Path.Combine(_dir, "reversed.csv");
        var start = new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 2880).Reverse()
            .Select(i => start.AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + ",100,0");
        File.WriteAllLines(trace, rows.Prepend("timestamp,lux,pir"));

        var (code, _, stderr) = Run("simulate", "--trace", trace, "--quiet", "--no-plots", "--out", Path.Combine(_dir, "o"));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"{trace}:3: time goes back", stderr);
        Assert.Contains("2879 of 2880 rows go back in time: sort the file by time", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "o", "metrics.json")));
    }

    [Fact]
    public void PolicyAssess_TraceWithSkippedRows_NamesThemLikeSimulate()
    {
        // policy assess, evaluate, sweep and train dropped a trace's bad rows without a word; simulate listed them.
        string trace = OneBadRowTrace();

        var (code, _, stderr) = Run("policy", "assess", "built-in", "--trace", trace, "--days", "1");

        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains($"{trace}: 1440 rows read, 1439 accepted, 1 skipped (BadLux 1)", stderr);
        Assert.Contains($"{trace}:7: BadLux: lux 'abc' is not a number >= 0", stderr);
    }

    [Fact]
    public void OccupancyEvaluate_TraceWithSkippedRows_NamesThemOnce()
    {
        // occupancy evaluate dropped a trace's bad rows without a word; it reads the trace once per seed.
        string trace = OneBadRowTrace();

        var (code, _, stderr) = Run("occupancy", "evaluate", "--trace", trace, "--days", "1", "--seeds", "1,2", "--quiet", "--no-plots",
            "--out", Path.Combine(_dir, "occ"));

        Assert.Equal(CommandLine.Ok, code);
        string summary = $"{trace}: 1440 rows read, 1439 accepted, 1 skipped (BadLux 1)";
        Assert.Contains(summary, stderr);
        Assert.Equal(stderr.IndexOf(summary, StringComparison.Ordinal), stderr.LastIndexOf(summary, StringComparison.Ordinal));
    }

    // A day of minute rows, the 6th with a lux that is not a number.
    private string OneBadRowTrace()
    {
        string trace = Path.Combine(_dir, "one-bad-row.csv");
        var start = new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 1440).Select(i => start.AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + (i == 5 ? ",abc,0" : ",100,0"));
        File.WriteAllLines(trace, rows.Prepend("timestamp,lux,pir"));
        return trace;
    }
}
