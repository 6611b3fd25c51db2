using System.Globalization;

namespace SensorNode.Simulation.Environment;

/// <summary>Field parsers shared by the trace readers (invariant culture, surrounding spaces ignored).</summary>
internal static class TraceFields
{
    /// <summary>Light in lux: a finite number that is not negative.</summary>
    public static bool TryParseLux(string field, out float lux)
    {
        bool ok = double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value) && value >= 0 && value <= float.MaxValue;
        lux = ok ? (float)value : 0f;
        return ok;
    }

    /// <summary>A PIR flag: "0" or "1"; when <paramref name="emptyIsNoEvent"/>, an empty field is 0.</summary>
    public static bool TryParsePir(string field, bool emptyIsNoEvent, out bool motion)
    {
        string text = field.Trim();
        motion = text == "1";
        return motion || text == "0" || (emptyIsNoEvent && text.Length == 0);
    }

    /// <summary>An optional measurement: the number, or NaN when empty, not a number or not finite.</summary>
    public static float OptionalNumber(string field)
    {
        return double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value) ? (float)value : float.NaN;
    }

    /// <summary>A field quoted and shortened for a diagnostic message.</summary>
    public static string Quote(string field)
    {
        string text = field.Trim();
        return text.Length <= 40 ? $"'{text}'" : $"'{text[..37]}...'";
    }
}
