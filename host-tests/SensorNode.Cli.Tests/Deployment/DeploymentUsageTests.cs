using Xunit;

namespace SensorNode.Cli.Tests.Deployment;

/// <summary>Bad input to the learning-on-site commands: one line naming the problem, exit 2 for usage, 1 for a failure.</summary>
public sealed class DeploymentUsageTests
{
    [Theory]
    [InlineData(CommandLine.Usage, "give --environment or --trace, not both", "deployment", "--environment", "office", "--trace", "a.txt", "--out", "d")]
    [InlineData(CommandLine.Usage, "--weeks: expected an integer 1..52, got '0'", "deployment", "--weeks", "0", "--out", "d")]
    [InlineData(CommandLine.Usage, "--retrain", "deployment", "--retrain", "hourly", "--out", "d")]
    [InlineData(CommandLine.Usage, "give --no-reference or --reference-seeds, not both", "deployment", "--no-reference", "--reference-seeds", "3", "--out", "d")]
    [InlineData(CommandLine.Usage, "--reference-seeds: expected an integer 1..16, got '0'", "deployment", "--reference-seeds", "0", "--out", "d")]
    [InlineData(CommandLine.Usage, "--db needs --node ID", "train", "--db", "missing.db", "--out", "x.bin")]
    [InlineData(CommandLine.Usage, "--node: n given twice", "train", "--db", "missing.db", "--node", "n,n", "--out", "x.bin")]
    [InlineData(CommandLine.Usage, "--db takes no --trace", "train", "--db", "missing.db", "--node", "n", "--trace", "a.txt", "--out", "x.bin")]
    [InlineData(CommandLine.Usage, "--ranking, --train-days would have no effect", "train", "--db", "missing.db", "--node", "n", "--ranking", "priced", "--train-days", "0..6", "--out", "x.bin")]
    [InlineData(CommandLine.Failed, "missing.db: not found", "train", "--db", "missing.db", "--node", "n", "--out", "x.bin")]
    [InlineData(CommandLine.Failed, "missing.bin: not found", "policy", "push", "--db", "missing.db", "--node", "n", "--policy", "missing.bin")]
    // Was queued under an id no node can have (never released), and a missing --db was created empty to hold it.
    [InlineData(CommandLine.Usage, "--node: 'Node-1' is not a node id (1..32 characters from a-z, 0-9 and '-')", "policy", "push", "--db", "missing.db", "--node", "Node-1", "--policy", "built-in.bin")]
    public void BadInput_IsOneLineNamingIt(int expectedCode, string expected, params string[] args)
    {
        var (code, _, err) = CliRun.Dispatch(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void PolicyPush_ToAMissingDatabase_FailsWithoutCreatingIt()
    {
        string dir = Directory.CreateTempSubdirectory("sensornode-push-").FullName;
        try
        {
            string table = Path.Combine(dir, "policy.bin"), db = Path.Combine(dir, "gatway.db");
            File.WriteAllBytes(table, SensorNode.Core.Policy.PolicyTable.BuiltIn().Serialize());

            var (code, _, err) = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", table);

            Assert.Equal(CommandLine.Failed, code);
            Assert.Equal($"sensornode policy push: {db}: not found (the gateway's database)", err.Trim());
            Assert.False(File.Exists(db));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Deployment_TraceWithSkippedRows_NamesThem()
    {
        // The rows were dropped without a word (simulate listed them); here the trace is then too short.
        string dir = Directory.CreateTempSubdirectory("sensornode-deploy-trace-").FullName;
        try
        {
            string trace = Path.Combine(dir, "short.csv");
            File.WriteAllLines(trace, ["timestamp,lux", "1704164645,100", "1704164705,abc", "1704164765,200"]);

            var (code, _, err) = CliRun.Dispatch("deployment", "--trace", trace, "--out", Path.Combine(dir, "o"));

            Assert.Equal(CommandLine.Usage, code);
            Assert.Contains($"{trace}:3: BadLux: lux 'abc' is not a number >= 0", err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("train", "--db", "{folder}", "--node", "n", "--out", "x.bin")]
    [InlineData("fleet", "status", "--db", "{folder}")]
    public void AFolderGivenAsTheDatabase_IsNamedAsOne(params string[] command)
    {
        // Was "<folder>: not found" (a File.Exists check): the folder exists; a postgres:// URL failed the same way.
        string folder = Directory.CreateTempSubdirectory("sensornode-dbfolder-").FullName;
        try
        {
            var (code, _, err) = CliRun.Dispatch(command.Select(a => a == "{folder}" ? folder : a).ToArray());

            Assert.Equal(CommandLine.Failed, code);
            Assert.Contains("a folder, not a SQLite file", err);
            Assert.DoesNotContain("not found", err);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
