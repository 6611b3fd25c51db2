using SensorNode.Cli;
using Xunit;

namespace SensorNode.Cli.Tests.Train;

public class TrainCommandTests
{
    private static (int Code, string Out, string Err) Run(Func<string[], TextWriter, TextWriter, int> command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = command(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--out", "x.bin")]                                   // no trace
    [InlineData("--trace", "missing-file.txt", "--out", "x.bin")]    // unreadable trace
    [InlineData("--trace", "a.txt")]                                 // no --out
    [InlineData("--trace", "a.txt", "--out", "x.bin", "--train-days", "5..2")]
    [InlineData("--trace", "a.txt", "--out", "x.bin", "--days", "5..2")]     // the old range spelling of --days
    [InlineData("--trace", "a.txt", "--out", "x.bin", "--episodes", "0")]
    [InlineData("--trace", "a.txt", "--out", "x.bin", "--bogus", "1")]
    [InlineData("--trace")]
    [InlineData("--fleet", "--trace", "a.txt", "--out", "x.bin")]
    public void Train_ReturnsUsage_ForBadArguments(params string[] args)
    {
        var (code, _, err) = Run(TrainCommand.Run, args);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("sensornode train:", err);
    }

    [Fact]
    public void Train_ReturnsUsage_ForAConfigWhoseServiceSectionIsInvalid()
    {
        string config = Path.Combine(Path.GetTempPath(), "nf-" + Guid.NewGuid().ToString("N") + ".config");
        File.WriteAllText(config, "[service]\nweight_arrivals = lots\narrival_gap_minutes = 0\n");
        try
        {
            var (code, _, err) = Run(TrainCommand.Run, "--trace", "missing-file.txt", "--out", "x.bin", "--config", config);
            Assert.Equal(CommandLine.Usage, code);
            Assert.Contains("weight_arrivals", err);
            Assert.Contains("arrival_gap_minutes", err);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void DayRange_ReadsRanges_AndRefusesOthers()
    {
        Assert.True(DayRange.TryParse("0..20", out DayRange range));
        Assert.Equal(new DayRange(0, 20), range);
        Assert.False(DayRange.TryParse("3", out _));
        Assert.False(DayRange.TryParse("-1..2", out _));
        Assert.False(DayRange.TryParse("5..2", out _));
    }

    [Fact]
    public void Train_OldRangeSpellingOfDays_IsAUsageErrorNamingTheNewOption()
    {
        var (code, _, err) = Run(TrainCommand.Run, "--trace", "t.csv", "--days", "0..20", "--out", "x.bin");
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("--train-days A..B", err);
    }

    [Fact]
    public void Policy_ReturnsUsage_ForAMissingOrInvalidFile()
    {
        Assert.Equal(CommandLine.Usage, Run(PolicyCommand.Run, "show").Code);
        Assert.Equal(CommandLine.Usage, Run(PolicyCommand.Run, "frobnicate", "x.bin").Code);
        string bad = Path.GetTempFileName();
        File.WriteAllBytes(bad, new byte[] { 1, 2, 3 });
        var (code, _, err) = Run(PolicyCommand.Run, "show", bad);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("TooShort", err);
    }

    [Fact]
    public void PolicyExport_WritesTheSourceAndReportsTheSize()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string bin = Path.Combine(dir, "policy.bin");
        File.WriteAllBytes(bin, SensorNode.Core.Policy.PolicyTable.BuiltIn().Serialize());
        string cs = Path.Combine(dir, "T.cs");
        var (code, _, err) = Run(PolicyCommand.Run, "export", bin, "--out", cs);
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("1746 bytes serialized (1728 action codes + 18 header and CRC), limit 2048 bytes: OK", err);
        Assert.Contains("internal static class TrainedPolicyTable", File.ReadAllText(cs));
        var show = Run(PolicyCommand.Run, "show", bin);
        Assert.Equal(CommandLine.Ok, show.Code);
        Assert.Contains("voltage critical", show.Out);
    }

    [Fact]
    public void Train_WritesThePriorTable_WithNoHistory()
    {
        string bin = Path.Combine(Path.GetTempPath(), $"prior-{Guid.NewGuid():N}.bin");
        var (code, output, _) = Run(TrainCommand.Run, "--no-history", "--out", bin);
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("prior table", output);
        Assert.Equal(SensorNode.Simulation.Training.PriorTable.Build().Serialize(), File.ReadAllBytes(bin));
        File.Delete(bin);
    }

    [PibleTraceSimulationTests.RequiresTraceFact]
    public void PolicyAssess_ReportsNoBrownout_ForTheBuiltInTableOnTheFirstOfficeDays()
    {
        var (code, output, _) = Run(PolicyCommand.Run, "assess", "built-in", "--trace", PibleTraceSimulationTests.SharedTrace()!, "--test-days", "0..2", "--start-volts", "4.0");
        Assert.Equal(CommandLine.Ok, code);
        Assert.Contains("| 4.0 V |", output);
        Assert.Contains("| 0 |", output);
    }
}
