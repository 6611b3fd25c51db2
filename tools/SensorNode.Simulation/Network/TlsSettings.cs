using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace SensorNode.Simulation.Network;

/// <summary>
/// TLS for a <see cref="RealBrokerSession"/> (docs/mqtt.md, Security): the broker's certificate must chain to one of
/// <see cref="TrustedAuthorities"/> alone (a custom trust store: the system's roots are not consulted) and name the
/// URL's host in its subjectAltName; optionally the session presents <see cref="ClientCertificate"/> (mutual TLS).
/// Whoever creates it disposes it; a session only borrows it.
/// </summary>
public sealed class TlsSettings : IDisposable
{
    /// <summary>
    /// Settings trusting <paramref name="authorities"/> (one or more CA certificates) and presenting
    /// <paramref name="clientCertificate"/>, which must hold its private key, or none when null. Takes ownership of both.
    /// </summary>
    public TlsSettings(X509Certificate2Collection authorities, X509Certificate2? clientCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (authorities.Count == 0) throw new ArgumentException("at least one CA certificate to trust is needed", nameof(authorities));
        if (clientCertificate is { HasPrivateKey: false })
            throw new ArgumentException($"client certificate {clientCertificate.Subject} has no private key", nameof(clientCertificate));
        TrustedAuthorities = authorities;
        ClientCertificate = clientCertificate;
    }

    /// <summary>As the collection constructor, trusting the single CA <paramref name="authority"/>.</summary>
    public TlsSettings(X509Certificate2 authority, X509Certificate2? clientCertificate = null)
        : this(new X509Certificate2Collection(authority ?? throw new ArgumentNullException(nameof(authority))), clientCertificate)
    {
    }

    /// <summary>The CA certificates the broker's certificate must chain to; never empty.</summary>
    public X509Certificate2Collection TrustedAuthorities { get; }

    /// <summary>The certificate (with its key) the session presents, or null for server-only TLS.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>
    /// Loads PEM files: <paramref name="caPath"/> holds one or more CA certificates; <paramref name="certificatePath"/>
    /// and <paramref name="keyPath"/> (PKCS#8, SEC1 or PKCS#1 key) go together or not at all. Throws
    /// <see cref="ArgumentException"/> naming the file that is missing or unreadable.
    /// </summary>
    public static TlsSettings FromPemFiles(string caPath, string? certificatePath = null, string? keyPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(caPath);
        if ((certificatePath == null) != (keyPath == null))
            throw new ArgumentException("a client certificate and its key go together");
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"CA file {caPath}: {e.Message}", e);
        }
        if (authorities.Count == 0) throw new ArgumentException($"CA file {caPath} holds no PEM certificate");
        X509Certificate2? client = null;
        if (certificatePath != null)
        {
            try
            {
                using X509Certificate2 ephemeral = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                // Through PKCS#12: SslStream on Windows cannot use a PEM-loaded (ephemeral) key; elsewhere it is harmless.
                client = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"client certificate {certificatePath} / key {keyPath}: {e.Message}", e);
            }
        }
        return new TlsSettings(authorities, client);
    }

    /// <summary>
    /// Turns TLS on in <paramref name="builder"/> for <paramref name="host"/> with these settings. Revocation is not
    /// checked: a lab CA publishes no CRL, and the broker's ACL is where a node is shut out.
    /// </summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder, string host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls()
                .WithTargetHost(host)
                .WithTrustChain(TrustedAuthorities)
                .WithRevocationMode(X509RevocationMode.NoCheck);
            if (ClientCertificate != null) tls.WithClientCertificates(new[] { ClientCertificate });
        });
    }

    /// <summary>Releases the certificates.</summary>
    public void Dispose()
    {
        foreach (X509Certificate2 authority in TrustedAuthorities) authority.Dispose();
        ClientCertificate?.Dispose();
    }
}
