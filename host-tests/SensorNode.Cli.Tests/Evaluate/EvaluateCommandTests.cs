using System.Text.Json;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Evaluate;

public class EvaluateCommandTests
{
    private static string Ff66 => PibleTraceSimulationTests.SharedTrace()!;

    [Fact]
    public void Run_WritesEveryPolicyAndTheOracle_OnASyntheticOffice()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            int code = EvaluateCommand.Run(new[] { "--environment", "office", "--days", "3", "--out", dir, "--quiet", "--oracle-levels", "500" }, output, new StringWriter());
            Assert.Equal(CommandLine.Ok, code);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "comparison.json")));
            string[] names = doc.RootElement.GetProperty("policies").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
            Assert.Equal(new[] { "built-in", "heuristic", "fixed-15s", "fixed-1m", "fixed-5m", "fixed-15m", "pible-thresholds", "eno-ewma", "eno-wcma", "oracle" }, names);
            JsonElement oracle = doc.RootElement.GetProperty("policies")[names.Length - 1].GetProperty("oracle");
            long bound = oracle.GetProperty("events_captured").GetInt64();
            foreach (JsonElement entry in doc.RootElement.GetProperty("policies").EnumerateArray().SkipLast(1))
            {
                long captured = entry.GetProperty("metrics").GetProperty("events_captured").GetInt64();
                Assert.True(captured <= bound, $"{entry.GetProperty("name")} captured {captured} > oracle {bound}");
            }
            string table = File.ReadAllText(Path.Combine(dir, "comparison.md"));
            Assert.Contains("| policy | events captured | % of oracle |", table);
            Assert.Contains("| eno-wcma |", table);
            Assert.Contains("| oracle (upper bound) |", table);
            Assert.True(new FileInfo(Path.Combine(dir, "captured.png")).Length > 1000);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ParseDays_RejectsAReversedRange()
    {
        Assert.Equal((21, 34), EvaluateCommand.ParseDays("21..34"));
        Assert.Throws<UsageException>(() => EvaluateCommand.ParseDays("34..21"));
    }

    [PibleTraceSimulationTests.RequiresTraceFact]
    public void Run_Ff66EvaluationSplit_WritesTheComparison()
    {
        string dir = Environment.GetEnvironmentVariable("SENSORNODE_EVAL_OUT") ?? Path.Combine(Path.GetTempPath(), "eval-ff66");
        int code = EvaluateCommand.Run(new[] { "--trace", Ff66, "--days", "21..34", "--out", dir, "--quiet" }, new StringWriter(), new StringWriter());
        Assert.Equal(CommandLine.Ok, code);
        Assert.True(File.Exists(Path.Combine(dir, "comparison.md")));
    }
}
