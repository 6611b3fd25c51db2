using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Deployment;

/// <summary>
/// A node's stored history turned into a trainable trace (<see cref="CensoredHistory.Build"/>) with what the
/// reconstruction could not see kept beside it.
/// </summary>
public sealed class HistoryTrace
{
    /// <summary>The trace the trainer replays: light interpolated between wakes, seen motion, and motion imputed where the PIR was blind.</summary>
    public required EnvironmentTrace Trace { get; init; }

    /// <summary>Per grid step, how far the interpolated light may be off, lx (half the change across the gap; the held value outside the readings).</summary>
    public required float[] LightSpreadLux { get; init; }

    /// <summary>Share of the history's time the PIR watched (armed for the whole interval and the node alive), 0..1.</summary>
    public double WatchedFraction { get; init; }

    /// <summary>Motion events the node reported (placed at their reading, or between the event RTC's ages).</summary>
    public int EventsObserved { get; init; }

    /// <summary>Motion events drawn for the blind spans from the watched spans' rate by weekday/weekend and hour.</summary>
    public int EventsImputed { get; init; }

    /// <summary>Readings used.</summary>
    public int Readings { get; init; }

    /// <summary>
    /// The darker-copy factor the trainer's stress run uses for this history (<see cref="Training.TrainingOptions.StressLightScales"/>):
    /// 1 minus the light's relative uncertainty, at most the trainer's default 0.8 and at least <see cref="CensoredHistory.MinStressLightScale"/>.
    /// </summary>
    public double StressLightScale { get; init; } = 0.8;
}
