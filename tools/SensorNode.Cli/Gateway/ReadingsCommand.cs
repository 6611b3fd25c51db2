using System.CommandLine;
using System.Globalization;
using SensorNode.Gateway;

namespace SensorNode.Cli;

/// <summary><c>sensornode readings</c>: the stored readings of the gateway's store (SQLite or PostgreSQL) as CSV (ReadingsCsv), filtered by node and time.</summary>
public static class ReadingsCommand
{
    public static Command Build() => new Command("readings", "query stored readings, export CSV (a time filter leaves out readings whose time is unknown)").Options(
        CliOption.Text("--db", "the gateway's store: SQLite file or postgres://user@host:port/database", "FILE").IsRequired(),
        CliOption.Text("--building", "one building of a shared PostgreSQL store (docs/scale.md)", "NAME"),
        CliOption.Text("--node", "one node only", "ID"),
        CliOption.Text("--from", "readings at or after this time, e.g. 2026-01-01 or 2026-01-01T08:00:00Z (no offset = UTC)", "ISO"),
        CliOption.Text("--to", "readings at or before this time", "ISO"),
        CliOption.Text("--csv", "write the CSV there (default: standard output)", "FILE")).With(Run);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required");
        long? from = ParseTime(options, "from");
        long? to = ParseTime(options, "to");
        if (from > to) throw new UsageException("--from is after --to");
        if (ReadingStore.IsMissingFile(db)) { error.WriteLine($"sensornode readings: {db}: not found"); return CommandLine.Failed; }
        if (options.Get("csv") is { } csv) OutputPaths.PrepareFile("csv", csv);

        if (!ReadingStore.TryOpen(db, options.Get("building") ?? "", out ReadingStore? opened, out string problem)) { error.WriteLine($"sensornode readings: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        // A misspelt node id would otherwise print the header alone, exit 0, as if the node had sent nothing.
        if (options.Get("node") is { } node && store.GetNode(node) == null)
        {
            IEnumerable<string> known = store.Nodes().Select(n => n.NodeId).Order(StringComparer.Ordinal);
            error.WriteLine($"sensornode readings: --node {node}: no such node in {ReadingStore.RedactedName(db)} (nodes: {string.Join(", ", known.Take(20))}{(known.Count() > 20 ? ", ..." : "")})");
            return CommandLine.Failed;
        }
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
    internal static long? ParseTime(CommandInput options, string name)
    {
        string? text = options.Get(name);
        if (text == null) return null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
            throw new UsageException($"--{name}: '{text}' is not an ISO 8601 date or date-time (e.g. 2026-01-01T08:00:00Z)");
        return time.ToUnixTimeSeconds();
    }
}
