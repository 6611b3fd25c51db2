using System.CommandLine;
using System.Collections;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SensorNode.Cli.Provision;
using SensorNode.Core.Config;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode provision</c>: a node's identity from an nf.config template: its nf.config, a secrets.config with a
/// fresh MQTT password, the broker's password-file and ACL lines for it and, given a CA, a client certificate.
/// Nothing is written unless all of it could be made, and an existing identity is kept unless --force.
/// </summary>
public static class ProvisionCommand
{
    public static Command Build() => new Command("provision", "create a node's identity: nf.config, secrets.config, mosquitto passwd/acl lines, client certificate; or a test CA").WithDetails("""
        Writes nf.config, secrets.config (mode 0600), mosquitto.passwd and mosquitto.acl (lines to add to the broker's
        password_file and acl_file) and, given a CA, node.crt, node.key and ca.crt; nothing is written unless all of it
        could be made, and an existing identity is kept unless --force. --make-ca DIR creates a test CA instead.
        """).Options(
        CliOption.Text("--node-id", "the node's id: 1-32 characters of a-z, 0-9 and '-'", "ID"),
        CliOption.Config("nf.config template (default nf.config); its [mqtt] node_id is set to ID"),
        CliOption.Out("where the identity goes (default provision/ID; required when a CA is given and provision/ID is inside a git work tree, so that node.key is put there on purpose)"),
        CliOption.Text("--wifi-password-file", "the Wi-Fi passphrase (first line); without it a placeholder is written", "FILE"),
        CliOption.Text("--ca-cert", "with --ca-key: also issue a client certificate (CN = ID) signed by this CA: node.crt, node.key, and copy the CA's certificate (never its key) to ca.crt, with which the node verifies the broker (`sensornode flash` deploys all three when [mqtt] tls = true)", "FILE"),
        CliOption.Text("--ca-key", "the key of --ca-cert", "FILE"),
        CliOption.Text("--make-ca", "create a test CA (ca.crt, ca.key) and DIR/mosquitto.conf (the broker listener, which binds each client id to the certificate's CN) in DIR; with --node-id, also sign the node's certificate with it", "DIR"),
        CliOption.Flag("--gateway", "ID is a gateway instance, not a node: writes gateway.password (0600), the gateway's acl_file lines and, with a CA, its certificate (CN = ID, which the broker also makes its client id); give each instance its own ID"),
        CliOption.Text("--prefix", "with --gateway: the nodes' topic prefix (default sensornode)", "P"),
        CliOption.Flag("--force", "replace an existing identity (or CA) in the output folder")).With(Run);

    /// <summary><c>sensornode provision ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    /// <summary>The files of a node's identity, in the order they are written and listed.</summary>
    public static readonly IReadOnlyList<string> IdentityFiles =
        new[] { "nf.config", "secrets.config", "mosquitto.passwd", "mosquitto.acl", "node.crt", "node.key", "ca.crt" };

    private static readonly string[] SecretFiles = { "secrets.config", "node.key", "ca.key" };

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        bool force = options.Has("force");
        string? nodeId = options.Get("node-id");
        string? makeCa = options.Get("make-ca");
        if (options.Has("ca-cert") != options.Has("ca-key")) throw new UsageException("--ca-cert and --ca-key go together");
        if (makeCa != null && options.Has("ca-cert")) throw new UsageException("--make-ca creates a CA; it cannot be combined with --ca-cert/--ca-key");
        if (nodeId == null && makeCa == null) throw new UsageException("--node-id is required");
        if (nodeId != null && NodeConfigTemplate.CheckNodeId(nodeId) is { } problem) throw new UsageException($"--node-id: {problem}");

        string? caCert = options.Get("ca-cert"), caKey = options.Get("ca-key");
        // A node key in the default folder of a work tree is one `git add -A` from being committed.
        if (nodeId != null && !options.Has("out") && (caCert != null || makeCa != null))
            KeyFolder.RefuseDefaultInsideWorkTree(Path.Combine("provision", nodeId));
        if (makeCa != null)
        {
            if (!TryMakeCa(makeCa, force, output, error)) return CommandLine.Failed;
            (caCert, caKey) = (Path.Combine(makeCa, "ca.crt"), Path.Combine(makeCa, "ca.key"));
        }
        if (nodeId != null && options.Has("gateway")) return ProvisionGateway(nodeId, options, caCert, caKey, force, output, error);
        if (options.Has("prefix")) throw new UsageException("--prefix goes with --gateway (a node's prefix is in its nf.config)");
        return nodeId == null ? CommandLine.Ok : ProvisionNode(nodeId, options, caCert, caKey, force, output, error);
    }

    /// <summary>The files of a gateway instance's identity, in the order they are written and listed.</summary>
    public static readonly IReadOnlyList<string> GatewayFiles =
        new[] { "gateway.password", "mosquitto.passwd", "mosquitto.acl", "node.crt", "node.key", "ca.crt" };

    // A gateway instance: its own user (and CN, hence client id), so instances never share or steal a session.
    private static int ProvisionGateway(string id, CommandInput options, string? caCert, string? caKey, bool force, TextWriter output, TextWriter error)
    {
        string prefix = options.Get("prefix") ?? "sensornode";
        if (prefix.Length == 0 || prefix.StartsWith('/') || prefix.EndsWith('/') || prefix.Contains('+') || prefix.Contains('#'))
            throw new UsageException($"--prefix '{prefix}': one or more topic levels, no leading or trailing '/', no '+' or '#'");
        string outDir = options.Get("out") ?? Path.Combine("provision", id);
        string password = SecretsFile.NewPassword();
        var files = new Dictionary<string, string>
        {
            ["gateway.password"] = password + "\n",
            ["mosquitto.passwd"] = MosquittoPasswd.Line(id, password, out string hashedBy) + "\n",
            ["mosquitto.acl"] = MosquittoListener.GatewayAcl(prefix, id),
        };
        if (!TryIssueCertificate(files, id, caCert, caKey, error)) return CommandLine.Failed;
        if (!TryWriteAll(outDir, files, GatewayFiles, force, "an identity", error)) return CommandLine.Failed;
        output.WriteLine($"provisioned gateway instance '{id}' in {outDir}: gateway.password (0600), mosquitto.passwd ({hashedBy}), mosquitto.acl{(files.ContainsKey("node.crt") ? $", node.crt (CN={id}), node.key, ca.crt" : "")}");
        output.WriteLine($"  run it as: sensornode gateway --broker mqtts://BROKER --ca {Path.Combine(outDir, "ca.crt")} --cert {Path.Combine(outDir, "node.crt")} --key {Path.Combine(outDir, "node.key")} --db FILE");
        output.WriteLine("  (its client id is then its CN; a second instance needs its own --node-id)");
        return CommandLine.Ok;
    }

    private static int ProvisionNode(string nodeId, CommandInput options, string? caCert, string? caKey, bool force, TextWriter output, TextWriter error)
    {
        string templatePath = options.Get("config") ?? "nf.config";
        string outDir = options.Get("out") ?? Path.Combine("provision", nodeId);
        if (!File.Exists(templatePath))
        {
            error.WriteLine($"sensornode provision: template {templatePath} not found (give one with --config)");
            return CommandLine.Failed;
        }

        // Everything is made in memory first: a failure leaves no half-written identity behind.
        var files = new Dictionary<string, string>();
        string config = NodeConfigTemplate.WithNodeId(ConfigFileText.Read(templatePath, templatePath), nodeId);
        var errors = new ArrayList();
        NodeConfig parsed = ConfigParser.Parse(config, templatePath, errors);
        if (errors.Count > 0)
        {
            error.WriteLine($"sensornode provision: the template {templatePath} is not a valid nf.config:");
            foreach (ConfigError e in errors) error.WriteLine("  " + e);
            return CommandLine.Failed;
        }
        files["nf.config"] = config;

        string? wifiPassword = null;
        if (options.Get("wifi-password-file") is { } wifiFile)
        {
            if (!File.Exists(wifiFile))
            {
                error.WriteLine($"sensornode provision: {wifiFile} not found");
                return CommandLine.Failed;
            }
            wifiPassword = File.ReadLines(wifiFile).FirstOrDefault() ?? "";
        }
        string mqttPassword = SecretsFile.NewPassword();
        try
        {
            files["secrets.config"] = SecretsFile.Render(nodeId, mqttPassword, wifiPassword);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"sensornode provision: {e.Message}");
            return CommandLine.Failed;
        }
        ConfigParser.ParseSecrets(files["secrets.config"], "secrets.config", errors);
        if (errors.Count > 0)
        {
            foreach (ConfigError e in errors)
            {
                // The passphrase is the user's file's first line, not a line of the secrets.config they never wrote.
                bool passphrase = e.Field == "wifi.password" && options.Get("wifi-password-file") is not null;
                error.WriteLine(passphrase
                    ? $"sensornode provision: --wifi-password-file {options.Get("wifi-password-file")}:line 1: {e.Message}"
                    : $"sensornode provision: {e}");
            }
            return CommandLine.Failed;
        }

        files["mosquitto.passwd"] = MosquittoPasswd.Line(nodeId, mqttPassword, out string hashedBy) + "\n";
        files["mosquitto.acl"] = MosquittoAcl.Render(parsed.TopicPrefix, nodeId);
        if (!TryIssueCertificate(files, nodeId, caCert, caKey, error)) return CommandLine.Failed;

        if (!TryWriteAll(outDir, files, IdentityFiles, force, "an identity", error)) return CommandLine.Failed;
        output.WriteLine($"provisioned node '{nodeId}' in {outDir}:");
        foreach (string name in IdentityFiles.Where(files.ContainsKey))
        {
            output.WriteLine($"  {name,-17}{Describe(name, parsed, hashedBy, wifiPassword != null)}");
        }
        output.WriteLine("next steps:");
        if (wifiPassword == null) output.WriteLine($"  - put the Wi-Fi passphrase in {Path.Combine(outDir, "secrets.config")}");
        output.WriteLine($"  - append {Path.Combine(outDir, "mosquitto.passwd")} to the broker's password_file and {Path.Combine(outDir, "mosquitto.acl")} to its acl_file");
        output.WriteLine("    (mosquitto.conf: allow_anonymous false, password_file ..., acl_file ...), then reload the broker (SIGHUP)");
        if (files.ContainsKey("node.crt"))
        {
            output.WriteLine("  - for TLS: the broker's cafile is the CA's certificate, and its server certificate must come from the same CA");
            output.WriteLine("    (else replace ca.crt with the CA that signed it); set [mqtt] tls = true and port = 8883, and flash deploys");
            output.WriteLine("    ca.crt, node.crt and node.key");
        }
        output.WriteLine($"  - sensornode flash --config {Path.Combine(outDir, "nf.config")}");
        return CommandLine.Ok;
    }

    // Given a CA: node.crt/node.key (CN = id) and ca.crt. No CA: nothing to do.
    private static bool TryIssueCertificate(Dictionary<string, string> files, string id, string? caCert, string? caKey, TextWriter error)
    {
        if (caCert == null || caKey == null) return true;
        try
        {
            using X509Certificate2 ca = ClientCertificates.LoadCa(caCert, caKey);
            (files["node.crt"], files["node.key"]) = ClientCertificates.IssueClient(ca, id);
            // The client verifies the broker against this CA: its certificate only, re-exported so a key kept in
            // the same PEM file can never reach the client's folder.
            files["ca.crt"] = ClientCertificates.CertificatesOnlyPem(caCert);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException)
        {
            error.WriteLine($"sensornode provision: cannot use the CA {caCert} / {caKey}: {e.Message}");
            return false;
        }
    }

    private static string Describe(string name, NodeConfig config, string hashedBy, bool wifiGiven) => name switch
    {
        "nf.config" => $"[mqtt] node_id = {config.NodeId}, topics {config.TopicPrefix}/{config.NodeId}/...",
        "secrets.config" => "MQTT user and a new random password" + (wifiGiven ? ", Wi-Fi passphrase" : ", Wi-Fi passphrase placeholder") + " (0600)",
        "mosquitto.passwd" => $"password_file line (made by {hashedBy})",
        "mosquitto.acl" => "acl_file lines: write state/availability/ack/app and fault reports (+/fault), read cmd/#",
        "node.crt" => $"client certificate, CN={config.NodeId}",
        "node.key" => "its private key (0600)",
        "ca.crt" => "the CA's certificate (no key): the node verifies the broker with it",
        _ => "",
    };

    private static bool TryMakeCa(string dir, bool force, TextWriter output, TextWriter error)
    {
        (string certificate, string key) = ClientCertificates.CreateCa("SensorNode test CA");
        var files = new Dictionary<string, string> { ["ca.crt"] = certificate, ["ca.key"] = key };
        files["mosquitto.conf"] = MosquittoListener.Render(Path.GetFullPath(Path.Combine(dir, "ca.crt")));
        if (!TryWriteAll(dir, files, files.Keys.ToList(), force, "a CA", error)) return false;
        output.WriteLine($"created a test CA in {dir}: ca.crt (the broker's cafile), ca.key (0600; keep it off the broker),");
        output.WriteLine("  mosquitto.conf (the broker's listener: the certificate's CN is the user name and the client id)");
        return true;
    }

    // Writes the files into dir, secrets with mode 0600 from their creation; refuses when any of 'owned' is there already.
    private static bool TryWriteAll(string dir, Dictionary<string, string> files, IReadOnlyList<string> owned, bool force, string what, TextWriter error)
    {
        string[] existing = owned.Where(name => File.Exists(Path.Combine(dir, name))).ToArray();
        if (existing.Length > 0 && !force)
        {
            error.WriteLine($"sensornode provision: {dir} already holds {what} ({string.Join(", ", existing)}); use --force to replace it");
            return false;
        }
        try
        {
            Directory.CreateDirectory(dir);
            // A replaced identity must not keep an old certificate that no longer matches.
            foreach (string name in existing) File.Delete(Path.Combine(dir, name));
            foreach ((string name, string text) in files) Write(Path.Combine(dir, name), text, SecretFiles.Contains(name));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"sensornode provision: cannot write into {dir}: {e.Message}");
            return false;
        }
    }

    private static void Write(string path, string text, bool secret)
    {
        var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, mode);
        writer.Write(text);
    }
}
