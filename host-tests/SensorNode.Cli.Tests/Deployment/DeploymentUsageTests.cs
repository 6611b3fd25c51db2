using Xunit;

namespace SensorNode.Cli.Tests.Deployment;

/// <summary>Bad input to the learning-on-site commands: one line naming the problem, exit 2 for usage, 1 for a failure.</summary>
public sealed class DeploymentUsageTests
{
    [Theory]
    [InlineData(CommandLine.Usage, "give --environment or --trace, not both", "deployment", "--environment", "office", "--trace", "a.txt", "--out", "d")]
    [InlineData(CommandLine.Usage, "--weeks: expected an integer 1..52, got '0'", "deployment", "--weeks", "0", "--out", "d")]
    [InlineData(CommandLine.Usage, "--retrain", "deployment", "--retrain", "hourly", "--out", "d")]
    [InlineData(CommandLine.Usage, "--db needs --node ID", "train", "--db", "missing.db", "--out", "x.bin")]
    [InlineData(CommandLine.Usage, "--node: n given twice", "train", "--db", "missing.db", "--node", "n,n", "--out", "x.bin")]
    [InlineData(CommandLine.Usage, "--db takes no --trace", "train", "--db", "missing.db", "--node", "n", "--trace", "a.txt", "--out", "x.bin")]
    [InlineData(CommandLine.Failed, "missing.db: not found", "train", "--db", "missing.db", "--node", "n", "--out", "x.bin")]
    [InlineData(CommandLine.Failed, "missing.bin: not found", "policy", "push", "--db", "missing.db", "--node", "n", "--policy", "missing.bin")]
    public void BadInput_IsOneLineNamingIt(int expectedCode, string expected, params string[] args)
    {
        var (code, _, err) = CliRun.Dispatch(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(expected, err);
    }
}
