using System.Globalization;

namespace SensorNode.Gateway;

/// <summary>Writes stored readings as CSV (RFC 4180 quoting, "\n" line ends, invariant culture; docs/gateway.md).</summary>
public static class ReadingsCsv
{
    /// <summary>The header line's columns.</summary>
    public const string Header = "node_id,seq,time_utc,temperature_c,humidity_pct,illuminance_lx,supercap_v,motion,received_utc";

    /// <summary>
    /// Writes <see cref="Header"/> and one line per reading: times as ISO-8601 UTC ("2026-01-01T00:00:00Z"; the
    /// receive time with milliseconds), numbers in their shortest round-trip form, empty cells for missing values
    /// (unknown time, faulted sensor).
    /// </summary>
    public static void Write(TextWriter writer, IEnumerable<StoredReading> readings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(readings);
        writer.Write(Header);
        writer.Write('\n');
        foreach (StoredReading r in readings)
        {
            writer.Write(string.Join(',',
                Quote(r.NodeId),
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                r.UnixSeconds is long s ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "",
                Number(r.TemperatureC),
                Number(r.HumidityPercent),
                Number(r.IlluminanceLux),
                Number(r.SupercapVolts),
                r.MotionEvents?.ToString(CultureInfo.InvariantCulture) ?? "",
                DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedUnixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
            writer.Write('\n');
        }
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    // Node ids cannot hold these characters (the decoder checks), but the store accepts any id from other callers.
    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
