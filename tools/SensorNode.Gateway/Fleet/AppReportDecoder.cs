using System.Globalization;
using System.Text;
using SensorNode.Core.Update;

namespace SensorNode.Gateway.Fleet;

/// <summary>Reads the node's app report ("&lt;version&gt;" or "&lt;version&gt; rolled-back &lt;version&gt; &lt;reason&gt;", Core/Update/AppReport.cs).</summary>
public static class AppReportDecoder
{
    /// <summary>False, with a reason, for anything but the two forms (versions 0-4294967295, a reason of the core's words).</summary>
    public static bool TryDecode(byte[] payload, out long running, out long? rolledBack, out string? rollbackReason, out string reason)
    {
        running = 0;
        rolledBack = null;
        rollbackReason = null;
        if (payload.Length is < 1 or > AppReport.MaxLength) { reason = $"app report of {payload.Length} bytes (1-{AppReport.MaxLength} expected)"; return false; }
        string[] parts = Encoding.ASCII.GetString(payload).Split(' ');
        bool ok = parts.Length is 1 or 4 && TryVersion(parts[0], out running);
        if (ok && parts.Length == 4)
        {
            var reasons = new[] { RollbackReason.FailedFirstWake, RollbackReason.BadImage, RollbackReason.LoadFailed }.Select(AppReport.ReasonWord);
            ok = parts[1] == AppReport.RolledBackInfix.Trim() && TryVersion(parts[2], out long back) && reasons.Contains(parts[3]);
            if (ok)
            {
                rolledBack = long.Parse(parts[2], CultureInfo.InvariantCulture);
                rollbackReason = parts[3];
            }
        }
        reason = ok ? "" : "app report is not '<version>' or '<version> rolled-back <version> <reason>'";
        return ok;
    }

    private static bool TryVersion(string text, out long version) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version <= uint.MaxValue && text.Length <= 10;
}
