using System.Globalization;
using System.Text;

namespace SensorNode.Gateway.Service;

/// <summary>
/// Text that came from a node (topics, ack reasons, decoder reasons quoting payload parts), made safe for a log line:
/// control characters (newline, ESC, ...) and non-ASCII escaped as \xNN or \uNNNN, backslash doubled, cut to
/// <see cref="MaxChars"/>. So a node can neither forge a log line nor flood the log.
/// </summary>
public static class LogText
{
    /// <summary>Most characters of node text kept in one log line (before escaping).</summary>
    public const int MaxChars = 200;

    /// <summary>The escaped, cut text; the cut is marked "...(+N chars)".</summary>
    public static string Quote(string? text, int maxChars = MaxChars)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = new StringBuilder(Math.Min(text.Length, maxChars) + 16);
        int kept = Math.Min(text.Length, maxChars);
        for (int i = 0; i < kept; i++)
        {
            char c = text[i];
            if (c == '\\') line.Append("\\\\");
            else if (c is >= ' ' and <= '~') line.Append(c);
            else if (c <= 0xFF) line.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else line.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        if (text.Length > kept) line.Append("...(+").Append((text.Length - kept).ToString(CultureInfo.InvariantCulture)).Append(" chars)");
        return line.ToString();
    }
}
