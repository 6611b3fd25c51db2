namespace SensorNode.Simulation.Environment;

/// <summary>
/// A stretch longer than <see cref="TraceDiagnostics.LongGapSeconds"/> between two accepted samples.
/// The resampler keeps holding the last light value across it (there is no better estimate), so
/// the gap is reported for the reader of the diagnostics to judge.
/// </summary>
/// <param name="Line">1-based line of the sample that ends the gap.</param>
/// <param name="FromUnixSeconds">Timestamp of the sample before the gap.</param>
/// <param name="ToUnixSeconds">Timestamp of the sample after the gap.</param>
public readonly record struct TraceGap(int Line, long FromUnixSeconds, long ToUnixSeconds)
{
    /// <summary>Length of the gap, s (greater than <see cref="TraceDiagnostics.LongGapSeconds"/>).</summary>
    public long DurationSeconds => ToUnixSeconds - FromUnixSeconds;
}
