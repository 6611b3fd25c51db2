using System.Text.Json;
using SensorNode.Cli;
using SensorNode.Cli.Tests.Provision;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli.Tests;

/// <summary>`simulate --config --profile`: the supercap the core believes in is the one the physics simulates, or the run is refused.</summary>
public sealed class HardwareConsistencyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-hwcheck-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The repository's nf.config with a 3.3 F supercap.
    private string Config33F()
    {
        string text = File.ReadAllText(Path.Combine(ProvisionFolder.RepositoryRoot(), "nf.config"));
        Assert.Contains("capacitance_millifarads = 1500", text);
        string path = Path.Combine(_dir, "nf.config");
        File.WriteAllText(path, text.Replace("capacitance_millifarads = 1500", "capacitance_millifarads = 3300"));
        return path;
    }

    // The embedded profile with a 3.3 F supercap.
    private string Profile33F()
    {
        string json = HardwareProfile.DefaultJson();
        string old = "\"supercap_capacitance_millifarads\": { \"value\": 1500";
        Assert.Contains(old, json);
        string path = Path.Combine(_dir, "big-cap.json");
        File.WriteAllText(path, json.Replace(old, "\"supercap_capacitance_millifarads\": { \"value\": 3300"));
        return path;
    }

    [Fact]
    public void Simulate_ConfigSupercapDiffersFromTheDefaultProfile_IsRefusedNamingBothValuesAndFiles()
    {
        string config = Config33F();

        var (code, _, err) = CliRun.Dispatch("simulate", "--config", config, "--days", "1", "--quiet", "--no-plots", "--out", Path.Combine(_dir, "out"));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"[supercap] capacitance_millifarads = 3300 in {config}, but supercap_capacitance_millifarads = 1500 in (embedded default profile)", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "nothing was simulated");
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("train")]
    public void EvaluateAndTrain_ConfigSupercapDiffersFromTheProfile_AreRefusedBeforeAnyWork(string command)
    {
        string config = Config33F();
        string[] args = command == "train"
            ? ["train", "--trace", Path.Combine(_dir, "never-read.csv"), "--config", config, "--out", Path.Combine(_dir, "policy.bin")]
            : ["evaluate", "--config", config, "--days", "1", "--out", Path.Combine(_dir, "eval")];

        var (code, _, err) = CliRun.Dispatch(args);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"[supercap] capacitance_millifarads = 3300 in {config}, but supercap_capacitance_millifarads = 1500 in (embedded default profile)", err);
        Assert.False(File.Exists(Path.Combine(_dir, "policy.bin")) || File.Exists(Path.Combine(_dir, "eval", "comparison.json")), "nothing was trained or evaluated");
    }

    [Fact]
    public void Simulate_ProfileSupercapDiffersFromTheBuiltInConfig_IsRefused()
    {
        string profile = Profile33F();

        var (code, _, err) = CliRun.Dispatch("simulate", "--profile", profile, "--days", "1", "--quiet", "--no-plots", "--out", Path.Combine(_dir, "out"));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"capacitance_millifarads = 1500 in {HardwareConsistency.DefaultConfigName}, but supercap_capacitance_millifarads = 3300 in {profile}", err);
    }

    [Fact]
    public void Simulate_ConfigAndProfileOfTheSamePart_Runs()
    {
        var (code, stdout, err) = CliRun.Dispatch("simulate", "--config", Config33F(), "--profile", Profile33F(), "--days", "1", "--json", "--no-plots", "--out", Path.Combine(_dir, "out"));

        Assert.Equal(CommandLine.Ok, code);
        Assert.Equal("", err);
        using var metrics = JsonDocument.Parse(stdout);
        Assert.Equal(1, metrics.RootElement.GetProperty("simulated_days").GetDouble(), 6);
    }

    [Fact]
    public void Mismatch_ListsEveryDifferingSupercapFigure()
    {
        var config = new SensorNode.Core.Config.NodeConfig { EsrMilliohms = 50, BrownoutMillivolts = 2800, MaxMillivolts = 5000 };

        string? message = HardwareConsistency.Mismatch(config, "a.config", HardwareProfile.Default());

        Assert.NotNull(message);
        Assert.Contains("[supercap] esr_milliohms = 50 in a.config, but supercap_esr_milliohms = 200 in (embedded default profile)", message);
        Assert.Contains("[supercap] brownout_millivolts = 2800 in a.config, but brownout_millivolts = 3000 in", message);
        Assert.Contains("[supercap] max_millivolts = 5000 in a.config, but supercap_max_millivolts = 5400 in", message);
        Assert.DoesNotContain("capacitance", message);
        Assert.Null(HardwareConsistency.Mismatch(new SensorNode.Core.Config.NodeConfig(), "b", HardwareProfile.Default()));
    }
}
