using System.Security.Cryptography.X509Certificates;
using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>With a CA, provision puts the CA's certificate beside the node's files as ca.crt (the node verifies the broker with it), never the CA's key.</summary>
public sealed class CaCertificateCopyTests : IDisposable
{
    private readonly ProvisionFolder _folder = new();

    public CaCertificateCopyTests() => Assert.Equal(CommandLine.Ok, _folder.Run("--make-ca", _folder.Path("ca")));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Provision_WithACa_WritesItsCertificateAsCaCrt()
    {
        string dir = _folder.Provision("node-01", "--ca-cert", _folder.Path("ca", "ca.crt"), "--ca-key", _folder.Path("ca", "ca.key"));

        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_folder.Path("ca", "ca.crt")));
        using X509Certificate2 copied = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "ca.crt")));
        Assert.Equal(ca.Thumbprint, copied.Thumbprint);
        Assert.Contains("ca.crt", _folder.Output);
    }

    [Fact]
    public void Provision_WithMakeCa_WritesTheNewCasCertificateAsCaCrt()
    {
        string dir = _folder.Provision("node-02", "--make-ca", _folder.Path("ca2"));

        using X509Certificate2 ca = X509Certificate2.CreateFromPem(File.ReadAllText(_folder.Path("ca2", "ca.crt")));
        using X509Certificate2 copied = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "ca.crt")));
        Assert.Equal(ca.Thumbprint, copied.Thumbprint);
    }

    [Fact]
    public void Provision_NeverCopiesTheCaKey_EvenWhenItSharesTheCertificatesFile()
    {
        string caKey = File.ReadAllText(_folder.Path("ca", "ca.key"));
        string combined = _folder.Path("ca", "ca-with-key.pem");
        File.WriteAllText(combined, File.ReadAllText(_folder.Path("ca", "ca.crt")) + "\n" + caKey);

        string dir = _folder.Provision("node-01", "--ca-cert", combined, "--ca-key", _folder.Path("ca", "ca.key"));

        string copied = File.ReadAllText(Path.Combine(dir, "ca.crt"));
        Assert.DoesNotContain("PRIVATE KEY", copied);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", copied);
        string keyBody = caKey.Split('\n')[1]; // the first base64 line of the CA's key
        foreach (string file in Directory.GetFiles(dir)) Assert.DoesNotContain(keyBody, File.ReadAllText(file));
        Assert.DoesNotContain(keyBody, _folder.Output + _folder.Error);
    }

    [Fact]
    public void Provision_WithoutACa_WritesNoCaCrt()
    {
        string dir = _folder.Provision("node-01");

        Assert.False(File.Exists(Path.Combine(dir, "ca.crt")));
    }
}
