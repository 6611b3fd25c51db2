using SensorNode.Simulation.Environment;

namespace SensorNode.Cli;

/// <summary>
/// The environments a command runs on, from the shared options: <c>--trace FILE</c> (repeatable) or
/// <c>--environment KIND</c>, and <c>--days N</c> (a number of days: a trace's first N, a building's length) or a
/// range <c>--test-days A..B</c> / <c>--train-days A..B</c>. Every simulating command reads them here, so the same
/// spelling selects the same days everywhere.
/// </summary>
public static class EnvironmentChoice
{
    /// <summary>Synthetic buildings start on Monday 2024-09-30 unless a command says otherwise (simulate --start).</summary>
    public static readonly long DefaultStartUnixSeconds = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>A synthetic building's length without --days.</summary>
    public const int DefaultSyntheticDays = 14;

    /// <summary>The --trace files; --environment beside them is a usage error.</summary>
    public static IReadOnlyList<string> Traces(CommandInput input)
    {
        IReadOnlyList<string> traces = input.All("trace");
        if (traces.Count > 0 && input.Has("environment")) throw new UsageException("give --trace or --environment, not both");
        return traces;
    }

    /// <summary>--days N or the range option <paramref name="rangeOption"/> (not both); either may be absent.</summary>
    public static (int? Days, DayRange? Range) Days(CommandInput input, string rangeOption)
    {
        int? days = input.IntOrNull("days");
        DayRange? range = input.Range(rangeOption);
        if (days != null && range != null) throw new UsageException($"give --days N or --{rangeOption} A..B, not both");
        return (days, range);
    }

    /// <summary>
    /// One line on <paramref name="error"/> when --days N cuts traces in a command where a plain N once named the single
    /// day N (train, policy assess): the run is the first N days, and the single day is spelled as a range.
    /// </summary>
    public static void NoteDaysOnTraces(CommandInput input, string rangeOption, TextWriter error)
    {
        if (input.IntOrNull("days") is int n && input.All("trace").Count > 0)
            error.WriteLine($"note: --days {n} = the first {n} day(s) of each trace; day {n} alone is --{rangeOption} {n}..{n}");
    }

    /// <summary>The synthetic building kind of --environment (office when absent).</summary>
    public static SyntheticProfileKind Kind(CommandInput input) => SyntheticEnvironment.Parse(input.Get("environment") ?? "office");

    /// <summary>
    /// A trace, cut to its first <paramref name="days"/> days or to <paramref name="range"/> (clipped at its end). With
    /// <paramref name="skippedRows"/>, a trace with skipped rows is reported there (counts per reason and the first
    /// rows' file:line), so no command drops a user's rows without a word.
    /// </summary>
    public static EnvironmentTrace ReadTrace(string path, int? days, DayRange? range, string rangeOption, TextWriter? skippedRows = null)
    {
        EnvironmentTrace trace;
        try { trace = TraceReader.Read(path); }
        catch (TraceFormatException e) { throw new UsageException(e.Message); }
        catch (IOException e) { throw new UsageException($"--trace {path}: {e.Message}"); }
        if (skippedRows != null && trace.Diagnostics.SkippedCount > 0) skippedRows.WriteLine(trace.Diagnostics.Summary());
        if (range is DayRange r)
        {
            if (r.First >= trace.DayCount) throw new UsageException($"--{rangeOption} {r}: {path} has only {trace.DayCount} days (0..{trace.DayCount - 1})");
            return Slice(trace, r.First, Math.Min(r.Last, trace.DayCount - 1), rangeOption);
        }
        if (days is int d && d < trace.DayCount) return Slice(trace, 0, d - 1, "days");
        return trace;
    }

    /// <summary>A synthetic building of <paramref name="days"/> days (default 14), or days A..B of one.</summary>
    public static EnvironmentTrace Synthetic(SyntheticProfileKind kind, long startUnixSeconds, int? days, DayRange? range, int buildingSeed)
    {
        if (range is DayRange r)
        {
            EnvironmentTrace whole = SyntheticEnvironment.Generate(kind, startUnixSeconds, r.Last + 1, buildingSeed);
            return r.First > 0 ? whole.Slice(r.First, r.Last) : whole;
        }
        return SyntheticEnvironment.Generate(kind, startUnixSeconds, days ?? DefaultSyntheticDays, buildingSeed);
    }

    /// <summary>
    /// The usual choice: every --trace (cut as asked; its skipped rows reported on the command's error stream), or one
    /// synthetic building from the default start with <paramref name="buildingSeed"/>.
    /// </summary>
    public static List<EnvironmentTrace> Load(CommandInput input, string rangeOption, int buildingSeed)
    {
        IReadOnlyList<string> traces = Traces(input);
        (int? days, DayRange? range) = Days(input, rangeOption);
        if (traces.Count > 0) return traces.Select(t => ReadTrace(t, days, range, rangeOption, input.Error)).ToList();
        return [Synthetic(Kind(input), DefaultStartUnixSeconds, days, range, buildingSeed)];
    }

    /// <summary>
    /// The --train-days of every --trace (or of the same synthetic building), where baselines are tuned; null without
    /// --train-days.
    /// </summary>
    public static List<EnvironmentTrace>? Training(CommandInput input, int buildingSeed)
    {
        if (input.Range("train-days") is not DayRange days) return null;
        IReadOnlyList<string> traces = Traces(input);
        if (traces.Count > 0) return traces.Select(t => ReadTrace(t, null, days, "train-days")).ToList();
        return [Synthetic(Kind(input), DefaultStartUnixSeconds, null, days, buildingSeed)];
    }

    private static EnvironmentTrace Slice(EnvironmentTrace trace, int first, int last, string option)
    {
        try { return trace.Slice(first, last); }
        catch (ArgumentOutOfRangeException e) { throw new UsageException($"--{option}: " + e.Message.Split('\n')[0]); }
    }
}
