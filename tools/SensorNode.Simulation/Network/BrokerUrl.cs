using System.Globalization;

namespace SensorNode.Simulation.Network;

/// <summary>
/// Where a real MQTT broker listens: <c>mqtt://[user[:password]@]host[:port]</c> (port 1883 by default) or
/// <c>mqtts://...</c> (TLS, port 8883 by default). User and password may be percent-encoded; an IPv6 host
/// goes in brackets (<c>mqtt://[::1]:1883</c>). Nothing may follow the authority except one trailing '/'.
/// </summary>
public sealed class BrokerUrl
{
    /// <summary>Port of plain MQTT when the URL names none (IANA).</summary>
    public const int DefaultPort = 1883;

    /// <summary>Port of MQTT over TLS when the URL names none (IANA).</summary>
    public const int DefaultTlsPort = 8883;

    private BrokerUrl(string host, int port, bool tls, string? username, string? password)
    {
        Host = host;
        Port = port;
        Tls = tls;
        Username = username;
        Password = password;
    }

    /// <summary>Host name or IP address, without brackets for IPv6.</summary>
    public string Host { get; }

    /// <summary>TCP port, 1 to 65535.</summary>
    public int Port { get; }

    /// <summary>True for <c>mqtts://</c>: the connection is wrapped in TLS.</summary>
    public bool Tls { get; }

    /// <summary>User name for the CONNECT packet (decoded), or null for an anonymous connection.</summary>
    public string? Username { get; }

    /// <summary>Password (decoded), or null when the URL gives none.</summary>
    public string? Password { get; }

    /// <summary>
    /// Parses a broker URL. Throws <see cref="FormatException"/> naming what is wrong: the scheme, an empty user,
    /// a bad host, a port outside 1-65535, or a path or query after the authority.
    /// </summary>
    public static BrokerUrl Parse(string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new FormatException("Broker URL is empty; expected mqtt://host[:port] or mqtts://host[:port].");
        }
        if (url.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"Broker URL '{Mask(url)}' contains whitespace.");
        }

        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            throw new FormatException($"Broker URL '{Mask(url)}' has no scheme; expected mqtt:// or mqtts://.");
        }
        string scheme = url[..schemeEnd].ToLowerInvariant();
        bool tls = scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => throw new FormatException($"Broker URL '{Mask(url)}': scheme '{url[..schemeEnd]}' is not supported; use mqtt:// or mqtts://."),
        };

        string authority = url[(schemeEnd + 3)..];
        if (authority.EndsWith('/'))
        {
            authority = authority[..^1];
        }
        int extra = authority.IndexOfAny(new[] { '/', '?', '#' });
        if (extra >= 0)
        {
            throw new FormatException($"Broker URL '{Mask(url)}': unexpected '{authority[extra..]}' after host and port; the topic prefix belongs in the node config.");
        }

        string? username = null;
        string? password = null;
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            string userInfo = authority[..at];
            authority = authority[(at + 1)..];
            int colon = userInfo.IndexOf(':');
            string rawUser = colon < 0 ? userInfo : userInfo[..colon];
            if (rawUser.Length == 0)
            {
                throw new FormatException($"Broker URL '{Mask(url)}': the user name before '@' is empty.");
            }
            username = Uri.UnescapeDataString(rawUser);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"Broker URL '{Mask(url)}': IPv6 host has no closing ']'.");
            }
            host = authority[1..close];
            string rest = authority[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    throw new FormatException($"Broker URL '{Mask(url)}': expected ':port' after ']', got '{rest}'.");
                }
                portText = rest[1..];
            }
            if (Uri.CheckHostName(host) != UriHostNameType.IPv6)
            {
                throw new FormatException($"Broker URL '{Mask(url)}': '{host}' in brackets is not an IPv6 address.");
            }
        }
        else
        {
            int colon = authority.IndexOf(':');
            if (colon >= 0 && authority.IndexOf(':', colon + 1) >= 0)
            {
                throw new FormatException($"Broker URL '{Mask(url)}': an IPv6 host must be written in brackets, e.g. mqtt://[::1]:1883.");
            }
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
            if (host.Length == 0)
            {
                throw new FormatException($"Broker URL '{Mask(url)}' has no host.");
            }
            UriHostNameType kind = Uri.CheckHostName(host);
            if (kind != UriHostNameType.Dns && kind != UriHostNameType.IPv4)
            {
                throw new FormatException($"Broker URL '{Mask(url)}': '{host}' is not a valid host name or IPv4 address.");
            }
        }

        int port = tls ? DefaultTlsPort : DefaultPort;
        if (portText != null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
            {
                throw new FormatException($"Broker URL '{Mask(url)}': port '{portText}' is not a number from 1 to 65535.");
            }
        }

        return new BrokerUrl(host, port, tls, username, password);
    }

    /// <summary>The URL with the password replaced by "***", so it can be logged.</summary>
    public override string ToString()
    {
        string user = Username == null ? "" : Uri.EscapeDataString(Username) + (Password == null ? "" : ":***") + "@";
        string host = Host.Contains(':') ? $"[{Host}]" : Host;
        return $"{(Tls ? "mqtts" : "mqtt")}://{user}{host}:{Port.ToString(CultureInfo.InvariantCulture)}";
    }

    // Error messages echo the URL without its password.
    private static string Mask(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int at = url.LastIndexOf('@');
        if (at < start)
        {
            return url;
        }
        int colon = url.IndexOf(':', start);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
