using SensorNode.Simulation.Environment.Synthetic;

namespace SensorNode.Simulation.Environment;

/// <summary>
/// Generates environment traces from the calibrated synthetic profiles (parameters and their
/// sources in docs/environment.md). Deterministic: the same arguments give identical arrays.
/// Hours of day are local hours, as for the real traces; weekends are Saturday and Sunday of the
/// calendar that starts on 1970-01-01 (a Thursday).
/// </summary>
public static class SyntheticEnvironment
{
    /// <summary>
    /// A trace of <paramref name="days"/> days from <paramref name="startUnixSeconds"/> on a grid of
    /// <paramref name="stepSeconds"/> (1 to 86 400 s). Start at a midnight for whole days. A longer
    /// trace with the same start and seed begins with the same values as a shorter one.
    /// </summary>
    /// <param name="kind">Which environment.</param>
    /// <param name="startUnixSeconds">Start of the grid, Unix s (local time).</param>
    /// <param name="days">Length, 1 day or more (up to about 38 years at 60 s).</param>
    /// <param name="seed">Seed of every random draw.</param>
    /// <param name="stepSeconds">Grid step, s.</param>
    public static EnvironmentTrace Generate(SyntheticProfileKind kind, long startUnixSeconds, int days, int seed, int stepSeconds = 60)
    {
        EnvironmentTrace.ValidateStep(stepSeconds);
        if (days < 1 || (long)days * EnvironmentTrace.SecondsPerDay / stepSeconds > TraceResampler.MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(days), days,
                $"Days must be 1 or more and give at most {TraceResampler.MaxSteps} steps of {stepSeconds} s.");
        return SyntheticTraceBuilder.Build(Profile(kind), startUnixSeconds, days, seed, stepSeconds);
    }

    /// <summary>"office", "corridor", "window-side" (or "window"), any case.</summary>
    /// <exception cref="ArgumentException">Any other name; the message lists the valid ones.</exception>
    public static SyntheticProfileKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "office" => SyntheticProfileKind.Office,
            "corridor" => SyntheticProfileKind.Corridor,
            "window-side" or "window" or "windowside" or "window_side" => SyntheticProfileKind.WindowSide,
            _ => throw new ArgumentException($"Unknown synthetic profile '{name}': use office, corridor or window-side.", nameof(name)),
        };
    }

    /// <summary>The profile's name as <see cref="Parse"/> accepts it: "office", "corridor", "window-side".</summary>
    public static string Name(SyntheticProfileKind kind) => Profile(kind).Name;

    private static SyntheticProfile Profile(SyntheticProfileKind kind) => kind switch
    {
        SyntheticProfileKind.Office => SyntheticCalibration.Office,
        SyntheticProfileKind.Corridor => SyntheticCalibration.Corridor,
        SyntheticProfileKind.WindowSide => SyntheticCalibration.WindowSide,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown synthetic profile."),
    };
}
