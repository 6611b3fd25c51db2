using SensorNode.Core.Telemetry;

namespace SensorNode.Gateway;

/// <summary>A fault report that passed <see cref="FaultReportDecoder"/>: who (an unconfigured identity), the code, the config CRC and the whole text.</summary>
/// <param name="NodeId">"unconfigured-&lt;12 hex&gt;" (the topic's node level).</param>
/// <param name="Code">The fault code of the first line, e.g. "config-invalid".</param>
/// <param name="ConfigCrc">8 upper-case hex digits, or "none".</param>
/// <param name="Text">The whole report (printable ASCII and '\n' only).</param>
public sealed record FaultReportRecord(string NodeId, string Code, string ConfigCrc, string Text);

/// <summary>
/// The gateway's side of the core's fault report (firmware/SensorNode.Core/Telemetry/FaultReport.cs, docs/recovery.md):
/// "&lt;prefix&gt;/unconfigured-&lt;12 hex&gt;/fault", retained. The broker's ACL can only grant "&lt;prefix&gt;/+/fault" (a
/// wildcard covers a whole level), so any node user can write any node's fault topic: a report is accepted only on an
/// identity <see cref="UnconfiguredIdentity.FromMac"/> could have made, and it is a diagnostic, never a node's state.
/// </summary>
public static class FaultReportDecoder
{
    /// <summary>Longest fault code accepted, characters.</summary>
    public const int MaxCodeLength = 32;

    /// <summary>
    /// True when <paramref name="nodeId"/> is "unconfigured-" and 12 lower-case hex digits that are neither all 0 nor all f
    /// (the core's rule: an unreadable MAC gives no identity).
    /// </summary>
    public static bool IsUnconfiguredIdentity(string? nodeId)
    {
        if (nodeId == null || nodeId.Length != UnconfiguredIdentity.Prefix.Length + UnconfiguredIdentity.MacLength * 2
            || !nodeId.StartsWith(UnconfiguredIdentity.Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        string hex = nodeId.Substring(UnconfiguredIdentity.Prefix.Length);
        return hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f') && hex != "000000000000" && hex != "ffffffffffff";
    }

    /// <summary>
    /// Decodes the report <paramref name="payload"/> published under <paramref name="nodeId"/>. False with a one-line
    /// <paramref name="reason"/> when the id is not an unconfigured identity or the text breaks the format: at most
    /// <see cref="FaultReport.MaxLength"/> bytes of printable ASCII and '\n'; first line "fault:&lt;code&gt; cfg=&lt;8 hex|none&gt;";
    /// then at most <see cref="FaultReport.MaxErrors"/> non-empty lines of at most <see cref="FaultReport.MaxErrorLength"/>.
    /// </summary>
    public static bool TryDecode(string nodeId, ReadOnlySpan<byte> payload, out FaultReportRecord? report, out string reason)
    {
        report = null;
        if (!IsUnconfiguredIdentity(nodeId))
        {
            reason = $"fault report on '{SenmlDecoder.OneLine(nodeId)}': only '{UnconfiguredIdentity.Prefix}<12 hex of the MAC>' identities report faults (a configured node's id is never one)";
            return false;
        }
        if (payload.Length > FaultReport.MaxLength)
        {
            reason = $"fault report of {payload.Length} bytes exceeds {FaultReport.MaxLength}";
            return false;
        }
        foreach (byte b in payload)
        {
            if (b != (byte)'\n' && b is < 0x20 or > 0x7E)
            {
                reason = $"fault report holds byte 0x{b:X2}: printable ASCII and '\\n' only";
                return false;
            }
        }
        string text = System.Text.Encoding.ASCII.GetString(payload);
        string[] lines = text.Split('\n');
        if (lines.Length > 1 + FaultReport.MaxErrors)
        {
            reason = $"fault report has {lines.Length - 1} error lines, at most {FaultReport.MaxErrors}";
            return false;
        }
        string first = lines[0];
        int space = first.IndexOf(" cfg=", StringComparison.Ordinal);
        if (!first.StartsWith(FaultReport.Prefix, StringComparison.Ordinal) || space < 0)
        {
            reason = $"fault report does not start with '{FaultReport.Prefix}<code> cfg=<crc>'";
            return false;
        }
        string code = first.Substring(FaultReport.Prefix.Length, space - FaultReport.Prefix.Length);
        string crc = first.Substring(space + " cfg=".Length);
        if (code.Length is 0 or > MaxCodeLength || !code.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
        {
            reason = $"fault code is not 1-{MaxCodeLength} characters of a-z, 0-9 and '-'";
            return false;
        }
        if (crc != "none" && (crc.Length != 8 || !crc.All(c => c is >= '0' and <= '9' or >= 'A' and <= 'F')))
        {
            reason = "fault report cfg= is neither 8 upper-case hex digits nor 'none'";
            return false;
        }
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length is 0 or > FaultReport.MaxErrorLength)
            {
                reason = $"fault report error line {i} is empty or longer than {FaultReport.MaxErrorLength}";
                return false;
            }
        }
        report = new FaultReportRecord(nodeId, code, crc, text);
        reason = "";
        return true;
    }
}
