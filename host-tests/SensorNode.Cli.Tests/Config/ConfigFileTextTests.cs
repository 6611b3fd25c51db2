using SensorNode.Cli;
using SensorNode.Cli.Tests.Provision;
using SensorNode.Core.Config;

namespace SensorNode.Cli.Tests.Config;

/// <summary>Config files are read with the node's size limit: a wrong path gives one clear error, never a memory blow-up.</summary>
public sealed class ConfigFileTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-cfgtext-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_DevZero_IsOneClearErrorAfterReadingAtMostTheLimit()
    {
        if (!File.Exists("/dev/zero")) return; // not on Windows

        var e = Assert.Throws<UsageException>(() => ConfigFileText.Read("/dev/zero", "--config /dev/zero"));

        Assert.Equal($"--config /dev/zero: larger than {ConfigFile.MaxBytes} bytes, the most the node reads (an nf.config is a few KB); is it the right file?", e.Message);
    }

    [Fact]
    public void Simulate_ConfigDevZero_ExitsWithUsageAndOneMessage()
    {
        if (!File.Exists("/dev/zero")) return;

        var (code, _, err) = CliRun.Dispatch("simulate", "--config", "/dev/zero", "--days", "1", "--out", Path.Combine(_dir, "out"));

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("--config /dev/zero: larger than 32768 bytes", err);
    }

    [Fact]
    public void Flash_SecretsLargerThanTheLimit_IsRefusedNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_dir, "nf.config"), File.ReadAllText(Path.Combine(ProvisionFolder.RepositoryRoot(), "nf.config")));
        string secrets = Path.Combine(_dir, "big.config");
        File.WriteAllText(secrets, "[wifi]\n" + new string('#', ConfigFile.MaxBytes) + "\n");

        var (code, _, err) = CliRun.Dispatch("flash", "--dry-run", "--config", Path.Combine(_dir, "nf.config"), "--secrets", secrets);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(secrets + ": larger than 32768 bytes", err);
    }

    [Fact]
    public void Read_FileAtTheLimit_IsReadWholeAndWithoutItsByteOrderMark()
    {
        string path = Path.Combine(_dir, "nf.config");
        byte[] body = new byte[ConfigFile.MaxBytes];
        Array.Fill(body, (byte)'#');
        body[0] = 0xEF; body[1] = 0xBB; body[2] = 0xBF;
        File.WriteAllBytes(path, body);

        string text = ConfigFileText.Read(path, "nf.config");

        Assert.Equal(new string('#', ConfigFile.MaxBytes - 3), text);
    }

    [Fact]
    public void Read_Directory_SaysItIsADirectory()
    {
        var e = Assert.Throws<UsageException>(() => ConfigFileText.Read(_dir, "--config x"));

        Assert.Equal("--config x: is a directory, not a configuration file", e.Message);
    }
}
