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
    public const string Help = """
        usage: sensornode occupancy --db FILE [--room R] [--from T] [--to T] [--csv FILE] [--plot FILE.png]
               sensornode occupancy evaluate [--environment KIND | --trace FILE] [--days N] [--seeds 1,2,3] [--policies P,...|all] [--out DIR]

        query (recomputes each room's slots from the stored readings, stores them in the occupancy table, prints them):
          --db FILE                 the gateway's SQLite database
          --room R                  one room (default: every room; a node without a room is a room of its own)
          --from T, --to T          Unix seconds or YYYY-MM-DD[THH:MM] (UTC); default: the readings' span
          --csv FILE                write the slots as CSV instead of printing them
          --plot FILE.png           a PNG per room (FILE-<room>.png when there are several rooms)
        evaluate (simulates, then scores the gateway's live occupancy and the naive reading against the truth):
          --environment KIND        office (default), corridor, window-side; or --trace FILE (truth: a PIR row in the slot)
          --days N                  days (default 28)
          --start YYYY-MM-DD        first day of a synthetic environment (default 2024-09-30)
          --seeds LIST              comma-separated seeds (default 1)
          --policies LIST           policy names as in `evaluate` (default built-in), or all
          --config FILE, --profile FILE
          --out DIR                 occupancy.json, occupancy-details.json, occupancy-truth.csv, plots (default occupancy-out)
          --no-plots, --quiet
        rules (both):
          --slot-min N              slot length (default 15)
          --hold-min N              motion keeps a room occupied this long (default 20)
          --vacant-after-min N      watched this long without motion before vacant (default 20)
          --presume-watching        count the time since the newest reading as watched until the announced wake
          --schedule HH-HH[,weekends]  HVAC occupied period (default 07-19, weekdays)
        """;

    private static readonly string[] RuleOptions = ["slot-min", "hold-min", "vacant-after-min", "schedule"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "evaluate")
        {
            var options = new Options(args[1..], ["environment", "trace", "days", "start", "seeds", "policies", "config", "profile", "out", .. RuleOptions],
                ["help", "no-plots", "quiet", "presume-watching"]);
            if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
            return new OccupancyEvaluateJob(ParseEvaluate(options)).Run(output, error);
        }
        var query = new Options(args, ["db", "room", "from", "to", "csv", "plot", .. RuleOptions], ["help", "presume-watching"]);
        if (query.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        return new OccupancyQueryJob(ParseQuery(query)).Run(output);
    }

    internal static OccupancyEvaluateOptions ParseEvaluate(Options o)
    {
        if (o.Has("trace") && o.Has("environment")) throw new UsageException("give --trace or --environment, not both");
        return new OccupancyEvaluateOptions
        {
            Environment = o.Has("trace") ? null : o.Get("environment") ?? "office",
            TracePath = o.Get("trace"),
            Days = o.GetInt("days", 28, 1, 3650),
            Start = o.Get("start") ?? "2024-09-30",
            Seeds = List(o, "seeds", "1").Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
                ? v : throw new UsageException($"--seeds: '{s}' is not an integer")).ToList(),
            Policies = List(o, "policies", "built-in"),
            ConfigPath = o.Get("config"),
            ProfilePath = o.Get("profile"),
            OutDir = o.Get("out") ?? "occupancy-out",
            Parameters = Rules(o),
            Schedule = Schedule(o),
            Quiet = o.Has("quiet"),
            Plots = !o.Has("no-plots"),
        };
    }

    internal static OccupancyQueryOptions ParseQuery(Options o) => new()
    {
        DatabasePath = o.Get("db") ?? throw new UsageException("--db FILE is required"),
        Room = o.Get("room"),
        FromUnixSeconds = o.Get("from") is { } from ? Time("from", from) : null,
        ToUnixSeconds = o.Get("to") is { } to ? Time("to", to) : null,
        CsvPath = o.Get("csv"),
        PlotPath = o.Get("plot"),
        Parameters = Rules(o),
    };

    private static OccupancyParameters Rules(Options o) => new OccupancyParameters
    {
        SlotSeconds = o.GetInt("slot-min", 15, 1, 1440) * 60,
        OccupiedHoldSeconds = o.GetInt("hold-min", 20, 0, 1440) * 60,
        VacantAfterWatchedSeconds = o.GetInt("vacant-after-min", 20, 1, 1440) * 60,
        PresumeWatchingWhileAsleep = o.Has("presume-watching"),
    }.Validated();

    private static HvacOccupiedPeriod Schedule(Options o)
    {
        try { return o.Get("schedule") is { } text ? HvacOccupiedPeriod.Parse(text) : new HvacOccupiedPeriod(); }
        catch (FormatException e) { throw new UsageException("--schedule: " + e.Message); }
    }

    private static List<string> List(Options o, string name, string fallback) =>
        (o.Get(name) ?? fallback).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } items
            ? items.ToList() : throw new UsageException($"--{name}: empty list");

    private static long Time(string name, string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long unix)) return unix;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime t))
            return new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds();
        throw new UsageException($"--{name}: expected Unix seconds or YYYY-MM-DD[THH:MM], got '{text}'");
    }
}
