using System.Collections;

namespace SensorNode.Cli;

/// <summary>
/// The certificate files a node with <c>[mqtt] tls = true</c> needs in internal storage, taken from the folder of
/// its nf.config (where <c>sensornode provision</c> writes them): the CA that signed the broker's certificate, and
/// optionally the node's client certificate with its key. Only paths are held; no file is read.
/// </summary>
internal sealed record TlsFiles(string CaCertificatePath, string? ClientCertificatePath, string? ClientKeyPath)
{
    /// <summary>File names beside nf.config and on the device's I:\ (the firmware's M2MqttSession reads these names).</summary>
    public const string CaCertificateName = "ca.crt";
    public const string ClientCertificateName = "node.crt";
    public const string ClientKeyName = "node.key";

    /// <summary>
    /// The files in <paramref name="folder"/> (absolute; <paramref name="shownFolder"/> is how messages name it).
    /// Adds a problem to <paramref name="errors"/> and returns null when ca.crt is missing (the node would refuse to
    /// connect without verifying the broker) or when only one of node.crt and node.key is there.
    /// </summary>
    public static TlsFiles? Find(string folder, string shownFolder, IList errors)
    {
        string Shown(string name) => Path.Combine(shownFolder, name);
        int before = errors.Count;

        string ca = Path.Combine(folder, CaCertificateName);
        if (!File.Exists(ca))
        {
            errors.Add($"{Shown(CaCertificateName)}: not found; [mqtt] tls = true needs the CA certificate that signed the broker's "
                + "certificate beside the configuration (`sensornode provision --node-id ID --ca-cert CA.crt --ca-key CA.key` puts it there), "
                + "or set tls = false");
        }

        string certificate = Path.Combine(folder, ClientCertificateName), key = Path.Combine(folder, ClientKeyName);
        bool hasCertificate = File.Exists(certificate), hasKey = File.Exists(key);
        if (hasCertificate != hasKey)
        {
            (string present, string missing) = hasCertificate ? (ClientCertificateName, ClientKeyName) : (ClientKeyName, ClientCertificateName);
            errors.Add($"{Shown(present)}: found without {Shown(missing)}; the client certificate and its key go together: provide both or neither");
        }

        if (errors.Count > before) return null;
        return hasCertificate ? new TlsFiles(ca, certificate, key) : new TlsFiles(ca, null, null);
    }
}
