using System.Collections;
using SensorNode.Cli;
using SensorNode.Core.Config;

namespace SensorNode.Cli.Tests.Provision;

public sealed class ProvisionCommandTests : IDisposable
{
    private readonly ProvisionFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Provision_WritesTheTemplateWithOnlyTheNodeIdLineChanged()
    {
        string dir = _folder.Provision("greenhouse-3");

        string[] template = File.ReadAllLines(_folder.Template);
        string[] written = File.ReadAllLines(Path.Combine(dir, "nf.config"));
        Assert.Equal(template.Length, written.Length);
        int[] changed = Enumerable.Range(0, template.Length).Where(i => template[i] != written[i]).ToArray();
        int line = Assert.Single(changed);
        Assert.Equal("node_id = greenhouse-3", written[line]);

        var errors = new ArrayList();
        NodeConfig config = ConfigParser.Parse(File.ReadAllText(Path.Combine(dir, "nf.config")), "nf.config", errors);
        Assert.Empty(errors);
        Assert.Equal("greenhouse-3", config.NodeId);
    }

    [Fact]
    public void Provision_WritesSecretsWithTheNodeIdAsUserAndAFreshBase62Password()
    {
        string a = _folder.Provision("node-a");
        string b = _folder.Provision("node-b");

        NodeSecrets first = ProvisionFolder.ReadSecrets(a);
        NodeSecrets second = ProvisionFolder.ReadSecrets(b);
        Assert.Equal("node-a", first.MqttUsername);
        Assert.Matches("^[0-9A-Za-z]{32}$", first.MqttPassword);
        Assert.NotEqual(first.MqttPassword, second.MqttPassword);
        Assert.Equal("change-me-wifi-passphrase", first.WifiPassword);
        Assert.Contains("replace with the network's WPA2 passphrase", File.ReadAllText(Path.Combine(a, "secrets.config")));
    }

    [Fact]
    public void Provision_TakesTheWifiPassphraseFromTheFirstLineOfTheFile_QuotingItWhenNeeded()
    {
        File.WriteAllText(_folder.Path("wifi.txt"), " cafe #42 \nsecond line ignored\n");
        string dir = _folder.Provision("node-01", "--wifi-password-file", _folder.Path("wifi.txt"));

        Assert.Equal(" cafe #42 ", ProvisionFolder.ReadSecrets(dir).WifiPassword);
        Assert.DoesNotContain("change-me", File.ReadAllText(Path.Combine(dir, "secrets.config")));
    }

    [Fact]
    public void Provision_Fails_WhenTheWifiPassphraseIsTooShortForWpa2()
    {
        File.WriteAllText(_folder.Path("wifi.txt"), "short\n");

        AssertNothingWritten(CommandLine.Failed, "8..63", "--node-id", "node-01", "--config", _folder.Template, "--wifi-password-file", _folder.Path("wifi.txt"));
        Assert.DoesNotContain("short", _folder.Error); // secrets are never echoed
        // The error points at the user's file, not at line 4 of a secrets.config they never wrote.
        Assert.StartsWith($"sensornode provision: --wifi-password-file {_folder.Path("wifi.txt")}:line 1: expected empty (open network), a WPA2 passphrase of 8..63", _folder.Error);
    }

    [Fact]
    public void Provision_WritesSecretsAndKeyReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // no Unix modes; ACLs there are the folder's
        _folder.Run("--make-ca", _folder.Path("ca"));
        string dir = _folder.Provision("node-01", "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key"));

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(dir, "secrets.config")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(dir, "node.key")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(_folder.Path("ca", "ca.key")));
    }

    [Fact]
    public void Provision_WritesAnAclGrantingOnlyTheNodesOwnTopics()
    {
        string dir = _folder.Provision("node-01");

        Assert.Equal(
            new[]
            {
                "user node-01",
                "topic write sensornode/node-01/state",
                "topic write sensornode/node-01/availability",
                "topic write sensornode/node-01/ack",
                "topic write sensornode/node-01/app",
                "topic read sensornode/node-01/cmd/#",
                "topic write sensornode/+/fault",
            },
            File.ReadAllLines(Path.Combine(dir, "mosquitto.acl")));
    }

    [Fact]
    public void Provision_DescribesTheAclItWrote()
    {
        // The summary said "write state/availability/ack, read cmd/#" while the lines also grant app and +/fault.
        _folder.Provision("node-09");

        Assert.Contains("mosquitto.acl    acl_file lines: write state/availability/ack/app and fault reports (+/fault), read cmd/#", _folder.Output);
    }

    [Fact]
    public void Provision_WritesAPasswdLineThatVerifiesAgainstTheSecretsPassword()
    {
        string dir = _folder.Provision("node-01");

        string line = File.ReadAllText(Path.Combine(dir, "mosquitto.passwd")).TrimEnd('\n');
        string password = ProvisionFolder.ReadSecrets(dir).MqttPassword;
        Assert.True(MosquittoPasswdTests.Verifies(line, "node-01", password), line);
    }

    [Fact]
    public void Provision_RefusesToOverwriteAnIdentity_UnlessForced()
    {
        string dir = _folder.Provision("node-01");
        string before = File.ReadAllText(Path.Combine(dir, "secrets.config"));

        int refused = _folder.Run("--node-id", "node-01", "--config", _folder.Template, "--out", dir);
        Assert.Equal(CommandLine.Failed, refused);
        Assert.Contains("--force", _folder.Error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "secrets.config")));

        _folder.Provision("node-01", "--force");
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(dir, "secrets.config")));
    }

    [Fact]
    public void Provision_WithForce_RemovesACertificateTheNewIdentityDoesNotHave()
    {
        _folder.Run("--make-ca", _folder.Path("ca"));
        string dir = _folder.Provision("node-01", "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key"));

        _folder.Provision("node-01", "--force");

        Assert.False(File.Exists(Path.Combine(dir, "node.crt")));
        Assert.False(File.Exists(Path.Combine(dir, "node.key")));
        Assert.False(File.Exists(Path.Combine(dir, "ca.crt")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Node-01")]
    [InlineData("node_01")]
    [InlineData("node/01")]
    [InlineData("node+")]
    [InlineData("node-01\n[wifi]")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    public void Provision_RejectsANodeIdTheCoreWouldReject(string nodeId)
    {
        AssertNothingWritten(CommandLine.Usage, "1..32 characters from a-z, 0-9 and '-'", "--node-id", nodeId, "--config", _folder.Template);
    }

    [Fact]
    public void Provision_AcceptsA32CharacterNodeId()
    {
        string dir = _folder.Provision("abcdefghijklmnopqrstuvwxyz-01234");

        Assert.Equal("abcdefghijklmnopqrstuvwxyz-01234", ProvisionFolder.ReadSecrets(dir).MqttUsername);
    }

    [Fact]
    public void Provision_Fails_WhenTheTemplateIsMissing()
    {
        AssertNothingWritten(CommandLine.Failed, "absent.config not found", "--node-id", "node-01", "--config", _folder.Path("absent.config"));
    }

    [Fact]
    public void Provision_Fails_WhenTheTemplateIsInvalid_NamingTheKey()
    {
        // In place: a second [log] header is an error of its own (a repeated section).
        File.WriteAllText(_folder.Template, File.ReadAllText(_folder.Template).Replace("capacity_readings = 256", "capacity_readings = 2"));

        AssertNothingWritten(CommandLine.Failed, "[log] capacity_readings: expected", "--node-id", "node-01", "--config", _folder.Template);
        Assert.Contains("not a valid nf.config", _folder.Error);
    }

    [Fact]
    public void Provision_PrintsTheFilesAndTheNextSteps()
    {
        string dir = _folder.Provision("node-01");

        Assert.Contains("mosquitto.passwd", _folder.Output);
        Assert.Contains($"sensornode flash --config {Path.Combine(dir, "nf.config")}", _folder.Output);
        Assert.Contains("put the Wi-Fi passphrase in", _folder.Output);
    }

    [Theory]
    [InlineData("--ca-cert", "ca.crt")]
    [InlineData("--ca-key", "ca.key")]
    public void Provision_NeedsBothCaCertAndCaKey(string option, string value)
    {
        Assert.Equal(CommandLine.Usage, _folder.Run("--node-id", "node-01", option, value));
        Assert.Contains("go together", _folder.Error);
    }

    [Fact]
    public void Provision_NeedsANodeIdOrMakeCa()
    {
        Assert.Equal(CommandLine.Usage, _folder.Run("--config", _folder.Template));
        Assert.Contains("--node-id is required", _folder.Error);
    }

    // Runs provision into out/ and checks it failed with the exit code and message, leaving no folder behind.
    private void AssertNothingWritten(int expectedCode, string expectedMessage, params string[] args)
    {
        int code = _folder.Run(args.Concat(new[] { "--out", _folder.Path("out") }).ToArray());

        Assert.Equal(expectedCode, code);
        Assert.Contains(expectedMessage, _folder.Error);
        Assert.False(Directory.Exists(_folder.Path("out")));
    }
}
