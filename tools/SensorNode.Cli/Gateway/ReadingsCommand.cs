using System.Globalization;
using SensorNode.Gateway;

namespace SensorNode.Cli;

/// <summary><c>sensornode readings</c>: the stored readings of the gateway's SQLite as CSV (ReadingsCsv), filtered by node and time.</summary>
public static class ReadingsCommand
{
    public const string Help = """
        usage: sensornode readings --db FILE [--node ID] [--from ISO] [--to ISO] [--csv FILE]

          --db FILE     the gateway's SQLite file
          --node ID     one node only
          --from ISO    readings at or after this time, e.g. 2026-01-01 or 2026-01-01T08:00:00Z (no offset = UTC)
          --to ISO      readings at or before this time
          --csv FILE    write the CSV there (default: stdout)
        A time filter leaves out readings whose time is unknown.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Options(args, ["db", "node", "from", "to", "csv"], ["help"]);
        if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required");
        long? from = ParseTime(options, "from");
        long? to = ParseTime(options, "to");
        if (from > to) throw new UsageException("--from is after --to");
        if (!File.Exists(db)) { error.WriteLine($"sensornode readings: {db}: not found"); return CommandLine.Failed; }
        if (options.Get("csv") is { } csv) OutputPaths.PrepareFile("csv", csv);

        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) { error.WriteLine($"sensornode readings: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        IReadOnlyList<StoredReading> readings = store.Query(options.Get("node"), from, to);
        if (options.Get("csv") is { } path)
        {
            using var writer = new StreamWriter(path);
            ReadingsCsv.Write(writer, readings);
            output.WriteLine($"{readings.Count} readings written to {path}");
        }
        else
        {
            ReadingsCsv.Write(output, readings);
        }
        return CommandLine.Ok;
    }

    /// <summary>An ISO 8601 date or date-time (UTC when it carries no offset) as Unix seconds, or null when the option is absent.</summary>
    internal static long? ParseTime(Options options, string name)
    {
        string? text = options.Get(name);
        if (text == null) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
            throw new UsageException($"--{name}: '{text}' is not an ISO 8601 date or date-time (e.g. 2026-01-01T08:00:00Z)");
        return time.ToUnixTimeSeconds();
    }
}
