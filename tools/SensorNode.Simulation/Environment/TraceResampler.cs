namespace SensorNode.Simulation.Environment;

/// <summary>
/// Puts time-ordered samples on the fixed grid.
/// Light is a zero-order hold (each sample holds until the next one; before the first sample the
/// first value holds) averaged over each step, so integrals over time (harvested energy) are exact
/// whatever the step. The hold also runs across long gaps, which the diagnostics report.
/// Temperature and humidity are interpolated linearly between the samples that have them, at each
/// step's midpoint, held flat beyond the first and last, and default to
/// <see cref="DefaultTemperatureCelsius"/> / <see cref="DefaultHumidityPercent"/> when no sample has one.
/// Every PIR-flagged sample is a motion event at its timestamp.
/// </summary>
internal static class TraceResampler
{
    /// <summary>Temperature of a trace without any, degC.</summary>
    public const float DefaultTemperatureCelsius = 21f;

    /// <summary>Humidity of a trace without any, %RH.</summary>
    public const float DefaultHumidityPercent = 45f;

    /// <summary>Upper bound on the grid (38 years at 60 s): protects against a stray far-future timestamp.</summary>
    public const int MaxSteps = 20_000_000;

    public static EnvironmentTrace Resample(string name, IReadOnlyList<TraceSample> samples, int stepSeconds,
        TraceDiagnostics diagnostics)
    {
        EnvironmentTrace.ValidateStep(stepSeconds);
        long start = UnixTime.FloorTo(samples[0].UnixSeconds, stepSeconds);
        long steps = (samples[^1].UnixSeconds - start) / stepSeconds + 1;
        if (steps > MaxSteps)
            throw new TraceFormatException(diagnostics.SourcePath,
                $"Trace file '{diagnostics.SourcePath}' spans {UnixTime.Format(samples[0].UnixSeconds)} to " +
                $"{UnixTime.Format(samples[^1].UnixSeconds)}: more than {MaxSteps} steps of {stepSeconds} s.");
        int count = (int)steps;

        float[] lux = HoldAverage(samples, start, stepSeconds, count);
        float[] temperature = Interpolate(samples, s => s.TemperatureCelsius, start, stepSeconds, count, DefaultTemperatureCelsius);
        float[] humidity = Interpolate(samples, s => s.HumidityPercent, start, stepSeconds, count, DefaultHumidityPercent);
        long[] motion = samples.Where(s => s.Motion).Select(s => s.UnixSeconds).ToArray();
        return new EnvironmentTrace(name, start, stepSeconds, lux, temperature, humidity, motion, diagnostics);
    }

    private static float[] HoldAverage(IReadOnlyList<TraceSample> samples, long start, int step, int count)
    {
        var integral = new double[count];
        long end = start + (long)count * step;
        for (int k = 0; k < samples.Count; k++)
        {
            long from = k == 0 ? start : samples[k].UnixSeconds;
            long to = k + 1 < samples.Count ? samples[k + 1].UnixSeconds : end;
            GridIntegral.AddSegment(integral, start, step, from, to, samples[k].IlluminanceLux);
        }
        var lux = new float[count];
        for (int i = 0; i < count; i++) lux[i] = (float)(integral[i] / step);
        return lux;
    }

    private static float[] Interpolate(IReadOnlyList<TraceSample> samples, Func<TraceSample, float> field,
        long start, int step, int count, float fallback)
    {
        var known = samples.Where(s => !float.IsNaN(field(s))).Select(s => (Time: s.UnixSeconds, Value: field(s))).ToArray();
        var values = new float[count];
        if (known.Length == 0)
        {
            Array.Fill(values, fallback);
            return values;
        }
        int next = 0; // first known sample after the midpoint
        for (int i = 0; i < count; i++)
        {
            double mid = start + (i + 0.5) * step;
            while (next < known.Length && known[next].Time <= mid) next++;
            if (next == 0) values[i] = known[0].Value;
            else if (next == known.Length) values[i] = known[^1].Value;
            else
            {
                var (t0, v0) = known[next - 1];
                var (t1, v1) = known[next];
                values[i] = (float)(v0 + (v1 - v0) * (mid - t0) / (t1 - t0));
            }
        }
        return values;
    }
}
