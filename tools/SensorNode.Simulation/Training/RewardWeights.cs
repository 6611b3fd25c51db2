namespace SensorNode.Simulation.Training;

/// <summary>
/// What the trainer rewards, per decision (a wake's action and what followed until the next wake). Events dominate;
/// a brown-out costs as much as a week of office events (the search ranks brown-outs first anyway; this keeps
/// the model's proposals frugal), and dead time keeps costing while the node is down.
/// </summary>
public sealed class RewardWeights
{
    /// <summary>Per motion event seen at the wake that followed the decision (a PIR wake, or an event during a wake).</summary>
    public double Event { get; init; } = 1.0;
    /// <summary>Per reading the broker acknowledged during the decision's wake (the transmit part of the action).</summary>
    public double ReadingDelivered { get; init; } = 0.02;
    /// <summary>Per timer wake that followed the decision (a fresh climate/light reading).</summary>
    public double FreshReading { get; init; } = 0.005;
    /// <summary>Per brown-out that followed the decision.</summary>
    public double Brownout { get; init; } = 200.0;
    /// <summary>Per hour dead after that brown-out.</summary>
    public double DeadPerHour { get; init; } = 5.0;

    public static RewardWeights Default { get; } = new();
}
