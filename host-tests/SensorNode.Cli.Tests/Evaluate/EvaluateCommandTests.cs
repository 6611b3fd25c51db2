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
            Assert.Equal(new[] { "built-in", "heuristic", "fixed-15s", "fixed-1m", "fixed-5m", "fixed-15m", "fixed-30m", "fixed-1h", "fixed-2h", "fixed-4h",
                "least-spending", "fixed-arrival", "pible-thresholds", "eno-ewma", "eno-wcma", "oracle" }.Order(), names.Order());
            Assert.Equal("oracle", names[^1]);
            double[] utilities = doc.RootElement.GetProperty("policies").EnumerateArray().SkipLast(1).Select(e => e.GetProperty("metrics").GetProperty("utility").GetDouble()).ToArray();
            Assert.Equal(utilities.OrderByDescending(u => u), utilities);
            foreach (string key in new[] { "arrivals_total", "arrivals_on_time", "arrival_latency_p50_s", "arrival_latency_p95_s", "temperature_coverage", "brownouts_floor" })
                Assert.True(doc.RootElement.GetProperty("policies")[0].GetProperty("metrics").TryGetProperty(key, out _), key);
            JsonElement oracle = doc.RootElement.GetProperty("policies")[names.Length - 1].GetProperty("oracle");
            long bound = oracle.GetProperty("events_captured").GetInt64();
            foreach (JsonElement entry in doc.RootElement.GetProperty("policies").EnumerateArray().SkipLast(1))
            {
                long captured = entry.GetProperty("metrics").GetProperty("events_captured").GetInt64();
                Assert.True(captured <= bound, $"{entry.GetProperty("name")} captured {captured} > oracle {bound}");
            }
            string table = File.ReadAllText(Path.Combine(dir, "comparison.md"));
            Assert.Contains("| policy | utility | events captured | % of oracle | arrivals on time |", table);
            Assert.Contains("tuned-fixed and tuned-pible need --train-days", table);
            Assert.Contains("| eno-wcma |", table);
            Assert.Contains("| oracle (upper bound) |", table);
            Assert.True(new FileInfo(Path.Combine(dir, "captured.png")).Length > 1000);
            Assert.True(new FileInfo(Path.Combine(dir, "tradeoff.png")).Length > 1000);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Run_WithTrainDays_AddsTheTunedBaselines_AndReportsTheirParameters()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            int code = EvaluateCommand.Run(new[] { "--environment", "office", "--test-days", "4..6", "--train-days", "0..3", "--out", dir, "--quiet", "--oracle-levels", "200" }, new StringWriter(), new StringWriter());
            Assert.Equal(CommandLine.Ok, code);
            string table = File.ReadAllText(Path.Combine(dir, "comparison.md"));
            Assert.Contains("| tuned-fixed |", table);
            Assert.Contains("| tuned-pible |", table);
            Assert.Contains("- tuned-fixed: interval ", table);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Run_ReadsTheServiceSectionOfConfig()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string config = Path.Combine(dir, "nf.config");
            File.WriteAllText(config, "[service]\ntemperature_interval_minutes = 1440\n");
            int code = EvaluateCommand.Run(new[] { "--environment", "office", "--days", "2", "--config", config, "--out", dir, "--quiet", "--oracle-levels", "200" }, new StringWriter(), new StringWriter());
            Assert.Equal(CommandLine.Ok, code);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "comparison.json")));
            JsonElement first = doc.RootElement.GetProperty("policies")[0].GetProperty("metrics");
            Assert.Equal(2, first.GetProperty("temperature_intervals").GetInt64()); // two days of 1440-minute intervals
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TestDays_RefusesAReversedRange_AndDaysRefusesARange()
    {
        var error = new StringWriter();
        Assert.Equal(CommandLine.Usage, EvaluateCommand.Run(["--environment", "office", "--test-days", "34..21"], new StringWriter(), error));
        Assert.Contains("--test-days: expected A..B with 0 <= A <= B", error.ToString());
        error = new StringWriter();
        Assert.Equal(CommandLine.Usage, EvaluateCommand.Run(["--environment", "office", "--days", "21..34"], new StringWriter(), error));
        Assert.Contains("--test-days A..B", error.ToString());
    }

    [Fact]
    public void ServiceBound_WritesABoundPerService_AWitness_AndAVerdict()
    {
        string dir = Path.Combine(Path.GetTempPath(), "eval-bound-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            int code = EvaluateCommand.Run(["--environment", "office", "--days", "2", "--out", dir, "--oracle-levels", "300", "--service-bound", "0.9,0.6,0.75"], output, new StringWriter());
            Assert.Equal(CommandLine.Ok, code);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "service-bound.json")));
            JsonElement[] bounds = doc.RootElement.GetProperty("bounds").EnumerateArray().ToArray();
            Assert.Equal(new[] { "events", "arrivals_on_time", "temperature_coverage" }, bounds.Select(b => b.GetProperty("maximized").GetString()));
            JsonElement witness = doc.RootElement.GetProperty("witness");
            foreach (JsonElement b in bounds)
            {
                // The witness is one schedule; the bound is over all of them: where it meets the others' targets, it is no better than the bound.
                double bound = b.GetProperty("bound").GetDouble();
                Assert.InRange(bound, 0, 1);
                if (witness.GetProperty("meets_targets").GetBoolean())
                    Assert.True(witness.GetProperty(b.GetProperty("maximized").GetString()!).GetDouble() <= bound + 1e-9);
            }
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("verdict").GetString()));
            Assert.Equal(3.3, doc.RootElement.GetProperty("reserve_volts").GetDouble(), 6); // the profile's cold start
            if (doc.RootElement.GetProperty("witness_keeping_reserve") is { ValueKind: JsonValueKind.Object } kept)
                Assert.True(kept.GetProperty("min_supercap_v").GetDouble() >= 3.3 - 0.02);
            // Under the trainer's radio reserve: no bound above the free one, no connect of its witness below good voltage.
            JsonElement trainer = doc.RootElement.GetProperty("trainer_reserve");
            Assert.Equal(3.96, trainer.GetProperty("radio_from_volts").GetDouble(), 6);
            JsonElement[] ruled = trainer.GetProperty("bounds").EnumerateArray().ToArray();
            for (int i = 0; i < 3; i++)
                Assert.True(ruled[i].GetProperty("bound").GetDouble() <= bounds[i].GetProperty("bound").GetDouble() + 1e-9);
            if (trainer.GetProperty("witness") is { ValueKind: JsonValueKind.Object } table)
                Assert.Equal(0, table.GetProperty("connects_by_voltage_bin").EnumerateArray().Take(3).Sum(c => c.GetInt64()));
            Assert.Contains("connecting only from good voltage (3.96 V)", File.ReadAllText(Path.Combine(dir, "service-bound.md")));
            Assert.Contains("What any schedule without a brown-out could reach", output.ToString());
            Assert.Contains("| temperature_coverage |", File.ReadAllText(Path.Combine(dir, "service-bound.md")));
            Assert.True(new FileInfo(Path.Combine(dir, "tradeoff.png")).Length > 1000); // with the witnesses as diamonds
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ServiceBound_RefusesMalformedTargets_AndTheEventRtc()
    {
        var error = new StringWriter();
        Assert.Equal(CommandLine.Usage, EvaluateCommand.Run(["--environment", "office", "--days", "1", "--service-bound", "0.9,0.6"], new StringWriter(), error));
        Assert.Contains("--service-bound: expected three fractions 0..1", error.ToString());
        error = new StringWriter();
        Assert.Equal(CommandLine.Usage, EvaluateCommand.Run(["--environment", "office", "--days", "1", "--service-bound", "0.9,1.5,0.7"], new StringWriter(), error));
        Assert.Contains("got '0.9,1.5,0.7'", error.ToString());
        error = new StringWriter();
        Assert.Equal(CommandLine.Usage, EvaluateCommand.Run(["--environment", "office", "--days", "1", "--service-bound", "0.9,0.6,0.75", "--hardware", "rtc"], new StringWriter(), error));
        Assert.Contains("--service-bound bounds today's design only", error.ToString());
    }

    [PibleTraceSimulationTests.RequiresTraceFact]
    public void Run_Ff66EvaluationSplit_WritesTheComparison()
    {
        // A fresh folder: a stale comparison.md from an earlier run must not satisfy the test.
        string dir = Path.Combine(Path.GetTempPath(), "eval-ff66-" + Guid.NewGuid().ToString("N"));
        try
        {
            int code = EvaluateCommand.Run(new[] { "--trace", Ff66, "--test-days", "21..34", "--out", dir, "--quiet" }, new StringWriter(), new StringWriter());
            Assert.Equal(CommandLine.Ok, code);
            string table = File.ReadAllText(Path.Combine(dir, "comparison.md"));
            foreach (string policy in new[] { "built-in", "fixed-2h", "least-spending", "oracle" })
                Assert.Contains("| " + policy, table);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "comparison.json")));
            Assert.Contains(json.RootElement.GetProperty("policies").EnumerateArray(),
                e => e.GetProperty("name").GetString() == "built-in" && e.GetProperty("metrics").TryGetProperty("utility", out _));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
