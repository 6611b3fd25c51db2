using System.Globalization;
using System.Text;

namespace SensorNode.Gateway.Service;

/// <summary>
/// The payload the gateway publishes on <c>&lt;prefix&gt;/&lt;node&gt;/cmd/&lt;name&gt;</c>: the command id in ASCII decimal,
/// one '\n', then the queued payload bytes unchanged, e.g. "17\nsleep=600". The node answers on
/// <c>&lt;prefix&gt;/&lt;node&gt;/ack</c> with the id alone ("17"). A line-based prefix is trivial to split on nanoFramework
/// (IndexOf), and the node speaks MQTT 3.1.1, which has no user properties to carry the id.
/// </summary>
public static class CommandMessage
{
    /// <summary>"&lt;id&gt;\n" followed by <paramref name="payload"/>. <paramref name="id"/> is 1 to <see cref="long.MaxValue"/>.</summary>
    public static byte[] Encode(long id, byte[] payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        byte[] head = Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture) + "\n");
        byte[] message = new byte[head.Length + payload.Length];
        head.CopyTo(message, 0);
        payload.CopyTo(message, head.Length);
        return message;
    }

    /// <summary>Splits a message made by <see cref="Encode"/>; false when it has no "&lt;digits&gt;\n" head.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> message, out long id, out byte[] payload)
    {
        id = 0;
        payload = Array.Empty<byte>();
        int newline = message.IndexOf((byte)'\n');
        if (newline is < 1 or > 19) return false;
        if (!long.TryParse(Encoding.ASCII.GetString(message[..newline]), NumberStyles.None, CultureInfo.InvariantCulture, out id) || id < 1) return false;
        payload = message[(newline + 1)..].ToArray();
        return true;
    }
}
