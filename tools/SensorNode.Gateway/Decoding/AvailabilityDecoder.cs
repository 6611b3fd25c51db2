using System.Text;
using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway;

/// <summary>
/// Decodes availability payloads ("online", "sleeping:&lt;s&gt;", "sleeping:&lt;s&gt;;cfg=&lt;8 hex&gt;", "lost"; docs/mqtt.md).
/// Never throws. The configuration suffix is optional, so payloads of nodes from before it still decode.
/// </summary>
public static class AvailabilityDecoder
{
    /// <summary>Longest planned sleep a node announces, s.</summary>
    public const int MaxSleepSeconds = 86400;

    /// <summary>
    /// Decodes <paramref name="payload"/>. <paramref name="sleepSeconds"/> is the planned sleep, 1 to 86400 s, for
    /// <see cref="AvailabilityState.Sleeping"/> and 0 otherwise. Returns false with a one-line
    /// <paramref name="reason"/> for anything else (unknown word, bad or out-of-range number, too long).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out AvailabilityState state, out int sleepSeconds, out string reason)
        => TryDecode(payload, out state, out sleepSeconds, out _, out reason);

    /// <summary>
    /// As above, with <paramref name="configCrc"/>: the node's configuration identity from a ";cfg=&lt;8 hex&gt;" suffix of
    /// the sleeping payload (<see cref="AvailabilityPayload.ConfigSuffix"/>), 0 when the payload has none.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out AvailabilityState state, out int sleepSeconds, out uint configCrc, out string reason)
    {
        configCrc = 0;
        state = AvailabilityState.Lost;
        sleepSeconds = 0;
        reason = "";
        if (payload.Length == 0 || payload.Length > AvailabilityPayload.MaxLength)
        {
            reason = $"availability payload of {payload.Length} bytes (1-{AvailabilityPayload.MaxLength} expected)";
            return false;
        }
        foreach (byte b in payload)
        {
            if (b < 0x21 || b > 0x7E)
            {
                reason = "availability payload is not printable ASCII";
                return false;
            }
        }
        string text = Encoding.ASCII.GetString(payload);
        switch (text)
        {
            case AvailabilityPayload.Online:
                state = AvailabilityState.Online;
                return true;
            case AvailabilityPayload.Lost:
                state = AvailabilityState.Lost;
                return true;
        }
        if (!text.StartsWith(AvailabilityPayload.SleepingPrefix, StringComparison.Ordinal))
        {
            reason = $"unknown availability payload '{text}'";
            return false;
        }
        string digits = text.Substring(AvailabilityPayload.SleepingPrefix.Length);
        int suffixAt = digits.IndexOf(AvailabilityPayload.ConfigSuffix, StringComparison.Ordinal);
        if (suffixAt >= 0)
        {
            string hex = digits.Substring(suffixAt + AvailabilityPayload.ConfigSuffix.Length);
            if (hex.Length != 8 || !uint.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out configCrc))
            {
                configCrc = 0;
                reason = $"configuration identity in '{text}' is not 8 hex digits";
                return false;
            }
            digits = digits.Substring(0, suffixAt);
        }
        if (digits.Length == 0 || digits.Length > 5 || !digits.All(char.IsAsciiDigit))
        {
            reason = $"sleep in '{text}' is not a decimal number of seconds";
            configCrc = 0;
            return false;
        }
        int seconds = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (seconds < 1 || seconds > MaxSleepSeconds)
        {
            reason = $"sleep of {seconds} s outside 1-{MaxSleepSeconds}";
            configCrc = 0;
            return false;
        }
        state = AvailabilityState.Sleeping;
        sleepSeconds = seconds;
        return true;
    }
}
