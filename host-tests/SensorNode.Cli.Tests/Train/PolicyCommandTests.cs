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

    [Fact]
    public void VisitsFile_RoundTrips()
    {
        int[] visits = Enumerable.Range(0, StateEncoder.StateCount).Select(s => s % 7).ToArray();

        Assert.Equal(visits, VisitsFile.Parse(VisitsFile.Format(visits)));
    }

    [Theory]
    [InlineData("truncated", "50 of 1728 states (truncated?); the first missing is state 50")]
    [InlineData("twice", "line 3: state 0 is already given on line 2")]
    [InlineData("no header", "line 1: expected the header 'state,visits', got '0,1'")]
    public void VisitsFile_ThatWouldShowWrongCounts_IsRefused(string damage, string expected)
    {
        // A truncated file showed 0 visits for the missing states, a repeated state the last count, and a file
        // without its header lost its first row: all without a word.
        string[] lines = VisitsFile.Format(Enumerable.Repeat(1, StateEncoder.StateCount).ToArray()).TrimEnd().Split('\n');
        string[] damaged = damage switch
        {
            "truncated" => lines[..51],
            "twice" => [lines[0], lines[1], .. lines[1..]],
            _ => lines[1..],
        };

        var error = Assert.Throws<FormatException>(() => VisitsFile.Parse(string.Join('\n', damaged)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Show_ATruncatedTable_SaysWhatIsWrongInWords()
    {
        // Was "not a valid policy table (TooShort)": the enum's name, nothing a user can act on.
        string path = Path.Combine(_dir, "cut.bin");
        byte[] whole = PolicyTable.BuiltIn().Serialize();
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var (code, _, error) = CliRun.Dispatch("policy", "show", path);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains($"{path}: not a valid policy table: truncated: fewer bytes than a whole table ({PolicyTable.SerializedLength})", error);
    }
}
