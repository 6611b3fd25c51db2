using System.Globalization;

namespace SensorNode.Simulation.Environment;

/// <summary>
/// Timestamp formats of the trace files, all read as the building's local wall clock (see
/// <see cref="EnvironmentTrace"/>), to whole seconds (fractions are dropped).
/// </summary>
internal static class TraceTimestamp
{
    private static readonly string[] IsoFormats =
    {
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK",
    };

    /// <summary>Pible's `%m/%d/%y %H:%M:%S`, e.g. "09/30/19 11:16:34" (two-digit years are 1950-2049).</summary>
    public static bool TryParsePible(string field, out long unixSeconds)
    {
        bool ok = DateTime.TryParseExact(field.Trim(), "M/d/yy H:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out DateTime wallClock);
        unixSeconds = ok ? UnixTime.FromDateTime(wallClock) : 0;
        return ok;
    }

    /// <summary>
    /// CSV timestamps: Unix seconds ("1704164645" or "1704164645.5"); ISO 8601
    /// ("2024-01-02T03:04:05", with optional fraction, 'Z' or offset, or a space instead of 'T');
    /// or "02-Jan-2024 03:04:05". An ISO offset is not applied: the clock time as written is the
    /// local time, like every other timestamp here.
    /// </summary>
    public static bool TryParseCsv(string field, out long unixSeconds)
    {
        string text = field.Trim();
        unixSeconds = 0;
        if (text.Length == 0) return false;
        if (char.IsAsciiDigit(text[0]) && !text.Contains('-') && !text.Contains('/') && !text.Contains(':'))
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds)
                || seconds > long.MaxValue / 2)
                return false;
            unixSeconds = (long)decimal.Floor(seconds);
            return true;
        }
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out DateTimeOffset iso))
        {
            unixSeconds = UnixTime.FromDateTime(iso.DateTime);
            return true;
        }
        if (DateTime.TryParseExact(text, "dd-MMM-yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out DateTime dayMonthYear))
        {
            unixSeconds = UnixTime.FromDateTime(dayMonthYear);
            return true;
        }
        return false;
    }
}
