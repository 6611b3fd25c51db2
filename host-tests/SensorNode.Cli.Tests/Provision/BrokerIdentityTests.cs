using System.Security.Cryptography.X509Certificates;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>Issue 10, item 1: provision writes the broker listener that binds client ids, and gateway identities of their own.</summary>
public sealed class BrokerIdentityTests : IDisposable
{
    private readonly ProvisionFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MakeCa_WritesAListener_WhoseClientIdIsTheCertificatesCommonName()
    {
        Assert.Equal(CommandLine.Ok, _folder.Run("--make-ca", _folder.Path("ca")));

        string[] lines = File.ReadAllLines(_folder.Path("ca", "mosquitto.conf"));
        Assert.Contains("use_identity_as_username true", lines);
        Assert.Contains("use_username_as_clientid true", lines);
        Assert.Contains("require_certificate true", lines);
        Assert.Contains("allow_anonymous false", lines);
        Assert.Contains("message_size_limit 65536", lines);
        Assert.Contains($"cafile {Path.GetFullPath(_folder.Path("ca", "ca.crt"))}", lines);
    }

    [Fact]
    public void Gateway_GetsItsOwnUserAclAndCertificate_AndTwoInstancesDiffer()
    {
        Assert.Equal(CommandLine.Ok, _folder.Run("--make-ca", _folder.Path("ca")));
        foreach (string id in new[] { "gw-1", "gw-2" })
        {
            Assert.Equal(CommandLine.Ok, _folder.Run("--node-id", id, "--gateway", "--out", _folder.Path("out", id),
                "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key")));
        }

        Assert.Equal(
            new[]
            {
                "user gw-1", "topic read sensornode/+/state", "topic read sensornode/+/availability", "topic read sensornode/+/ack", "topic read sensornode/+/fault",
                "topic read sensornode/+/app",
                "topic write sensornode/+/cmd/#", "topic write sensornode/+/ha/#", "topic write homeassistant/#",
            },
            File.ReadAllLines(_folder.Path("out", "gw-1", "mosquitto.acl")).Where(l => l.Length > 0));
        using X509Certificate2 one = X509Certificate2.CreateFromPem(File.ReadAllText(_folder.Path("out", "gw-1", "node.crt")));
        using X509Certificate2 two = X509Certificate2.CreateFromPem(File.ReadAllText(_folder.Path("out", "gw-2", "node.crt")));
        Assert.Equal("CN=gw-1", one.Subject);
        Assert.Equal("CN=gw-2", two.Subject);
        Assert.StartsWith("gw-1:", File.ReadAllText(_folder.Path("out", "gw-1", "mosquitto.passwd")));
        Assert.NotEqual(File.ReadAllText(_folder.Path("out", "gw-1", "gateway.password")), File.ReadAllText(_folder.Path("out", "gw-2", "gateway.password")));
        Assert.False(File.Exists(_folder.Path("out", "gw-1", "nf.config")));
    }

    [Fact]
    public void GatewaysDefaultClientId_IsItsIdentity_TheCertificatesCn_ElseTheUser()
    {
        Assert.Equal(CommandLine.Ok, _folder.Run("--make-ca", _folder.Path("ca")));
        Assert.Equal(CommandLine.Ok, _folder.Run("--node-id", "gw-7", "--gateway", "--out", _folder.Path("gw"),
            "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key")));

        Assert.Equal("gw-7", GatewayCommand.DefaultClientId(_folder.Path("gw", "node.crt"), "someone", null));
        Assert.Equal("gw-user", GatewayCommand.DefaultClientId(null, "gw-user", "grp"));
        Assert.Equal($"gw-single-{Environment.MachineName}", GatewayCommand.DefaultClientId(null, null, null));
    }
}
