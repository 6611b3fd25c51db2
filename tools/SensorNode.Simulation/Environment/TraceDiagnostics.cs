using System.Globalization;
using System.Text;

namespace SensorNode.Simulation.Environment;

/// <summary>
/// What a reader made of a trace file: rows read and accepted, rows skipped (counted per reason,
/// with up to <see cref="MaxExamplesPerReason"/> file:line examples each), rows without a usable
/// temperature, and sampling gaps longer than <see cref="LongGapSeconds"/>. Filled by the reader,
/// read-only afterwards.
/// </summary>
public sealed class TraceDiagnostics
{
    /// <summary>Examples kept per skip reason; the counts are always complete.</summary>
    public const int MaxExamplesPerReason = 10;

    /// <summary>Gap examples kept; <see cref="LongGapCount"/> is always complete.</summary>
    public const int MaxGapExamples = 50;

    /// <summary>A gap between accepted samples longer than this, s, is reported (2 h).</summary>
    public const long LongGapSeconds = 2 * 3600;

    private readonly List<SkippedRow> _skipped = new();
    private readonly Dictionary<SkipReason, int> _skippedByReason = new();
    private readonly List<TraceGap> _gaps = new();

    public TraceDiagnostics(string sourcePath)
    {
        SourcePath = sourcePath;
    }

    /// <summary>The trace file as given to the reader, or "synthetic:..." for generated traces.</summary>
    public string SourcePath { get; }

    /// <summary>Lines read from the file, including skipped ones (0 for synthetic traces).</summary>
    public int RowsRead { get; internal set; }

    /// <summary>Rows that became samples (0 for synthetic traces).</summary>
    public int RowsAccepted { get; internal set; }

    /// <summary>Skipped rows, at most <see cref="MaxExamplesPerReason"/> per reason, in file order per reason.</summary>
    public IReadOnlyList<SkippedRow> Skipped => _skipped;

    /// <summary>All skipped rows, 0 to <see cref="RowsRead"/>.</summary>
    public int SkippedCount { get; private set; }

    /// <summary>Skipped rows per reason (only reasons that occurred).</summary>
    public IReadOnlyDictionary<SkipReason, int> SkippedByReason => _skippedByReason;

    /// <summary>Accepted rows whose temperature was missing or a sensor read failure (filled by interpolation).</summary>
    public int RowsWithoutTemperature { get; internal set; }

    /// <summary>Gaps longer than <see cref="LongGapSeconds"/>, at most <see cref="MaxGapExamples"/>.</summary>
    public IReadOnlyList<TraceGap> LongGaps => _gaps;

    /// <summary>All gaps longer than <see cref="LongGapSeconds"/>.</summary>
    public int LongGapCount { get; private set; }

    /// <summary>Longest interval between consecutive accepted samples, s (0 with fewer than two samples).</summary>
    public long LongestGapSeconds { get; private set; }

    internal void AddSkipped(int line, SkipReason reason, string detail)
    {
        SkippedCount++;
        _skippedByReason.TryGetValue(reason, out int count);
        _skippedByReason[reason] = count + 1;
        if (count < MaxExamplesPerReason) _skipped.Add(new SkippedRow(SourcePath, line, reason, detail));
    }

    internal void AddInterval(int line, long fromUnixSeconds, long toUnixSeconds)
    {
        long duration = toUnixSeconds - fromUnixSeconds;
        if (duration > LongestGapSeconds) LongestGapSeconds = duration;
        if (duration <= LongGapSeconds) return;
        LongGapCount++;
        if (_gaps.Count < MaxGapExamples) _gaps.Add(new TraceGap(line, fromUnixSeconds, toUnixSeconds));
    }

    /// <summary>The first <paramref name="count"/> skip examples in file order, one per line.</summary>
    public string FirstSkipExamples(int count) =>
        string.Join("\n", _skipped.OrderBy(s => s.Line).Take(count).Select(s => "  " + s));

    /// <summary>A few lines for a log: counts, skip reasons with examples, gaps.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{SourcePath}: {RowsRead} rows read, {RowsAccepted} accepted, {SkippedCount} skipped");
        if (SkippedCount > 0)
        {
            text.Append(" (");
            text.Append(string.Join(", ", _skippedByReason.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
            text.Append(')');
        }
        text.Append(CultureInfo.InvariantCulture, $"; {RowsWithoutTemperature} rows without temperature");
        text.Append(CultureInfo.InvariantCulture,
            $"; {LongGapCount} gaps > {LongGapSeconds / 3600} h (longest {LongestGapSeconds / 3600.0:0.0} h)");
        if (SkippedCount > 0) text.Append('\n').Append(FirstSkipExamples(5));
        return text.ToString();
    }
}
