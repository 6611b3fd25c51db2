namespace SensorNode.Simulation.Environment;

/// <summary>
/// Collects a reader's accepted rows in file order and keeps its diagnostics: rows earlier than
/// the latest accepted one are skipped as <see cref="SkipReason.OutOfOrder"/> (equal timestamps
/// are fine), intervals between samples are checked for long gaps. Then builds the trace.
/// </summary>
internal sealed class TraceSampleCollector
{
    private readonly List<TraceSample> _samples = new();
    private int _latestLine;

    public TraceSampleCollector(string path)
    {
        Path = path;
        Diagnostics = new TraceDiagnostics(path);
    }

    public string Path { get; }

    public TraceDiagnostics Diagnostics { get; }

    /// <summary>Counts a line read; every counted line ends as <see cref="Add"/> or <see cref="Skip"/>.</summary>
    public void CountRow() => Diagnostics.RowsRead++;

    public void Skip(int line, SkipReason reason, string detail) => Diagnostics.AddSkipped(line, reason, detail);

    public void Add(in TraceSample sample)
    {
        if (_samples.Count > 0)
        {
            long latest = _samples[^1].UnixSeconds;
            if (sample.UnixSeconds < latest)
            {
                Skip(sample.Line, SkipReason.OutOfOrder,
                    $"{UnixTime.Format(sample.UnixSeconds)} is earlier than {UnixTime.Format(latest)} (line {_latestLine})");
                return;
            }
            Diagnostics.AddInterval(sample.Line, latest, sample.UnixSeconds);
        }
        _samples.Add(sample);
        _latestLine = sample.Line;
        Diagnostics.RowsAccepted++;
        if (float.IsNaN(sample.TemperatureCelsius)) Diagnostics.RowsWithoutTemperature++;
    }

    /// <summary>The samples on the grid; throws <see cref="TraceFormatException"/> when there are none.</summary>
    public EnvironmentTrace ToTrace(int stepSeconds)
    {
        // A few rows going back (a repeated daylight-saving hour) are skipped; a file in which at least as many rows go
        // back as forward is in the wrong order as a whole: simulating its first minute would be a silent wrong result.
        if (Diagnostics.SkippedByReason.TryGetValue(SkipReason.OutOfOrder, out int backwards) && backwards >= _samples.Count)
        {
            SkippedRow first = Diagnostics.Skipped.Where(s => s.Reason == SkipReason.OutOfOrder).MinBy(s => s.Line)!;
            throw new TraceFormatException(Path,
                $"{Path}:{first.Line}: time goes back ({first.Detail}); {backwards} of {Diagnostics.RowsRead} rows go back in time: sort the file by time");
        }
        if (_samples.Count == 0)
        {
            string reasons = Diagnostics.SkippedCount == 0
                ? "the file is empty"
                : $"all {Diagnostics.RowsRead} rows were skipped; first reasons:\n{Diagnostics.FirstSkipExamples(5)}";
            throw new TraceFormatException(Path, $"No usable rows in trace file '{Path}': {reasons}");
        }
        return TraceResampler.Resample(System.IO.Path.GetFileNameWithoutExtension(Path), _samples, stepSeconds, Diagnostics);
    }
}
