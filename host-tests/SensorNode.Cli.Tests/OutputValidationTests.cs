using SensorNode.Cli;

namespace SensorNode.Cli.Tests;

/// <summary>
/// Issue 11, "no stack traces": an output that cannot be written is one line and exit 1 before the command works
/// (reliability probe section 5), and any unexpected exception is one line naming the command, never a trace.
/// </summary>
public sealed class OutputValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-cli-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // A path under a regular file can be created by no one, root included (the probe used /proc/x and read-only folders).
    private string Unwritable(string name)
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        return Path.Combine(file, name);
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Dispatch(args);

    private static void AssertOneLineFailure(string command, string option, (int Code, string Out, string Err) run)
    {
        Assert.Equal(CommandLine.Failed, run.Code);
        string[] lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string last = Assert.Single(lines, l => l.StartsWith("sensornode ", StringComparison.Ordinal));
        Assert.StartsWith($"sensornode {command}: --{option} ", last);
        Assert.Contains("cannot write there", last);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void Simulate_UnwritableOut_FailsInOneLine_BeforeTheRun()
    {
        var run = Run("simulate", "--days", "1", "--no-plots", "--out", Unwritable("sim"));
        AssertOneLineFailure("simulate", "out", run);
        Assert.DoesNotContain("simulating", run.Err);
    }

    [Fact]
    public void Simulate_OutThatIsAFile_FailsInOneLine()
    {
        string file = Path.Combine(_dir, "metrics-here");
        File.WriteAllText(file, "x");
        AssertOneLineFailure("simulate", "out", Run("simulate", "--days", "1", "--quiet", "--out", file));
    }

    [Fact]
    public void Bench_UnwritableOut_FailsBeforeTheBench()
    {
        var run = Run("bench", "--days", "1", "--nodes", "1", "--repeat", "1", "--out", Unwritable("b.json"));
        AssertOneLineFailure("bench", "out", run);
        Assert.DoesNotContain("node-days/s", run.Out);
    }

    [Fact]
    public void Train_UnwritableOut_FailsInOneLine() =>
        AssertOneLineFailure("train", "out", Run("train", "--no-history", "--out", Unwritable("p.bin")));

    [Fact]
    public void Evaluate_UnwritableOut_FailsBeforeEvaluating()
    {
        var run = Run("evaluate", "--days", "1", "--out", Unwritable("eval"));
        AssertOneLineFailure("evaluate", "out", run);
        Assert.DoesNotContain("evaluating", run.Err);
    }

    [Fact]
    public void PolicyExport_UnwritableOut_FailsInOneLine()
    {
        string table = Path.Combine(_dir, "prior.bin");
        Assert.Equal(CommandLine.Ok, Run("train", "--no-history", "--out", table).Code);
        AssertOneLineFailure("policy export", "out", Run("policy", "export", table, "--out", Unwritable("t.cs")));
    }

    [Fact]
    public void Readings_UnwritableCsv_FailsInOneLine()
    {
        string db = Path.Combine(_dir, "g.db");
        using (SensorNode.Gateway.ReadingStore.Open(db)) { }
        AssertOneLineFailure("readings", "csv", Run("readings", "--db", db, "--csv", Unwritable("r.csv")));
    }

    [Fact]
    public void Readings_UnknownNode_FailsNamingTheNodes_AndWritesNoCsv()
    {
        // A misspelt --node printed the CSV header alone and exited 0, as if the node had sent nothing.
        string db = Path.Combine(_dir, "g.db");
        using (SensorNode.Gateway.ReadingStore store = SensorNode.Gateway.ReadingStore.Open(db))
        {
            store.SetRoom("node-01", "office");
            store.SetRoom("node-02", "hall");
        }
        string csv = Path.Combine(_dir, "r.csv");

        var (code, output, error) = Run("readings", "--db", db, "--node", "node-1", "--csv", csv);

        Assert.Equal(CommandLine.Failed, code);
        Assert.Equal($"sensornode readings: --node node-1: no such node in {db} (nodes: node-01, node-02)", error.Trim());
        Assert.Equal("", output);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void GatewayBrick_UnwritableOut_FailsInOneLine()
    {
        string db = Path.Combine(_dir, "g.db");
        using (SensorNode.Gateway.ReadingStore.Open(db)) { }
        AssertOneLineFailure("gateway brick", "out", Run("gateway", "brick", "--db", db, "--building", "X", "--out", Unwritable("b.ttl")));
    }

    [Fact]
    public void UnexpectedException_IsOneLineNamingTheCommand_ExitOne()
    {
        var error = new StringWriter();
        int code = CommandLine.Guarded("simulate", error, () => throw new InvalidOperationException("boom\nsecond line"), debug: false);

        Assert.Equal(CommandLine.Failed, code);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sensornode simulate: unexpected error: InvalidOperationException: boom second line", line);
        Assert.Contains(CommandLine.DebugVariable + "=1", line);
    }

    [Fact]
    public void UnexpectedException_WithDebug_PrintsTheStackTrace()
    {
        var error = new StringWriter();
        int code = CommandLine.Guarded("bench", error, () => throw new InvalidOperationException("boom"), debug: true);

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("   at ", error.ToString());
    }
}
