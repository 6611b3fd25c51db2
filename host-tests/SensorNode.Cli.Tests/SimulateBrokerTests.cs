using System.Text.Json;
using SensorNode.Cli.Tests.Provision;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Tests;

/// <summary>
/// Issue 10, item 9: simulator accounting with --broker. The broker faults act on the real broker's traffic (not merely
/// counted), an unreachable broker is an error, and the "unaccounted" warning leaves out the readings counted as dropped.
/// </summary>
public sealed class SimulateBrokerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-sim-broker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, JsonElement Metrics, string Err) Simulate(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Dispatch(["simulate", "--json", "--no-plots", "--out", Path.Combine(_dir, Guid.NewGuid().ToString("N")), .. args], output, error);
        JsonElement metrics = code == CommandLine.Ok ? JsonDocument.Parse(output.ToString()).RootElement.Clone() : default;
        return (code, metrics, error.ToString());
    }

    [Fact]
    public void UnreachableBroker_ExitsNonZero_NamingIt()
    {
        var (code, _, err) = Simulate("--broker", "mqtt://127.0.0.1:1", "--days", "1");

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("--broker mqtt://127.0.0.1:1: cannot connect", err);
    }

    [RequiresMosquittoFact]
    public void BrokerDown_WithARealBroker_KeepsEveryReadingFromIt()
    {
        using MosquittoBroker broker = MosquittoBroker.TryStart(out string reason) ?? throw new InvalidOperationException(reason);

        var (code, metrics, err) = Simulate("--broker", broker.Url, "--days", "1", "--faults", "broker-down=1", "--seed", "3");

        Assert.True(code == CommandLine.Ok, err);
        Assert.True(metrics.GetProperty("faults_injected").GetProperty("broker-down").GetInt64() > 0);
        Assert.Equal(0, metrics.GetProperty("readings_delivered").GetInt64());   // before: every reading delivered anyway
    }

    [RequiresMosquittoFact]
    public void NoAck_WithARealBroker_MakesTheNodeSendAgain_SoTheBrokerSeesDuplicates()
    {
        using MosquittoBroker broker = MosquittoBroker.TryStart(out string reason) ?? throw new InvalidOperationException(reason);

        var (code, metrics, err) = Simulate("--broker", broker.Url, "--days", "7", "--faults", "no-ack=0.3", "--seed", "3");

        Assert.True(code == CommandLine.Ok, err);
        Assert.True(metrics.GetProperty("faults_injected").GetProperty("no-ack").GetInt64() > 0);
        Assert.True(metrics.GetProperty("readings_duplicated").GetInt64() > 0, "no-ack had no effect");
        Assert.True(metrics.GetProperty("readings_delivered").GetInt64() > 0);
    }

    [Fact]
    public void LogOverflow_DroppedReadings_DoNotRaiseTheUnaccountedWarning()
    {
        string config = Path.Combine(_dir, "cap8.config");
        File.WriteAllText(config, File.ReadAllText(RepoRoot("nf.config")).Replace("capacity_readings = 256", "capacity_readings = 8"));

        var (code, metrics, err) = Simulate("--config", config, "--faults", "wifi=1", "--days", "3");

        Assert.True(code == CommandLine.Ok, err);
        Assert.True(metrics.GetProperty("readings_dropped").GetInt64() > 0, "the log did not overflow: the test shows nothing");
        Assert.DoesNotContain("neither delivered", err);
        Assert.Equal(0, SimulateCommand.UnaccountedBeyondDropped(130, 130));
        Assert.Equal(2, SimulateCommand.UnaccountedBeyondDropped(132, 130));
    }

    private static string RepoRoot(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln"))) return Path.Combine(dir.FullName, file);
        throw new InvalidOperationException("SensorNode.sln not found");
    }
}
