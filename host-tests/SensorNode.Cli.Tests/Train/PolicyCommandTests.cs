using SensorNode.Cli;
using SensorNode.Core.Policy;

namespace SensorNode.Cli.Tests.Train;

/// <summary>`policy show|export` on the table files `train` writes.</summary>
public sealed class PolicyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string RtcTable()
    {
        // What `train --config` with an [rtc] section writes: a layout-3 table.
        string path = Path.Combine(_dir, "rtc.bin");
        File.WriteAllBytes(path, PolicyTable.BuiltInFor(StateEncoder.RtcLayoutId).Serialize());
        return path;
    }

    [Fact]
    public void Show_ALayoutThreeTable_IsShown_AsSimulateAndAssessRunIt()
    {
        // Was "not a valid policy table (LayoutMismatch)", exit 2, for a table the trainer had just written.
        var (code, output, error) = CliRun.Dispatch("policy", "show", RtcTable());

        Assert.Equal(CommandLine.Ok, code);
        Assert.StartsWith("layout 3 (event RTC): P = wake for the next arrival", output);
        Assert.Contains($"policy table version {RtcWakeOrCount.Version}", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Export_ALayoutThreeTable_SaysWhyItIsNotTheBuiltInSource()
    {
        string path = RtcTable();

        var (code, output, error) = CliRun.Dispatch("policy", "export", path);

        Assert.Equal(CommandLine.Usage, code);
        Assert.StartsWith($"sensornode policy export: {path}: a layout-3 table (event RTC, trained with [rtc]); the built-in source is layout 2", error);
        Assert.Equal("", output);
    }
}
