using System.Collections;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SensorNode.Cli;
using SensorNode.Core.Config;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>What <c>sensornode provision</c> made for one client: its certificate, key and MQTT password.</summary>
public sealed record Identity(string Id, string CertificateFile, string KeyFile, string Password);

/// <summary>
/// A temp folder with everything a TLS broker needs, made at test time: a CA and identities (client certificate, key,
/// password, ACL lines) from <c>sensornode provision</c> itself, a server certificate for 127.0.0.1 signed by that CA,
/// and a second, unrelated CA with its own "node-a". Brokers started from it are killed on dispose.
/// </summary>
public sealed class TlsLab : IDisposable
{
    /// <summary>Longest wait for a message to arrive or be stored, ms.</summary>
    public const int ArrivalTimeoutMilliseconds = 10_000;

    /// <summary>How long "nothing arrives" is watched, ms: a forged publish would have come within it.</summary>
    public const int SilenceMilliseconds = 1000;

    /// <summary>CONNECT timeout of the nodes' sessions, ms.</summary>
    public const int ConnectTimeoutMilliseconds = 5000;

    /// <summary>The wall clock, Unix s: state packs carry it (the gateway refuses times in the future).</summary>
    public static long NowUnixSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // The gateway's lines come from `provision --gateway`; the operator watches.
    private const string OperatorAcl = """
        user operator
        topic read sensornode/#
        topic read homeassistant/#

        """;

    private readonly string _root = Directory.CreateTempSubdirectory("sensornode-tls-lab-").FullName;
    private readonly List<MosquittoBroker> _brokers = new();

    public TlsLab()
    {
        string template = Path.Combine(_root, "nf.config");
        File.Copy(Path.Combine(RepositoryRoot(), "nf.config"), template);
        RunProvision("--make-ca", Path.Combine(_root, "ca"));
        RunProvision("--make-ca", Path.Combine(_root, "other-ca"));
        CaFile = Path.Combine(_root, "ca", "ca.crt");
        OtherCaFile = Path.Combine(_root, "other-ca", "ca.crt");

        Identity Provision(string id, string ca) => ProvisionIdentity(template, id, ca);
        NodeA = Provision("node-a", "ca");
        NodeB = Provision("node-b", "ca");
        Gateway = ProvisionGateway("gateway");
        Operator = Provision("operator", "ca");
        ForeignNodeA = Provision("node-a", "other-ca");

        (ServerCertificateFile, ServerKeyFile) = IssueServer("server", "CN=127.0.0.1", names =>
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        });
        (MisnamedServerCertificateFile, MisnamedServerKeyFile) = IssueServer("misnamed", "CN=broker.example", names => names.AddDnsName("broker.example"));

        // The ACL the provision made for each node, then the gateway's and the operator's.
        AclFile = Path.Combine(_root, "broker.acl");
        File.WriteAllText(AclFile, ReadOut("ca", "node-a", "mosquitto.acl") + "\n" + ReadOut("ca", "node-b", "mosquitto.acl") + "\n" + ReadOut("ca", "gateway", "mosquitto.acl") + "\n" + OperatorAcl);
        PasswordFile = Path.Combine(_root, "broker.passwd");
        File.WriteAllText(PasswordFile, string.Concat(new[] { "node-a", "node-b", "gateway", "operator" }.Select(id => ReadOut("ca", id, "mosquitto.passwd"))));
    }

    public string CaFile { get; }

    /// <summary>A CA the broker does not know, with the same subject name as <see cref="CaFile"/>.</summary>
    public string OtherCaFile { get; }

    public Identity NodeA { get; }

    public Identity NodeB { get; }

    public Identity Gateway { get; }

    public Identity Operator { get; }

    /// <summary>CN=node-a, signed by the other CA.</summary>
    public Identity ForeignNodeA { get; }

    /// <summary>The broker's certificate: subjectAltName IP 127.0.0.1 and DNS localhost, serverAuth, signed by the CA.</summary>
    public string ServerCertificateFile { get; }

    public string ServerKeyFile { get; }

    /// <summary>A certificate from the right CA that names only broker.example.</summary>
    public string MisnamedServerCertificateFile { get; }

    public string MisnamedServerKeyFile { get; }

    public string AclFile { get; }

    public string PasswordFile { get; }

    /// <summary>A folder for a test's own files (SQLite), inside the lab.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_root, "test-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>
    /// Mutual TLS, no passwords: a client needs a certificate from the CA, its CN is its user name for the ACL.
    /// </summary>
    public MosquittoBroker StartCertificateBroker(string? serverCertificate = null, string? serverKey = null) => Start(
        "allow_anonymous false",
        $"acl_file {AclFile}",
        MosquittoBroker.TlsListenerConfig(CaFile, serverCertificate ?? ServerCertificateFile, serverKey ?? ServerKeyFile, requireCertificate: true, identityAsUsername: true));

    /// <summary>Server-only TLS with the provisioned user names and passwords.</summary>
    public MosquittoBroker StartPasswordBroker() => Start(
        "allow_anonymous false",
        $"password_file {PasswordFile}",
        $"acl_file {AclFile}",
        MosquittoBroker.TlsListenerConfig(CaFile, ServerCertificateFile, ServerKeyFile, requireCertificate: false, identityAsUsername: false));

    public void Dispose()
    {
        foreach (MosquittoBroker broker in _brokers) broker.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private MosquittoBroker Start(params string[] lines)
    {
        MosquittoBroker broker = MosquittoBroker.TryStart(out string reason, string.Join('\n', lines))
            ?? throw new InvalidOperationException("mosquitto did not start: " + reason);
        _brokers.Add(broker);
        return broker;
    }

    private Identity ProvisionIdentity(string template, string id, string ca)
    {
        string dir = Path.Combine(_root, "out", ca, id);
        RunProvision("--node-id", id, "--config", template, "--out", dir,
            "--ca-cert", Path.Combine(_root, ca, "ca.crt"), "--ca-key", Path.Combine(_root, ca, "ca.key"));
        var errors = new ArrayList();
        NodeSecrets secrets = ConfigParser.ParseSecrets(File.ReadAllText(Path.Combine(dir, "secrets.config")), "secrets.config", errors);
        Assert.Empty(errors);
        Assert.Equal(id, secrets.MqttUsername);
        return new Identity(id, Path.Combine(dir, "node.crt"), Path.Combine(dir, "node.key"), secrets.MqttPassword);
    }

    private Identity ProvisionGateway(string id)
    {
        string dir = Path.Combine(_root, "out", "ca", id);
        RunProvision("--node-id", id, "--gateway", "--out", dir,
            "--ca-cert", Path.Combine(_root, "ca", "ca.crt"), "--ca-key", Path.Combine(_root, "ca", "ca.key"));
        return new Identity(id, Path.Combine(dir, "node.crt"), Path.Combine(dir, "node.key"), File.ReadAllText(Path.Combine(dir, "gateway.password")).Trim());
    }

    private string ReadOut(string ca, string id, string file) => File.ReadAllText(Path.Combine(_root, "out", ca, id, file));

    private static void RunProvision(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ProvisionCommand.Run(args, output, error);
        Assert.True(code == CommandLine.Ok, $"sensornode provision {string.Join(' ', args)}: {error}");
    }

    // A TLS server certificate (serverAuth, the given subjectAltNames) signed by the lab's CA; the provision makes only client ones.
    private (string Certificate, string Key) IssueServer(string name, string subject, Action<SubjectAlternativeNameBuilder> addNames)
    {
        using X509Certificate2 ca = X509Certificate2.CreateFromPemFile(CaFile, Path.Combine(_root, "ca", "ca.key"));
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        addNames(names);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F; // a positive INTEGER
        using X509Certificate2 certificate = request.Create(ca, now.AddMinutes(-10), now.AddDays(2), serial);
        string certificateFile = Path.Combine(_root, name + ".crt");
        string keyFile = Path.Combine(_root, name + ".key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SensorNode.sln not found above " + AppContext.BaseDirectory);
    }
}
