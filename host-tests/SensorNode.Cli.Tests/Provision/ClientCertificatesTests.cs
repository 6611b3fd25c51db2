using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Provision;

public sealed class ClientCertificatesTests : IDisposable
{
    private readonly ProvisionFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Provision_IssuesAClientCertificateThatChainsToTheGivenCa_WithTheNodeIdAsCommonName()
    {
        Assert.Equal(CommandLine.Ok, _folder.Run("--make-ca", _folder.Path("ca")));
        string dir = _folder.Provision("node-01", "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key"));

        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_folder.Path("ca", "ca.crt")));
        using X509Certificate2 node = X509Certificate2.CreateFromPemFile(Path.Combine(dir, "node.crt"), Path.Combine(dir, "node.key"));
        AssertChainsTo(ca, node);
        Assert.Equal("node-01", node.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.True(node.HasPrivateKey);
        Assert.Equal("1.2.840.10045.2.1", node.PublicKey.Oid.Value); // id-ecPublicKey
        Assert.Contains(node.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
        Assert.False(node.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Provision_WithMakeCaAndNodeId_SignsTheNodeWithTheNewCa()
    {
        string dir = _folder.Provision("node-01", "--make-ca", _folder.Path("ca"));

        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_folder.Path("ca", "ca.crt")));
        using X509Certificate2 node = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "node.crt")));
        AssertChainsTo(ca, node);
    }

    [Fact]
    public void Provision_AcceptsAnRsaCa()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=lab RSA CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(_folder.Path("rsa.crt"), ca.ExportCertificatePem());
        File.WriteAllText(_folder.Path("rsa.key"), key.ExportPkcs8PrivateKeyPem());

        string dir = _folder.Provision("node-01", "--ca-cert", _folder.Path("rsa.crt"), "--ca-key", _folder.Path("rsa.key"));

        using X509Certificate2 node = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "node.crt")));
        AssertChainsTo(ca, node);
        Assert.True(node.NotAfter <= ca.NotAfter, "a node certificate never outlives its CA");
    }

    [Fact]
    public void Provision_Fails_WhenTheCaCertificateIsNotACa()
    {
        _folder.Run("--make-ca", _folder.Path("ca"));
        string other = _folder.Provision("node-02", "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key"));

        int code = _folder.Run("--node-id", "node-01", "--config", _folder.Template, "--out", _folder.Path("node-01"),
            "--ca-cert", Path.Combine(other, "node.crt"), "--ca-key", Path.Combine(other, "node.key"));

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("is not a CA certificate", _folder.Error);
        Assert.False(Directory.Exists(_folder.Path("node-01")));
    }

    [Fact]
    public void Provision_Fails_WhenTheCaKeyDoesNotMatchItsCertificate()
    {
        _folder.Run("--make-ca", _folder.Path("ca1"));
        _folder.Run("--make-ca", _folder.Path("ca2"));

        int code = _folder.Run("--node-id", "node-01", "--config", _folder.Template, "--out", _folder.Path("out"),
            "--ca-cert", _folder.Path("ca1", "ca.crt"), "--ca-key", _folder.Path("ca2", "ca.key"));

        Assert.Equal(CommandLine.Failed, code);
        Assert.Contains("cannot use the CA", _folder.Error);
    }

    [Fact]
    public void MakeCa_RefusesToOverwriteACa_UnlessForced()
    {
        _folder.Run("--make-ca", _folder.Path("ca"));
        string before = File.ReadAllText(_folder.Path("ca", "ca.key"));

        Assert.Equal(CommandLine.Failed, _folder.Run("--make-ca", _folder.Path("ca")));
        Assert.Equal(before, File.ReadAllText(_folder.Path("ca", "ca.key")));
        Assert.Equal(CommandLine.Ok, _folder.Run("--make-ca", _folder.Path("ca"), "--force"));
        Assert.NotEqual(before, File.ReadAllText(_folder.Path("ca", "ca.key")));
    }

    // The chain is built against the CA alone (custom root trust, no system store, no revocation lookups).
    private static void AssertChainsTo(X509Certificate2 ca, X509Certificate2 node)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        bool valid = chain.Build(node);
        Assert.True(valid, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(2, chain.ChainElements.Count);
        Assert.Equal(ca.Thumbprint, chain.ChainElements[1].Certificate.Thumbprint);
    }
}
