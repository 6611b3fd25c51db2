using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Deployment;

/// <summary>
/// Turns what the gateway stored of one node into a trace the trainer can replay (docs/policy.md "Learning on site").
/// The store is censored: light only at wakes, motion only while the PIR was armed, nothing while the node was dead.
/// <list type="bullet">
/// <item>Light (and temperature, humidity) is interpolated linearly between wakes on a 60 s grid; half the change
/// across each gap is kept as its uncertainty (<see cref="HistoryTrace.LightSpreadLux"/>) and sets the trainer's
/// darker stress copy.</item>
/// <item>An interval is <b>watched</b> when the node was alive and the PIR armed for (nearly) all of it
/// (armed_s at least 90 % of the interval). Its motion count is the truth: "0" there means no motion.</item>
/// <item>Anywhere else (armed_s short or unknown, a brown-out, before the first and after the last reading) no
/// motion was seen, which is <b>not</b> "no motion": events are drawn there (Poisson, seeded) at the rate the watched
/// spans showed for the same weekday/weekend hour, falling back to the same hour on any day, then to the overall
/// watched rate. Events the node did report in such spans are kept too.</item>
/// </list>
/// </summary>
public static class CensoredHistory
{
    /// <summary>Grid step of the reconstructed trace, s.</summary>
    public const int StepSeconds = 60;

    /// <summary>An interval counts as watched when the PIR was armed for at least this share of it.</summary>
    public const double WatchedShare = 0.9;

    /// <summary>
    /// Darkest stress copy the light's uncertainty may ask for. Measured: with 2 h wakes an office's switched light gives
    /// a relative uncertainty near 0.4, and a x0.56 stress run made every candidate brown out, so the ranking collapsed
    /// to the most frugal table (utility 1.1 on its own history against 2.9 a week earlier).
    /// </summary>
    public const double MinStressLightScale = 0.7;

    /// <summary>Least watched time behind an hour's rate before it is trusted, s (else a coarser rate stands in).</summary>
    public const double MinWatchedSecondsForRate = 1800;

    /// <summary>
    /// Builds the trace of [<paramref name="startUnixSeconds"/>, <paramref name="endUnixSeconds"/>) from
    /// <paramref name="readings"/> (any order; readings outside the window still anchor the interpolation). Weekdays and
    /// hours are the site's: UTC plus <paramref name="utcOffsetSeconds"/> (the node's <c>[wake] utc_offset_minutes</c>), so
    /// a Friday evening in New York is not taken for a Saturday. Throws <see cref="ArgumentException"/> for an empty
    /// window or no reading with a time.
    /// </summary>
    public static HistoryTrace Build(string name, IReadOnlyList<HistoryReading> readings, long startUnixSeconds, long endUnixSeconds, int seed,
        int utcOffsetSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (endUnixSeconds - startUnixSeconds < StepSeconds) throw new ArgumentException("The history window is shorter than one step.");
        HistoryReading[] sorted = readings.OrderBy(r => r.UnixSeconds).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No stored reading to learn from.");
        int steps = (int)((endUnixSeconds - startUnixSeconds) / StepSeconds);

        float[] lux = new float[steps], spread = new float[steps], temp = new float[steps], hum = new float[steps];
        Interpolate(sorted, r => r.IlluminanceLux is double v ? Math.Max(0, v) : null, startUnixSeconds, lux, spread, 0);
        Interpolate(sorted, r => r.TemperatureC, startUnixSeconds, temp, null, 21);
        Interpolate(sorted, r => r.HumidityPercent, startUnixSeconds, hum, null, 45);

        // Watched steps, and the motion the node reported.
        bool[] watched = new bool[steps];
        var events = new List<long>();
        int observed = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            HistoryReading r = sorted[i];
            long from = i > 0 ? sorted[i - 1].UnixSeconds : r.UnixSeconds;
            long length = r.UnixSeconds - from;
            bool isWatched = i > 0 && !r.Brownout && r.ArmedSeconds is int armed && length > 0 && armed >= WatchedShare * length;
            if (isWatched) Mark(watched, startUnixSeconds, from, r.UnixSeconds);
            int n = r.MotionEvents ?? 0;
            if (n <= 0 || r.UnixSeconds < startUnixSeconds || r.UnixSeconds >= endUnixSeconds) continue;
            observed += n;
            // Without the event RTC a motion reading is a PIR wake at the first event; with it the ages bound them.
            long first = r.UnixSeconds - Math.Max(0, r.FirstMotionAgeSeconds ?? 0);
            long last = r.UnixSeconds - Math.Max(0, r.LastMotionAgeSeconds ?? 0);
            if (last < first) (first, last) = (last, first);
            for (int k = 0; k < n; k++) events.Add(Math.Max(startUnixSeconds, n == 1 ? last : first + (last - first) * k / (n - 1)));
        }

        // The watched rate per weekday/weekend hour (events per watched second).
        var watchedSeconds = new double[2, 24];
        var watchedEvents = new double[2, 24];
        for (int s = 0; s < steps; s++)
        {
            if (!watched[s]) continue;
            long t = startUnixSeconds + (long)s * StepSeconds;
            watchedSeconds[DayType(t, utcOffsetSeconds), Hour(t + utcOffsetSeconds)] += StepSeconds;
        }
        foreach (long e in events)
        {
            int s = (int)((e - startUnixSeconds) / StepSeconds);
            if (s >= 0 && s < steps && watched[s]) watchedEvents[DayType(e, utcOffsetSeconds), Hour(e + utcOffsetSeconds)]++;
        }
        double[,] rate = Rates(watchedSeconds, watchedEvents);

        // Blind steps: draw events from the rate of their hour.
        var random = new Random(seed);
        int imputed = 0, watchedSteps = 0;
        for (int s = 0; s < steps; s++)
        {
            if (watched[s]) { watchedSteps++; continue; }
            long t = startUnixSeconds + (long)s * StepSeconds;
            int k = Poisson(random, rate[DayType(t, utcOffsetSeconds), Hour(t + utcOffsetSeconds)] * StepSeconds);
            for (int j = 0; j < k; j++) events.Add(t + random.Next(StepSeconds));
            imputed += k;
        }
        events.Sort();

        double totalLux = 0, totalSpread = 0;
        for (int s = 0; s < steps; s++) { totalLux += lux[s]; totalSpread += spread[s]; }
        double relative = totalLux > 0 ? totalSpread / totalLux : 0;
        var diagnostics = new TraceDiagnostics($"store:{name}") { RowsAccepted = sorted.Length };
        var trace = new EnvironmentTrace(name, startUnixSeconds, StepSeconds, lux, temp, hum, events.ToArray(), diagnostics);
        return new HistoryTrace
        {
            Trace = trace, LightSpreadLux = spread, WatchedFraction = (double)watchedSteps / steps, EventsObserved = observed,
            EventsImputed = imputed, Readings = sorted.Length, StressLightScale = Math.Clamp(1 - relative, MinStressLightScale, 0.8),
        };
    }

    /// <summary>0 Monday-Friday, 1 Saturday-Sunday, on the site's clock (UTC + <paramref name="utcOffsetSeconds"/>; Unix day 0 was a Thursday).</summary>
    public static int DayType(long unixSeconds, int utcOffsetSeconds = 0)
    {
        long local = unixSeconds + utcOffsetSeconds;
        long day = Math.DivRem(local, 86_400, out long rem) - (local < 0 && rem != 0 ? 1 : 0);
        int weekday = (int)(((day + 3) % 7 + 7) % 7); // 0 = Monday
        return weekday >= 5 ? 1 : 0;
    }

    private static int Hour(long unixSeconds) => (int)(((unixSeconds % 86_400) + 86_400) % 86_400 / 3600);

    // Rate per (day type, hour) with fallbacks: the same hour on any day, then the overall watched rate, then 0.
    private static double[,] Rates(double[,] seconds, double[,] counts)
    {
        double allSeconds = 0, allCounts = 0;
        for (int d = 0; d < 2; d++) for (int h = 0; h < 24; h++) { allSeconds += seconds[d, h]; allCounts += counts[d, h]; }
        double overall = allSeconds > 0 ? allCounts / allSeconds : 0;
        var rate = new double[2, 24];
        for (int h = 0; h < 24; h++)
        {
            double hourSeconds = seconds[0, h] + seconds[1, h];
            double hourRate = hourSeconds >= MinWatchedSecondsForRate ? (counts[0, h] + counts[1, h]) / hourSeconds : overall;
            for (int d = 0; d < 2; d++) rate[d, h] = seconds[d, h] >= MinWatchedSecondsForRate ? counts[d, h] / seconds[d, h] : hourRate;
        }
        return rate;
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        double limit = Math.Exp(-mean), product = random.NextDouble();
        int k = 0;
        while (product > limit) { k++; product *= random.NextDouble(); }
        return k;
    }

    private static void Mark(bool[] watched, long start, long from, long to)
    {
        // A step is watched when its midpoint lies in the interval.
        int first = (int)Math.Max(0, (from - start - StepSeconds / 2 + StepSeconds - 1) / StepSeconds);
        int last = (int)Math.Min(watched.Length - 1, (to - start - StepSeconds / 2) / StepSeconds);
        for (int s = first; s <= last; s++) watched[s] = true;
    }

    // Linear between the readings that carry the value, held before the first and after the last; spread = half the change.
    private static void Interpolate(HistoryReading[] sorted, Func<HistoryReading, double?> value, long start, float[] into, float[]? spread, float fallback)
    {
        var points = sorted.Where(r => value(r) is double v && double.IsFinite(v)).Select(r => (T: r.UnixSeconds, V: value(r)!.Value)).ToArray();
        int j = 0;
        for (int s = 0; s < into.Length; s++)
        {
            long t = start + (long)s * StepSeconds + StepSeconds / 2;
            if (points.Length == 0) { into[s] = fallback; continue; }
            while (j < points.Length && points[j].T <= t) j++;
            if (j == 0) { Set(s, points[0].V, points[0].V); continue; }
            if (j == points.Length) { Set(s, points[^1].V, points[^1].V); continue; }
            (long t0, double v0) = points[j - 1];
            (long t1, double v1) = points[j];
            double f = t1 > t0 ? (double)(t - t0) / (t1 - t0) : 0;
            Set(s, v0 + (v1 - v0) * f, Math.Abs(v1 - v0) / 2);
        }

        void Set(int s, double v, double uncertainty)
        {
            into[s] = (float)v;
            if (spread != null) spread[s] = (float)uncertainty;
        }
    }
}
