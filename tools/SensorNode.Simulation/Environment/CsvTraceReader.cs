namespace SensorNode.Simulation.Environment;

/// <summary>
/// Reads a plain comma-separated trace: `timestamp,lux[,pir][,temp_c]`, one row per sample, no
/// quoting; lines starting with '#' are comments.
/// The header is optional. Without one the columns are positional in that order. With one (its
/// first field is not a timestamp) columns are found by name, in any order, extra columns
/// ignored: timestamp (time, datetime), lux (illuminance, light), pir (motion), temp_c (temp,
/// temperature), humidity (rh). So the indoor-light study's `timestamp,...,lux,temp,...` files read as they are.
/// A row with a non-empty field beyond the header's columns (beyond the fourth without a header) is misaligned
/// (a decimal comma) and skipped as <see cref="SkipReason.TooManyColumns"/>.
/// Timestamps: Unix seconds, ISO 8601 (2024-01-02T03:04:05[Z]) or 02-Jan-2024 03:04:05, all taken as
/// local wall-clock time (see <see cref="EnvironmentTrace"/>). pir 1 is a motion event at that time;
/// an empty pir field or a missing column is 0. An empty or non-numeric temperature/humidity is
/// missing (interpolated). Skipping and ordering rules are those of <see cref="PibleTraceReader"/>.
/// </summary>
public static class CsvTraceReader
{
    private static readonly string[] TimestampNames = { "timestamp", "time", "datetime", "date_time", "unix_seconds" };
    private static readonly string[] LuxNames = { "lux", "illuminance", "illuminance_lux", "light", "light_lux" };
    private static readonly string[] PirNames = { "pir", "motion", "pir_event", "motion_event" };
    private static readonly string[] TemperatureNames = { "temp_c", "temp", "temperature", "temperature_c", "temperature_celsius" };
    private static readonly string[] HumidityNames = { "humidity", "rh", "humidity_percent", "rh_percent" };

    /// <summary>Reads a CSV trace onto a grid of <paramref name="stepSeconds"/> (1 to 86 400 s).</summary>
    /// <exception cref="TraceFormatException">The file cannot be read, its header lacks a timestamp or lux column, or it has no usable row.</exception>
    public static EnvironmentTrace Read(string path, int stepSeconds = 60)
    {
        EnvironmentTrace.ValidateStep(stepSeconds);
        string[] lines = TraceFile.ReadAllLines(path);
        var collector = new TraceSampleCollector(path);
        Columns columns = Columns.Positional;
        bool firstContentLine = true;
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i];
            if (text.TrimStart().StartsWith('#')) continue;
            if (firstContentLine && !string.IsNullOrWhiteSpace(text))
            {
                firstContentLine = false;
                if (TryReadHeader(path, text, out Columns header))
                {
                    columns = header;
                    continue;
                }
            }
            collector.CountRow();
            ReadRow(collector, columns, i + 1, text);
        }
        return collector.ToTrace(stepSeconds);
    }

    private static void ReadRow(TraceSampleCollector collector, Columns columns, int line, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            collector.Skip(line, SkipReason.BlankLine, "empty line");
            return;
        }
        string[] fields = text.Split(',');
        if (fields.Length < columns.Needed)
        {
            collector.Skip(line, SkipReason.TooFewColumns, $"{fields.Length} columns, need {columns.Needed}");
            return;
        }
        if (LastNonEmptyField(fields) >= columns.Count)
        {
            collector.Skip(line, SkipReason.TooManyColumns, columns.HasHeader
                ? $"{fields.Length} columns, the header has {columns.Count} (a decimal comma?)"
                : $"{fields.Length} columns, a row without a header has at most {columns.Count} (timestamp,lux,pir,temp_c; a decimal comma?)");
            return;
        }
        if (!TraceTimestamp.TryParseCsv(fields[columns.Timestamp], out long time))
        {
            collector.Skip(line, SkipReason.BadTimestamp,
                $"timestamp {TraceFields.Quote(fields[columns.Timestamp])} is neither Unix seconds nor ISO 8601");
            return;
        }
        if (!TraceFields.TryParseLux(fields[columns.Lux], out float lux))
        {
            collector.Skip(line, SkipReason.BadLux, $"lux {TraceFields.Quote(fields[columns.Lux])} is not a number >= 0");
            return;
        }
        string pir = Field(fields, columns.Pir);
        if (!TraceFields.TryParsePir(pir, emptyIsNoEvent: true, out bool motion))
        {
            collector.Skip(line, SkipReason.BadPirFlag, $"pir {TraceFields.Quote(pir)} is not 0 or 1");
            return;
        }
        float temperature = TraceFields.OptionalNumber(Field(fields, columns.Temperature));
        float humidity = TraceFields.OptionalNumber(Field(fields, columns.Humidity));
        collector.Add(new TraceSample(line, time, lux, motion, temperature, humidity));
    }

    private static int LastNonEmptyField(string[] fields)
    {
        int last = fields.Length - 1;
        while (last >= 0 && string.IsNullOrWhiteSpace(fields[last])) last--;
        return last;
    }

    private static string Field(string[] fields, int index) => index >= 0 && index < fields.Length ? fields[index] : "";

    /// <summary>A header is a first line whose first field is not a timestamp but has a letter.</summary>
    private static bool TryReadHeader(string path, string text, out Columns columns)
    {
        columns = Columns.Positional;
        string first = text.Split(',')[0];
        if (TraceTimestamp.TryParseCsv(first, out _) || !first.Any(char.IsAsciiLetter)) return false;
        string[] names = text.Split(',').Select(n => n.Trim().ToLowerInvariant()).ToArray();

        // Two columns for one role (lux and light, or a column repeated): which one was read would be a silent choice.
        foreach (string[] role in new[] { TimestampNames, LuxNames, PirNames, TemperatureNames, HumidityNames })
        {
            string[] matches = names.Where(role.Contains).ToArray();
            if (matches.Length > 1)
                throw new TraceFormatException(path,
                    $"CSV trace file '{path}': the header '{text.Trim()}' has {matches.Length} columns for one value ({string.Join(", ", matches)}); keep one or rename the others");
        }
        int timestamp = Array.FindIndex(names, TimestampNames.Contains);
        int lux = Array.FindIndex(names, LuxNames.Contains);
        if (timestamp < 0 || lux < 0)
            throw new TraceFormatException(path,
                $"CSV trace file '{path}': the header '{text.Trim()}' needs a timestamp column ({string.Join("/", TimestampNames)}) " +
                $"and a lux column ({string.Join("/", LuxNames)}).");
        columns = new Columns(timestamp, lux, Array.FindIndex(names, PirNames.Contains),
            Array.FindIndex(names, TemperatureNames.Contains), Array.FindIndex(names, HumidityNames.Contains), names.Length, HasHeader: true);
        return true;
    }

    /// <summary>Column indexes; -1 for an optional column that is absent. Count: the header's columns (4 without one).</summary>
    private readonly record struct Columns(int Timestamp, int Lux, int Pir, int Temperature, int Humidity, int Count, bool HasHeader)
    {
        public static readonly Columns Positional = new(0, 1, 2, 3, -1, 4, HasHeader: false);

        public int Needed => Math.Max(Timestamp, Lux) + 1;
    }
}
