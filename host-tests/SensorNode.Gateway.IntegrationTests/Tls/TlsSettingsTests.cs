using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>What <see cref="TlsSettings"/> loads and refuses, on the lab's files; no broker needed.</summary>
public sealed class TlsSettingsTests(TlsLab lab) : IClassFixture<TlsLab>
{
    [Fact]
    public void FromPemFiles_LoadsTheCa_AndTheClientCertificateWithItsKey()
    {
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile, lab.NodeA.CertificateFile, lab.NodeA.KeyFile);

        Assert.Single(tls.TrustedAuthorities);
        Assert.NotNull(tls.ClientCertificate);
        Assert.True(tls.ClientCertificate!.HasPrivateKey);
        Assert.Equal("CN=node-a", tls.ClientCertificate.Subject);
    }

    [Fact]
    public void FromPemFiles_RefusesACertificateWithoutItsKey_AndAFileWithoutCertificates()
    {
        Assert.Throws<ArgumentException>(() => TlsSettings.FromPemFiles(lab.CaFile, lab.NodeA.CertificateFile, null));
        var noCa = Assert.Throws<ArgumentException>(() => TlsSettings.FromPemFiles(lab.NodeA.KeyFile));
        Assert.Contains(lab.NodeA.KeyFile, noCa.Message);
        // node-b's key does not belong to node-a's certificate.
        Assert.Throws<ArgumentException>(() => TlsSettings.FromPemFiles(lab.CaFile, lab.NodeA.CertificateFile, lab.NodeB.KeyFile));
    }

    [Fact]
    public void RealBrokerSession_RefusesTlsSettings_ForAPlainMqttUrl()
    {
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile);

        Assert.Throws<ArgumentException>(() => new RealBrokerSession(BrokerUrl.Parse("mqtt://127.0.0.1:1883"), tls));
        using var session = new RealBrokerSession(BrokerUrl.Parse("mqtts://127.0.0.1:8883"), tls);
        Assert.Same(tls, session.Tls);
    }
}
