using System.CommandLine;
using System.Globalization;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Cli.Occupancy;

/// <summary>
/// <c>sensornode occupancy</c>: per room and slot occupied / vacant / unknown from a gateway database, or
/// <c>occupancy evaluate</c> against simulated ground truth (docs/occupancy.md). Argument parsing only; the work is in
/// <see cref="OccupancyQueryJob"/> and <see cref="OccupancyEvaluateJob"/>.
/// </summary>
public static class OccupancyCommand
{
    private static readonly OccupancyParameters Defaults = new();

    /// <summary>The inference's rules, shared by the query and <c>occupancy evaluate</c> (defaults: the rules' own).</summary>
    private static Option[] RuleOptions() =>
    [
        CliOption.Int("--slot-min", "slot length, minutes", 15, 1, 1440),
        CliOption.Int("--hold-min", "motion keeps a room occupied this long, minutes", Defaults.OccupiedHoldSeconds / 60, 0, 1440),
        CliOption.Int("--vacant-after-min", "watched this long without motion before vacant, minutes", Defaults.VacantAfterWatchedSeconds / 60, 1, 1440),
        CliOption.Int("--vacant-stands-min", "without a watch commitment, a vacancy stands this long after the node's newest reading, minutes", Defaults.UncommittedVacantSeconds / 60, 0, 1440),
        CliOption.Flag("--presume-watching", "count the time since the newest reading as watched until the announced wake"),
        CliOption.Text("--schedule", "HVAC occupied period, HH-HH[,weekends] (default 07-19, weekdays)", "HH-HH"),
    ];

    public static Command Build()
    {
        var evaluate = new Command("evaluate", "simulates, then scores the gateway's live occupancy and the naive reading (no motion = vacant) against the truth: occupancy.json, occupancy-details.json, occupancy-truth.csv, plots").Options(
            [
                CliOption.Environment(),
                CliOption.Traces("a real trace instead (truth: a PIR row in the slot); one"),
                CliOption.Days("days (default 28)", 28),
                CliOption.Text("--start", "first day of a synthetic environment (default 2024-09-30, a Monday)", "YYYY-MM-DD"),
                CliOption.Text("--seeds", "comma-separated seeds (default 1)", "LIST"),
                CliOption.Text("--policies", "policy names as in `evaluate` (default built-in), or all", "LIST"),
                CliOption.Config(),
                CliOption.Profile(),
                CliOption.Out("occupancy.json, occupancy-details.json, occupancy-truth.csv, plots (default occupancy-out)"),
                CliOption.Flag("--no-plots", "no PNG plots"),
                CliOption.Quiet(),
                .. RuleOptions(),
            ]).With(Evaluate);
        return new Command("occupancy", "per room and slot occupied / vacant / unknown from a gateway database (recomputed from the stored readings, stored in the occupancy table, printed); `occupancy evaluate` against simulated truth")
        {
            evaluate,
        }.Options(
            [
                // Required by the query, checked in Query: a required option here would be required by `evaluate` too.
                CliOption.Text("--db", "the gateway's store: SQLite file or postgres://user@host:port/database", "FILE"),
                CliOption.Text("--building", "one building of a shared PostgreSQL store (docs/scale.md): its rooms only", "NAME"),
                CliOption.Text("--room", "one room (default: every room; a node without a room is a room of its own)", "R"),
                CliOption.Text("--from", "Unix seconds or YYYY-MM-DD[THH:MM] (UTC); default: the readings' span", "T"),
                CliOption.Text("--to", "Unix seconds or YYYY-MM-DD[THH:MM] (UTC); default: the readings' span", "T"),
                CliOption.Text("--csv", "write the slots as CSV instead of printing them", "FILE"),
                CliOption.Text("--plot", "a PNG per room (FILE-<room>.png when there are several rooms)", "FILE.png"),
                .. RuleOptions(),
            ]).With(Query);
    }

    /// <summary><c>sensornode occupancy ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    private static int Evaluate(CommandInput o) => new OccupancyEvaluateJob(ParseEvaluate(o)).Run(o.Output, o.Error);

    private static int Query(CommandInput o) => new OccupancyQueryJob(ParseQuery(o)).Run(o.Output);

    internal static OccupancyEvaluateOptions ParseEvaluate(CommandInput o)
    {
        IReadOnlyList<string> traces = o.All("trace");
        if (traces.Count > 1) throw new UsageException("occupancy evaluate takes one --trace");
        if (traces.Count == 1 && o.Has("environment")) throw new UsageException("give --trace or --environment, not both");
        return new OccupancyEvaluateOptions
        {
            Environment = traces.Count == 1 ? null : o.Get("environment") ?? "office",
            TracePath = traces.Count == 1 ? traces[0] : null,
            Days = o.Int("days"),
            Start = o.Get("start") ?? "2024-09-30",
            Seeds = List(o, "seeds", "1").Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
                ? v : throw new UsageException($"--seeds: '{s}' is not an integer")).ToList(),
            Policies = List(o, "policies", "built-in"),
            ConfigPath = o.Get("config"),
            ProfilePath = o.Get("profile"),
            OutDir = o.Get("out") ?? "occupancy-out",
            Parameters = Rules(o),
            Schedule = Schedule(o),
            Quiet = o.Flag("quiet"),
            Plots = !o.Flag("no-plots"),
        };
    }

    internal static OccupancyQueryOptions ParseQuery(CommandInput o)
    {
        long? from = o.Get("from") is { } fromText ? Time("from", fromText) : null;
        long? to = o.Get("to") is { } toText ? Time("to", toText) : null;
        // An empty window would print a header and no slot, exit 0, as if the rooms had no data.
        if (from >= to) throw new UsageException($"--from {o.Get("from")} is not before --to {o.Get("to")}");
        return new()
        {
            DatabasePath = o.Get("db") ?? throw new UsageException("--db FILE is required"),
            Building = o.Get("building") ?? "",
            Room = o.Get("room"),
            FromUnixSeconds = from,
            ToUnixSeconds = to,
            CsvPath = o.Get("csv"),
            PlotPath = o.Get("plot"),
            Parameters = Rules(o),
        };
    }

    private static OccupancyParameters Rules(CommandInput o) => new OccupancyParameters
    {
        SlotSeconds = o.Int("slot-min") * 60,
        OccupiedHoldSeconds = o.Int("hold-min") * 60,
        VacantAfterWatchedSeconds = o.Int("vacant-after-min") * 60,
        UncommittedVacantSeconds = o.Int("vacant-stands-min") * 60,
        PresumeWatchingWhileAsleep = o.Flag("presume-watching"),
    }.Validated();

    private static HvacOccupiedPeriod Schedule(CommandInput o)
    {
        try { return o.Get("schedule") is { } text ? HvacOccupiedPeriod.Parse(text) : new HvacOccupiedPeriod(); }
        catch (FormatException e) { throw new UsageException("--schedule: " + e.Message); }
    }

    // An item given twice would run twice and be reported once (a policy), or weigh double in the mean (a seed).
    private static List<string> List(CommandInput o, string name, string fallback)
    {
        string[] items = (o.Get(name) ?? fallback).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) throw new UsageException($"--{name}: empty list");
        if (items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new UsageException($"--{name}: {twice.Key} given twice");
        return items.ToList();
    }

    private static long Time(string name, string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long unix)) return unix;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime t))
            return new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds();
        throw new UsageException($"--{name}: expected Unix seconds or YYYY-MM-DD[THH:MM], got '{text}'");
    }
}
