namespace SensorNode.Simulation.Environment;

/// <summary>
/// The environment of one node precomputed on a fixed time grid, so that the simulator can query it
/// in O(1) while it replays years of operation. Each step holds the time-weighted mean over
/// [start + i*step, start + (i+1)*step) of light, temperature and humidity; motion events are kept
/// as exact times.
/// Times are Unix seconds, but the hour of day is the building's local hour: trace files log local
/// time and the readers take it as UTC, and the synthetic profiles use the same convention. Day
/// boundaries (for <see cref="Slice"/>) are therefore local midnights.
/// The arrays are exposed directly for speed and must not be modified.
/// </summary>
public sealed class EnvironmentTrace
{
    /// <summary>Seconds in a day.</summary>
    public const int SecondsPerDay = 86_400;

    /// <param name="name">Short label for logs and reports (file name or profile).</param>
    /// <param name="startUnixSeconds">Start of step 0, s.</param>
    /// <param name="stepSeconds">Grid step, 1 to 86 400 s.</param>
    /// <param name="illuminanceLux">Light per step, lux, finite and not negative; length = step count (at least 1).</param>
    /// <param name="temperatureCelsius">Temperature per step, degC, finite; same length.</param>
    /// <param name="humidityPercent">Relative humidity per step, %RH, finite; same length.</param>
    /// <param name="motionEventUnixSeconds">Motion event times, s, sorted ascending.</param>
    /// <param name="diagnostics">How the trace was read or generated.</param>
    public EnvironmentTrace(string name, long startUnixSeconds, int stepSeconds, float[] illuminanceLux,
        float[] temperatureCelsius, float[] humidityPercent, long[] motionEventUnixSeconds,
        TraceDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(illuminanceLux);
        ArgumentNullException.ThrowIfNull(temperatureCelsius);
        ArgumentNullException.ThrowIfNull(humidityPercent);
        ArgumentNullException.ThrowIfNull(motionEventUnixSeconds);
        ArgumentNullException.ThrowIfNull(diagnostics);
        ValidateStep(stepSeconds);
        if (illuminanceLux.Length == 0)
            throw new ArgumentException("A trace needs at least one step.", nameof(illuminanceLux));
        if (temperatureCelsius.Length != illuminanceLux.Length || humidityPercent.Length != illuminanceLux.Length)
            throw new ArgumentException(
                $"Light, temperature and humidity need one value per step ({illuminanceLux.Length}); got " +
                $"{temperatureCelsius.Length} temperatures and {humidityPercent.Length} humidities.");
        for (int i = 0; i < illuminanceLux.Length; i++)
        {
            if (!float.IsFinite(illuminanceLux[i]) || illuminanceLux[i] < 0)
                throw new ArgumentException($"Light at step {i} is {illuminanceLux[i]}; must be finite and >= 0 lx.", nameof(illuminanceLux));
            if (!float.IsFinite(temperatureCelsius[i]) || !float.IsFinite(humidityPercent[i]))
                throw new ArgumentException($"Temperature or humidity at step {i} is not finite.");
        }
        for (int i = 1; i < motionEventUnixSeconds.Length; i++)
        {
            if (motionEventUnixSeconds[i] < motionEventUnixSeconds[i - 1])
                throw new ArgumentException($"Motion events must be sorted ascending (index {i}).", nameof(motionEventUnixSeconds));
        }

        Name = name;
        StartUnixSeconds = startUnixSeconds;
        StepSeconds = stepSeconds;
        IlluminanceLux = illuminanceLux;
        TemperatureCelsius = temperatureCelsius;
        HumidityPercent = humidityPercent;
        MotionEventUnixSeconds = motionEventUnixSeconds;
        Diagnostics = diagnostics;
        FirstDayStartUnixSeconds = UnixTime.DayStart(startUnixSeconds);
        DayCount = (int)((EndUnixSeconds - 1 - FirstDayStartUnixSeconds) / SecondsPerDay) + 1;
    }

    /// <summary>Short label for logs and reports.</summary>
    public string Name { get; }

    /// <summary>Start of step 0, Unix s (local hours, see the class remarks).</summary>
    public long StartUnixSeconds { get; }

    /// <summary>Grid step, 1 to 86 400 s (60 by default).</summary>
    public int StepSeconds { get; }

    /// <summary>Number of steps, at least 1.</summary>
    public int StepCount => IlluminanceLux.Length;

    /// <summary>End of the last step (exclusive), Unix s: start + StepCount * StepSeconds.</summary>
    public long EndUnixSeconds => StartUnixSeconds + (long)StepCount * StepSeconds;

    /// <summary>Local midnight at or before <see cref="StartUnixSeconds"/>: the start of day 0, Unix s.</summary>
    public long FirstDayStartUnixSeconds { get; }

    /// <summary>Calendar days the grid touches (the first and last may be partial), at least 1.</summary>
    public int DayCount { get; }

    /// <summary>Light per step, lux (0 to about 100 000). Do not modify.</summary>
    public float[] IlluminanceLux { get; }

    /// <summary>Temperature per step, degC; gaps interpolated, 21 when the source has none. Do not modify.</summary>
    public float[] TemperatureCelsius { get; }

    /// <summary>Relative humidity per step, %RH (0 to 100); gaps interpolated, 45 when the source has none. Do not modify.</summary>
    public float[] HumidityPercent { get; }

    /// <summary>Motion (PIR) event times, Unix s, sorted ascending; duplicates allowed. Do not modify.</summary>
    public long[] MotionEventUnixSeconds { get; }

    /// <summary>How the trace was read or generated: accepted and skipped rows, gaps.</summary>
    public TraceDiagnostics Diagnostics { get; }

    /// <summary>When somebody was present (synthetic environments only); null for a real trace, which has no presence truth.</summary>
    public PresenceTruth? Presence { get; init; }

    /// <summary>
    /// The step that contains <paramref name="unixSeconds"/>, clamped to 0..StepCount-1: before the
    /// start the first step answers, after the end the last one.
    /// </summary>
    public int StepIndex(long unixSeconds)
    {
        if (unixSeconds <= StartUnixSeconds) return 0;
        long index = (unixSeconds - StartUnixSeconds) / StepSeconds;
        return index >= StepCount ? StepCount - 1 : (int)index;
    }

    /// <summary>Light at a time, lux: the mean of its step (clamped like <see cref="StepIndex"/>). O(1).</summary>
    public double IlluminanceAt(long unixSeconds) => IlluminanceLux[StepIndex(unixSeconds)];

    /// <summary>Temperature at a time, degC (clamped like <see cref="StepIndex"/>). O(1).</summary>
    public double TemperatureAt(long unixSeconds) => TemperatureCelsius[StepIndex(unixSeconds)];

    /// <summary>Relative humidity at a time, %RH (clamped like <see cref="StepIndex"/>). O(1).</summary>
    public double HumidityAt(long unixSeconds) => HumidityPercent[StepIndex(unixSeconds)];

    /// <summary>
    /// Index of the first motion event at or after <paramref name="unixSeconds"/>, or
    /// MotionEventUnixSeconds.Length when there is none. Binary search, O(log n).
    /// </summary>
    public int FirstMotionEventAtOrAfter(long unixSeconds)
    {
        long[] events = MotionEventUnixSeconds;
        int low = 0, high = events.Length;
        while (low < high)
        {
            int mid = low + ((high - low) >> 1);
            if (events[mid] < unixSeconds) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Motion events in [from, to), a count. O(log n).</summary>
    public int MotionEventsBetween(long fromUnixSeconds, long toUnixSeconds) =>
        toUnixSeconds <= fromUnixSeconds ? 0 : FirstMotionEventAtOrAfter(toUnixSeconds) - FirstMotionEventAtOrAfter(fromUnixSeconds);

    /// <summary>
    /// Days <paramref name="firstDay"/> to <paramref name="lastDayInclusive"/> (day 0 is the calendar
    /// day of <see cref="StartUnixSeconds"/>, see <see cref="DayCount"/>) as a new trace with copied
    /// arrays, for train/evaluate splits. A partial first or last day of this trace stays partial;
    /// a last day beyond the end is cut at the end. Steps that straddle a midnight (only when the
    /// step does not divide a day) go to the day they start in. The slice shares this trace's
    /// diagnostics.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is reversed or has no day inside the trace.</exception>
    public EnvironmentTrace Slice(int firstDay, int lastDayInclusive)
    {
        if (firstDay < 0 || lastDayInclusive < firstDay || firstDay >= DayCount)
            throw new ArgumentOutOfRangeException(nameof(firstDay),
                $"Days {firstDay}..{lastDayInclusive} are not a range inside trace '{Name}' (days 0..{DayCount - 1}).");

        long from = Math.Max(StartUnixSeconds, FirstDayStartUnixSeconds + (long)firstDay * SecondsPerDay);
        long to = Math.Min(EndUnixSeconds, FirstDayStartUnixSeconds + ((long)lastDayInclusive + 1) * SecondsPerDay);
        int firstStep = (int)CeilingDivide(from - StartUnixSeconds, StepSeconds);
        int endStep = (int)CeilingDivide(to - StartUnixSeconds, StepSeconds);
        if (endStep <= firstStep)
            throw new ArgumentOutOfRangeException(nameof(firstDay),
                $"Days {firstDay}..{lastDayInclusive} of trace '{Name}' hold no whole step of {StepSeconds} s.");

        int count = endStep - firstStep;
        long sliceStart = StartUnixSeconds + (long)firstStep * StepSeconds;
        long sliceEnd = sliceStart + (long)count * StepSeconds;
        int firstEvent = FirstMotionEventAtOrAfter(sliceStart);
        int endEvent = FirstMotionEventAtOrAfter(sliceEnd);
        return new EnvironmentTrace(
            $"{Name} days {firstDay}-{lastDayInclusive}",
            sliceStart,
            StepSeconds,
            IlluminanceLux[firstStep..endStep],
            TemperatureCelsius[firstStep..endStep],
            HumidityPercent[firstStep..endStep],
            MotionEventUnixSeconds[firstEvent..endEvent],
            Diagnostics)
        {
            Presence = Presence?.Clip(sliceStart, sliceEnd),
        };
    }

    internal static void ValidateStep(int stepSeconds)
    {
        if (stepSeconds < 1 || stepSeconds > SecondsPerDay)
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "The grid step must be 1 to 86400 s.");
    }

    private static long CeilingDivide(long value, long divisor) => (value + divisor - 1) / divisor;
}
