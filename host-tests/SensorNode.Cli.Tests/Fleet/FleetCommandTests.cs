using System.Text;
using System.Text.Json;
using SensorNode.Gateway;
using Xunit;

namespace SensorNode.Cli.Tests.Fleet;

/// <summary><c>sensornode fleet update|status|simulate</c> (docs/updates.md), through the command line.</summary>
public sealed class FleetCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-fleet-").FullName;
    private string P(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MakePackage()
    {
        string package = Directory.CreateDirectory(P("pkg")).FullName;
        var pe = new byte[3000];
        new Random(5).NextBytes(pe);
        Encoding.ASCII.GetBytes("NFMRK2").CopyTo(pe, 0);
        File.WriteAllBytes(Path.Combine(package, "SensorNode.App.pe"), pe);
        File.WriteAllText(Path.Combine(package, "manifest.json"), """{"version": 7, "chunk_bytes": 1024, "assemblies": ["SensorNode.App.pe"]}""");
        return package;
    }

    [Fact]
    public void Update_QueuesPerNode_AndStatusShowsProgressVersionsAndRollbacks()
    {
        string db = P("gateway.db");
        using (ReadingStore store = ReadingStore.Open(db))
        {
            store.RecordApplication("node-02", 6, 7, "failed-first-wake", 1000);
        }
        var (code, output, error) = CliRun.Dispatch("fleet", "update", "--package", MakePackage(), "--node-list", "node-01,node-02", "--db", db);
        Assert.True(code == 0, error);
        Assert.Contains("version 7: 3000 bytes in 3 chunks of 1024, 1 assemblies; scheduled for 2 node(s)", output);
        (code, output, _) = CliRun.Dispatch("fleet", "update", "--package", P("pkg"), "--node-list", "node-01", "--db", db);
        Assert.Contains("scheduled for 0 node(s), 1 already had it", output);

        (code, output, error) = CliRun.Dispatch("fleet", "status", "--db", db);
        Assert.True(code == 0, error);
        string[] lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("node-01") && l.Contains("0/3") && l.Contains("unknown"));
        Assert.Contains(lines, l => l.StartsWith("node-02") && l.Contains("rolled back"));
        Assert.Contains("  node-02: runs 6, abandoned 7 (failed-first-wake)", output);
    }

    [Fact]
    public void Update_BadInput_IsOneLineNamingTheProblem()
    {
        string db = P("gateway.db");
        ReadingStore.Open(db).Dispose();
        var (code, _, error) = CliRun.Dispatch("fleet", "update", "--package", P("none"), "--node-list", "node-01", "--db", db);
        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("manifest.json: not found", error);
        (code, _, error) = CliRun.Dispatch("fleet", "update", "--package", MakePackage(), "--node-list", "Bad Node", "--db", db);
        Assert.Equal(2, code);
        Assert.Contains("'Bad Node' is not a node id", error);
        (code, _, error) = CliRun.Dispatch("fleet", "update", "--package", MakePackage(), "--node-list", "node-01,node-02,node-01", "--db", db);
        Assert.Equal(2, code); // was "scheduled for 2 node(s), 1 already had it"
        Assert.StartsWith("sensornode fleet update: --node-list: node-01 given twice", error);
    }

    [Fact]
    public void Simulate_SmallFleet_WritesJsonAndMarkdown_AndNoNodeIsLeftWithoutAWorkingApplication()
    {
        var (code, output, error) = CliRun.Dispatch("fleet", "simulate", "--nodes", "3", "--lux", "1000", "--days", "3", "--image-kib", "8", "--out", P("out"));
        Assert.True(code == 0, error);
        Assert.Contains("| 1000 |", output);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(P("out/fleet-update.json")));
        JsonElement level = json.RootElement.GetProperty("levels")[0];
        Assert.Equal(0, level.GetProperty("without_working_application").GetInt32());
        Assert.Equal(3, level.GetProperty("nodes").GetInt32());
        Assert.True(File.Exists(P("out/fleet-update.md")));
        Assert.Equal(2, CliRun.Dispatch("fleet", "simulate", "--lux", "bright").Code);
    }
}
