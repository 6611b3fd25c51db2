namespace SensorNode.Simulation.Environment;

/// <summary>
/// Reads the Pible/ACES node logs (UCSD): '|'-separated, no header, columns (0-based)
/// 0 timestamp `%m/%d/%y %H:%M:%S` in local time, 2 temperature degC, 3 humidity %RH
/// ("-40.0" with "0.0" is a sensor read failure), 6 PIR event flag 0/1, 8 light lux; the other
/// columns are ignored. Rows come on a 10-15 min heartbeat plus one row per reported PIR event,
/// which becomes a motion event at its timestamp.
/// Rows with too few columns, a bad timestamp, an unusable lux value or PIR flag, or a time earlier
/// than an accepted row are skipped and reported (<see cref="TraceDiagnostics"/>); a missing or
/// failed temperature/humidity only leaves that value to interpolation. See docs/environment.md.
/// </summary>
public static class PibleTraceReader
{
    private const int ColumnsNeeded = 9;
    private const int TimestampColumn = 0;
    private const int TemperatureColumn = 2;
    private const int HumidityColumn = 3;
    private const int PirColumn = 6;
    private const int LuxColumn = 8;

    /// <summary>Reads a Pible trace onto a grid of <paramref name="stepSeconds"/> (1 to 86 400 s).</summary>
    /// <exception cref="TraceFormatException">The file cannot be read or has no usable row.</exception>
    public static EnvironmentTrace Read(string path, int stepSeconds = 60)
    {
        EnvironmentTrace.ValidateStep(stepSeconds);
        string[] lines = TraceFile.ReadAllLines(path);
        var collector = new TraceSampleCollector(path);
        for (int i = 0; i < lines.Length; i++)
        {
            collector.CountRow();
            ReadRow(collector, i + 1, lines[i]);
        }
        return collector.ToTrace(stepSeconds);
    }

    private static void ReadRow(TraceSampleCollector collector, int line, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            collector.Skip(line, SkipReason.BlankLine, "empty line");
            return;
        }
        string[] fields = text.Split('|');
        if (fields.Length < ColumnsNeeded)
        {
            collector.Skip(line, SkipReason.TooFewColumns, $"{fields.Length} columns, need {ColumnsNeeded}");
            return;
        }
        if (!TraceTimestamp.TryParsePible(fields[TimestampColumn], out long time))
        {
            collector.Skip(line, SkipReason.BadTimestamp,
                $"timestamp {TraceFields.Quote(fields[TimestampColumn])} is not MM/dd/yy HH:mm:ss");
            return;
        }
        if (!TraceFields.TryParseLux(fields[LuxColumn], out float lux))
        {
            collector.Skip(line, SkipReason.BadLux, $"lux {TraceFields.Quote(fields[LuxColumn])} is not a number >= 0");
            return;
        }
        if (!TraceFields.TryParsePir(fields[PirColumn], emptyIsNoEvent: false, out bool motion))
        {
            collector.Skip(line, SkipReason.BadPirFlag, $"PIR flag {TraceFields.Quote(fields[PirColumn])} is not 0 or 1");
            return;
        }
        float temperature = TraceFields.OptionalNumber(fields[TemperatureColumn]);
        float humidity = TraceFields.OptionalNumber(fields[HumidityColumn]);
        if (temperature == -40f && humidity == 0f)
        {
            // The HDC1000 driver's read-failure pattern, not a measurement.
            temperature = float.NaN;
            humidity = float.NaN;
        }
        collector.Add(new TraceSample(line, time, lux, motion, temperature, humidity));
    }
}
