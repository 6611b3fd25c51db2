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

    // Each case names the check that must fire: a.txt does not exist, so a bare prefix would pass whichever came first.
    [Theory]
    [InlineData("--trace FILE is required", "--out", "x.bin")]
    [InlineData("Cannot read trace file 'missing-file.txt'", "--trace", "missing-file.txt", "--out", "x.bin")]
    [InlineData("'--out' is required", "--trace", "a.txt")]
    [InlineData("--train-days: expected A..B", "--trace", "a.txt", "--out", "x.bin", "--train-days", "5..2")]
    [InlineData("a range of days is now --test-days A..B", "--trace", "a.txt", "--out", "x.bin", "--days", "5..2")]
    [InlineData("--episodes: expected an integer 1..100000, got '0'", "--trace", "a.txt", "--out", "x.bin", "--episodes", "0")]
    [InlineData("'--bogus'", "--trace", "a.txt", "--out", "x.bin", "--bogus", "1")]
    [InlineData("Required argument missing for option: '--trace'", "--trace")]
    [InlineData("--fleet takes no --trace", "--fleet", "--trace", "a.txt", "--out", "x.bin")]
    [InlineData("--ranking: 'fast' is not safety-first or priced", "--trace", "a.txt", "--out", "x.bin", "--ranking", "fast")]
    [InlineData("--strict-gate is the push gate of a retrain from the store: it needs --db", "--trace", "a.txt", "--out", "x.bin", "--strict-gate")]
    public void Train_ReturnsUsage_ForBadArguments(string expected, params string[] args)
    {
        var (code, _, err) = Run(TrainCommand.Run, args);
        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith("sensornode train:", err);
        Assert.Contains(expected, err);
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

    [Theory]
    [InlineData(new string[0], "ranking:       priced (utility over every run, brown-outs priced), 2 search sweeps")]
    [InlineData(new[] { "--ranking", "safety-first" }, "ranking:       safety-first (brown-outs above the floor first), 3 search sweeps")]
    public void Train_RanksPricedByDefault_AndSaysHowTheTableWasRanked(string[] extra, string expected)
    {
        string dir = Path.Combine(Path.GetTempPath(), "sn-train-ranking-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // Two days of an office: daylight 08:00-18:00, a motion event every half hour of it.
            var lines = new List<string> { "timestamp,lux,pir" };
            var start = new DateTimeOffset(2024, 1, 8, 0, 0, 0, TimeSpan.Zero);
            for (int minute = 0; minute < 2 * 24 * 60; minute += 15)
            {
                int hour = minute / 60 % 24;
                bool day = hour >= 8 && hour < 18;
                lines.Add($"{start.AddMinutes(minute):yyyy-MM-ddTHH:mm:ssZ},{(day ? 400 : 2)},{(day && minute % 30 == 0 ? 1 : 0)}");
            }
            string trace = Path.Combine(dir, "office.csv");
            File.WriteAllLines(trace, lines);
            string table = Path.Combine(dir, "policy.bin");

            var (code, output, error) = Run(TrainCommand.Run, ["--trace", trace, "--episodes", "2", "--quiet", "--out", table, .. extra]);

            Assert.True(code == CommandLine.Ok, error);
            Assert.Contains(expected, output);
            Assert.True(File.Exists(table));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
        Assert.Contains("truncated: fewer bytes than a whole table", err);
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

    [Fact]
    public void Train_NoHistory_RefusesTheOptionsItWouldIgnore()
    {
        string bin = Path.Combine(Path.GetTempPath(), $"prior-{Guid.NewGuid():N}.bin");
        var (code, _, error) = Run(TrainCommand.Run, "--no-history", "--config", "nf.config", "--days", "3", "--profile", "p.json", "--out", bin);
        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith("sensornode train: --no-history writes the fixed prior table: --days, --profile would have no effect on it", error);
        Assert.False(File.Exists(bin));
    }

    [Fact]
    public void Train_NoHistory_WithAnRtcConfig_WritesTheEventRtcsPrior_OfLayout3()
    {
        // Was a usage error ("--config would have no effect"), and before that the layout-2 prior, which a node with
        // the event RTC refuses (it then runs its built-in table): a new RTC site had no prior at all.
        string dir = Directory.CreateTempSubdirectory("sensornode-prior-").FullName;
        string config = Path.Combine(dir, "nf.config"), bin = Path.Combine(dir, "policy.bin");
        File.WriteAllText(config, "[mqtt]\nnode_id = rtc-01\n[rtc]\naddress = 0x52\n");

        var (code, output, error) = Run(TrainCommand.Run, "--no-history", "--config", config, "--out", bin);

        Assert.True(code == CommandLine.Ok, error);
        Assert.Equal($"wrote {bin}: the prior table (version 3099, layout 3 for the event RTC), no history", output.Trim());
        byte[] bytes = File.ReadAllBytes(bin);
        Assert.True(SensorNode.Core.Policy.PolicyTable.TryLoadFor(bytes, bytes.Length, SensorNode.Core.Policy.StateEncoder.RtcLayoutId, out var table, out var loadError), loadError.ToString());
        Assert.Equal(3099u, table.Version);
        Assert.Equal(SensorNode.Simulation.Training.PriorTable.ForLayout(SensorNode.Core.Policy.StateEncoder.RtcLayoutId).Serialize(), bytes);

        // Without [rtc] the same command writes the layout-2 prior; a config with errors writes nothing.
        File.WriteAllText(config, "[mqtt]\nnode_id = plain-01\n");
        Assert.Equal(CommandLine.Ok, Run(TrainCommand.Run, "--no-history", "--config", config, "--out", bin).Code);
        Assert.Equal(SensorNode.Simulation.Training.PriorTable.Build().Serialize(), File.ReadAllBytes(bin));
        File.Delete(bin);
        File.WriteAllText(config, "[rtc]\naddress = 0x52\n[rtc]\ninterrupt_pin = 4\n");
        (code, _, error) = Run(TrainCommand.Run, "--no-history", "--config", config, "--out", bin);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(":line 3: [rtc]: duplicate section", error);
        Assert.False(File.Exists(bin));
        Directory.Delete(dir, recursive: true);
    }

    [PibleTraceSimulationTests.RequiresTraceFact]
    public void PolicyAssess_ReportsNoBrownout_ForTheBuiltInTableOnTheFirstOfficeDays()
    {
        var (code, output, _) = Run(PolicyCommand.Run, "assess", "built-in", "--trace", PibleTraceSimulationTests.SharedTrace()!, "--test-days", "0..2", "--start-volts", "4.0");
        Assert.Equal(CommandLine.Ok, code);
        // The brown-outs column of the 4.0 V row, found by its header (any other cell may be 0 too).
        string[] lines = output.Split('\n');
        string[] header = lines.First(l => l.StartsWith("| environment |")).Split('|');
        int column = Array.FindIndex(header, c => c.Trim().StartsWith("brown-outs"));
        string[] row = lines.First(l => l.Contains("| 4.0 V |")).Split('|');
        Assert.Equal("0", row[column].Trim());
    }
}
