using System.Security.Cryptography;

namespace SensorNode.Cli.Provision;

/// <summary>
/// A node's secrets.config (format: docs/configuration.md): the MQTT user name is the node id, the MQTT password a
/// fresh random one, the Wi-Fi passphrase given or a placeholder to fill in before flashing.
/// </summary>
internal static class SecretsFile
{
    /// <summary>Characters of a generated MQTT password: 32 of base62 give 190 bits, with nothing to quote or escape.</summary>
    public const int PasswordLength = 32;

    /// <summary>The Wi-Fi value written when no passphrase is given; the file says to replace it.</summary>
    public const string WifiPlaceholder = "change-me-wifi-passphrase";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new MQTT password: <see cref="PasswordLength"/> base62 characters from the OS's CSPRNG.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(Base62, PasswordLength);

    /// <summary>
    /// The file's text. <paramref name="wifiPassword"/> null writes <see cref="WifiPlaceholder"/> with a comment.
    /// Throws <see cref="ArgumentException"/> for a passphrase the config syntax cannot hold (it needs quotes and
    /// contains a double quote).
    /// </summary>
    public static string Render(string nodeId, string mqttPassword, string? wifiPassword)
    {
        string wifi = wifiPassword == null
            ? "# Not provisioned: replace with the network's WPA2 passphrase before flashing.\npassword = " + WifiPlaceholder
            : "password = " + Quote(wifiPassword);
        return $"""
            # SensorNode secrets for node '{nodeId}', written by `sensornode provision`. Never commit this file.

            [wifi]
            {wifi}

            [mqtt]
            # The broker knows this node by its id (mosquitto.passwd, mosquitto.acl next to this file).
            username = {nodeId}
            password = {mqttPassword}

            """;
    }

    // Quotes a value exactly when the syntax needs it (ConfigSyntax.ReadValue): blank ends, a leading quote or
    // comment character, or a comment start (" #", " ;") inside.
    private static string Quote(string value)
    {
        bool needsQuotes = value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
            || value[0] is '"' or '#' or ';'
            || Enumerable.Range(1, Math.Max(0, value.Length - 1)).Any(i => value[i] is '#' or ';' && char.IsWhiteSpace(value[i - 1])));
        if (!needsQuotes) return value;
        if (value.Contains('"')) throw new ArgumentException("the Wi-Fi passphrase needs quoting in secrets.config but contains '\"', which a quoted value cannot hold");
        return "\"" + value + "\"";
    }
}
