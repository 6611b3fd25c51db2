using System.Text.Json;
using SensorNode.Cli.Tests.Provision;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Tests.Evaluate;

/// <summary><c>sensornode sweep</c>: evaluate's machinery per value of one profile figure, and the table in docs/energy-model.md.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Sweep_AtTheDefaultValue_ReproducesEvaluate_AndALongerBootCostsEnergy()
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, _, stderr) = CliRun.Dispatch("sweep", "--figure", "boot_milliseconds", "--values", "700,2000", "--environment", "office", "--days", "4",
            "--policies", "built-in,fixed-1h", "--out", outDir, "--quiet");
        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", stderr);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.json")));
        JsonElement[] rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["built-in", "fixed-1h", "built-in", "fixed-1h"], rows.Select(r => r.GetProperty("policy").GetString()!).ToArray());
        Assert.Equal([700.0, 700.0, 2000.0, 2000.0], rows.Select(r => r.GetProperty("value").GetDouble()).ToArray());

        // 700 ms is the default profile's figure: the same run as evaluate's on the same building and seed.
        var config = new NodeConfig();
        var service = ServiceTargets.FromConfig(config);
        EnvironmentTrace office = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, EnvironmentChoice.DefaultStartUnixSeconds, 4, 31);
        List<SimulationMetrics> evaluated = EvaluateCommand.RunAll(
            EvaluatedPolicy.Baselines(config, HardwareProfile.Default(), service).Where(p => p.Name is "built-in" or "fixed-1h").ToList(),
            [office], config, HardwareProfile.Default(), service, 1);
        foreach (JsonElement row in rows.Take(2))
        {
            SimulationMetrics expected = evaluated.Single(m => m.Policy == row.GetProperty("policy").GetString());
            JsonElement metrics = row.GetProperty("metrics");
            Assert.Equal(expected.EventsCaptured, metrics.GetProperty("events_captured").GetInt64());
            Assert.Equal(expected.WifiConnects, metrics.GetProperty("wifi_connects").GetInt64());
            Assert.Equal(expected.Utility, metrics.GetProperty("utility").GetDouble(), 9);
        }
        // Every wake boots: a longer boot spends more per wake under the same fixed timer.
        double Spent(JsonElement r) => r.GetProperty("metrics").GetProperty("energy_spent_j").GetDouble() / r.GetProperty("metrics").GetProperty("wakes").GetInt64();
        Assert.True(Spent(rows[3]) > Spent(rows[1]), $"per-wake energy {Spent(rows[3])} J at 2000 ms vs {Spent(rows[1])} J at 700 ms");
        Assert.Equal(5, File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Length);
    }

    [Fact]
    public void Sweep_WithTrainingDays_AddsTunedFixed_TunedPerValue()
    {
        string outDir = Path.Combine(_dir, "tuned");
        var (code, stdout, _) = CliRun.Dispatch("sweep", "--figure", "deep_sleep_microamps", "--values", "10,200", "--environment", "corridor",
            "--train-days", "0..2", "--test-days", "3..5", "--policies", "built-in", "--out", outDir);
        Assert.Equal(CommandLine.Ok, code);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "sweep.json")));
        Assert.Equal(["built-in", "tuned-fixed", "built-in", "tuned-fixed"],
            json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("policy").GetString()!).ToArray());
        Assert.Contains("| 200 | tuned-fixed |", stdout);
    }

    [Theory]
    [InlineData("--figure: expected", "--figure", "boot_seconds", "--values", "1")]
    [InlineData("--values: expected numbers 0..60000 for boot_milliseconds", "--figure", "boot_milliseconds", "--values", "300,90000")]
    [InlineData("--policies: unknown policy 'oracle'", "--figure", "boot_milliseconds", "--values", "300", "--policies", "built-in,oracle")]
    [InlineData("Option '--values' is required.", "--figure", "boot_milliseconds")]
    public void BadSweeps_AreUsageErrors(string expected, params string[] args)
    {
        var (code, _, stderr) = CliRun.Dispatch(["sweep", .. args, "--out", Path.Combine(_dir, "bad")]);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(expected, stderr);
    }

    /// <summary>Every sweep table in docs/energy-model.md is what the command above it prints now (on the shared ff66 trace).</summary>
    [PibleTraceSimulationTests.RequiresTraceFact]
    public void EnergyModelDoc_SweepTables_AreWhatTheirCommandsPrint()
    {
        string doc = File.ReadAllText(Path.Combine(ProvisionFolder.RepositoryRoot(), "docs", "energy-model.md")).ReplaceLineEndings("\n");
        string[] blocks = doc.Split("<!-- sweep:begin")[1..];
        Assert.Equal(2, blocks.Length); // boot time and deep-sleep current
        string before = doc;
        foreach (string block in blocks)
        {
            // The command is the last `sensornode sweep` line before the block.
            string head = before[..before.IndexOf("<!-- sweep:begin" + block, StringComparison.Ordinal)];
            string command = head.Split('\n').Last(l => l.StartsWith("sensornode sweep ", StringComparison.Ordinal));
            string documented = block[(block.IndexOf('\n') + 1)..block.IndexOf("<!-- sweep:end -->", StringComparison.Ordinal)];

            string[] args = command.Split(' ')[1..];
            int trace = Array.IndexOf(args, "--trace") + 1, outDir = Array.IndexOf(args, "--out") + 1;
            Assert.EndsWith(Path.GetFileName(PibleTraceSimulationTests.SharedTrace()!), args[trace]);
            args[trace] = PibleTraceSimulationTests.SharedTrace()!;
            args[outDir] = Path.Combine(_dir, "doc-" + args[Array.IndexOf(args, "--figure") + 1]);
            var (code, _, stderr) = CliRun.Dispatch([.. args, "--quiet"]);
            Assert.True(code == CommandLine.Ok, stderr);
            Assert.Equal(documented, File.ReadAllText(Path.Combine(args[outDir], "sweep.md")));
        }
    }
}
