using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SensorNode.Cli.Provision;

/// <summary>
/// X.509 for mutual TLS with the broker, from .NET alone (no openssl): a test CA for labs and a node's client
/// certificate signed by a CA. Keys are ECDSA P-256 (mbedTLS on the ESP32 handles it, and it is fast to verify on
/// a supercap budget); a CA with an RSA key can sign too. Output is PEM.
/// </summary>
internal static class ClientCertificates
{
    /// <summary>Validity of a test CA, days.</summary>
    public const int CaValidityDays = 20 * 365;

    /// <summary>Validity of a node's certificate, days (clamped to the CA's end): nodes live long in the field.</summary>
    public const int NodeValidityDays = 10 * 365;

    // A little slack for brokers whose clock is behind the provisioning PC's.
    private static readonly TimeSpan BackdateBy = TimeSpan.FromHours(1);

    /// <summary>A self-signed CA (CN = <paramref name="commonName"/>), as PEM certificate and PKCS#8 PEM key.</summary>
    public static (string CertificatePem, string KeyPem) CreateCa(string commonName)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + commonName), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = request.CreateSelfSigned(now - BackdateBy, now.AddDays(CaValidityDays));
        return (ca.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>
    /// Loads a CA from its PEM certificate and key files. Throws <see cref="CryptographicException"/> when they do not
    /// load or match, <see cref="ArgumentException"/> when the certificate is not a CA.
    /// </summary>
    public static X509Certificate2 LoadCa(string certificatePath, string keyPath)
    {
        X509Certificate2 ca = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            ca.Dispose();
            throw new ArgumentException($"{certificatePath} is not a CA certificate (no basicConstraints CA:TRUE)");
        }
        return ca;
    }

    /// <summary>
    /// Every certificate in the PEM file at <paramref name="certificatePath"/>, exported again as PEM: whatever else
    /// the file holds (a private key kept beside the CA's certificate) is left out. Throws
    /// <see cref="CryptographicException"/> when the file holds no certificate.
    /// </summary>
    public static string CertificatesOnlyPem(string certificatePath)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(certificatePath);
        try
        {
            if (certificates.Count == 0) throw new CryptographicException($"{certificatePath} holds no PEM certificate");
            return string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));
        }
        finally
        {
            foreach (X509Certificate2 certificate in certificates) certificate.Dispose();
        }
    }

    /// <summary>
    /// A new key and a client certificate for it (CN = <paramref name="nodeId"/>, extendedKeyUsage clientAuth),
    /// signed by <paramref name="ca"/>, which must hold its ECDSA or RSA private key. PEM certificate and key.
    /// </summary>
    public static (string CertificatePem, string KeyPem) IssueClient(X509Certificate2 ca, string nodeId)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + nodeId), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        // By the CA's key id when it has one (ours do); else by its issuer and serial number.
        bool caHasKeyId = ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any();
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, caHasKeyId, !caHasKeyId));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset notAfter = now.AddDays(NodeValidityDays);
        if (notAfter > ca.NotAfter) notAfter = ca.NotAfter;
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive INTEGER

        using AsymmetricAlgorithm caKey = (AsymmetricAlgorithm?)ca.GetECDsaPrivateKey() ?? ca.GetRSAPrivateKey()
            ?? throw new ArgumentException("the CA has no ECDSA or RSA private key");
        X509SignatureGenerator signer = caKey is ECDsa ec
            ? X509SignatureGenerator.CreateForECDsa(ec)
            : X509SignatureGenerator.CreateForRSA((RSA)caKey, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.Create(ca.SubjectName, signer, now - BackdateBy, notAfter, serial);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
