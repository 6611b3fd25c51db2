using SensorNode.Cli;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>The lab's certificates checked by OpenSSL (what mosquitto uses), and the gateway command's TLS options.</summary>
public sealed class LabCertificateTests(TlsLab lab) : IClassFixture<TlsLab>
{
    [RequiresOpensslFact]
    public Task ServerAndClientCertificates_VerifyAgainstTheCa_ForTheirPurpose() => Task.Run(() =>
    {
        ToolRun server = TlsMosquittoClients.Run("openssl", ["verify", "-CAfile", lab.CaFile, "-purpose", "sslserver", "-verify_ip", "127.0.0.1", lab.ServerCertificateFile], null, 10_000);
        ToolRun clients = TlsMosquittoClients.Run("openssl", ["verify", "-CAfile", lab.CaFile, "-purpose", "sslclient", lab.NodeA.CertificateFile, lab.NodeB.CertificateFile, lab.Gateway.CertificateFile], null, 10_000);
        ToolRun foreign = TlsMosquittoClients.Run("openssl", ["verify", "-CAfile", lab.CaFile, lab.ForeignNodeA.CertificateFile], null, 10_000);
        ToolRun subject = TlsMosquittoClients.Run("openssl", ["x509", "-noout", "-subject", "-in", lab.NodeA.CertificateFile], null, 10_000);

        Assert.True(server.ExitCode == 0, server.Output + server.Error);
        Assert.True(clients.ExitCode == 0, clients.Output + clients.Error);
        Assert.NotEqual(0, foreign.ExitCode);
        Assert.Contains("CN = node-a", subject.Output); // the user name under use_identity_as_username
    });

    [Theory]
    [InlineData("mqtt://127.0.0.1:1883", "--ca", "need an mqtts://")]
    [InlineData("mqtts://127.0.0.1:8883", "--cert", "go together")]
    public void GatewayCommand_RefusesTlsOptions_ThatCannotApply(string url, string option, string message)
    {
        var error = new StringWriter();
        int code = GatewayCommand.Run(["--broker", url, "--db", Path.Combine(lab.NewFolder(), "g.db"), option, lab.CaFile], TextWriter.Null, error);
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public void GatewayCommand_NamesAnUnreadableCaFile_BeforeConnecting()
    {
        string notPem = Path.Combine(lab.NewFolder(), "ca.crt");
        File.WriteAllText(notPem, "not a certificate");
        var error = new StringWriter();

        int code = GatewayCommand.Run(["--broker", "mqtts://127.0.0.1:1", "--db", Path.Combine(lab.NewFolder(), "g.db"), "--ca", notPem], TextWriter.Null, error);

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains(notPem, error.ToString());
    }
}
