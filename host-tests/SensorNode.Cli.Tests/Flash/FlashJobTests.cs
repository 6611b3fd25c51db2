using System.Collections;
using System.Text;
using SensorNode.Cli;
using SensorNode.Core.Config;

namespace SensorNode.Cli.Tests.Flash;

/// <summary>The sealed copies `sensornode flash` deploys: the node accepts them, and the host still parses them as the sources.</summary>
public sealed class FlashJobTests
{
    private static string RepoFile(string name) => File.ReadAllText(Path.Combine(Provision.ProvisionFolder.RepositoryRoot(), name));

    [Fact]
    public void SealedNfConfig_StillParsesOnTheHost_ToTheSameConfiguration_WithoutErrors()
    {
        string source = RepoFile("nf.config");
        var sourceErrors = new ArrayList();
        var sealedErrors = new ArrayList();

        NodeConfig fromSource = ConfigParser.Parse(source, "nf.config", sourceErrors);
        NodeConfig fromSealed = ConfigParser.Parse(FlashJob.SealedText(source), "nf.config", sealedErrors);

        Assert.Empty(sourceErrors);
        Assert.Empty(sealedErrors);
        Assert.Equivalent(fromSource, fromSealed, strict: true);
    }

    [Fact]
    public void SealedSecrets_StillParseOnTheHost_ToTheSameSecrets_WithoutErrors()
    {
        const string source = "[wifi]\npassword = lab-passphrase-123\n[mqtt]\nusername = node-01\npassword = s3cret\n";
        var errors = new ArrayList();

        NodeSecrets secrets = ConfigParser.ParseSecrets(FlashJob.SealedText(source), "secrets.config", errors);

        Assert.Empty(errors);
        Assert.Equal(("lab-passphrase-123", "node-01", "s3cret"), (secrets.WifiPassword, secrets.MqttUsername, secrets.MqttPassword));
    }

    [Fact]
    public void SealedText_OfAFileWithNonAsciiComments_OpensAsTheNodeReadsIt()
    {
        const string source = "# Büro 2 – Fenster\r\n[wifi]\r\nssid = lab\r\n";
        byte[] deployed = Encoding.ASCII.GetBytes(FlashJob.SealedText(source));
        // ConfigFile.ReadText decodes byte by byte: ASCII as is, anything else as U+FFFD.
        string onTheNode = new(deployed.Select(b => b < 0x80 ? (char)b : '\uFFFD').ToArray());
        var errors = new ArrayList();

        string? body = ConfigSeal.Open(onTheNode, "nf.config", errors);

        Assert.Empty(errors);
        Assert.Equal("# B?ro 2 ? Fenster\r\n[wifi]\r\nssid = lab\r\n", body);
    }
}
