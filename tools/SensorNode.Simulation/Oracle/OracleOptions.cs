namespace SensorNode.Simulation.Oracle;

/// <summary>Discretisation of the oracle's dynamic programme (docs/evaluation.md discusses the error).</summary>
public sealed class OracleOptions
{
    /// <summary>Decision slot, s: one action per slot; 60 to 3600 and a multiple of the trace step. Default 900 s.</summary>
    public int SlotSeconds { get; init; } = 900;
    /// <summary>Energy levels between brown-out (level 0) and the clamp (the last level), 10 to 100 000. Default 1000 (15.1 mJ apart).</summary>
    public int EnergyLevels { get; init; } = 1000;
    /// <summary>Supercap voltage at the start, V (the simulator's default 4.0 V).</summary>
    public double InitialVolts { get; init; } = 4.0;
    /// <summary>
    /// False (the default): brown-outs only break ties, so the schedule spends the store down to capture one more event
    /// (the upper bound on events). True: fewest brown-outs first, then the most events (the bound for a policy held to
    /// a brown-out target: on the corridor the default oracle buys its events with 6 brown-outs a week).
    /// </summary>
    public bool FewestBrownoutsFirst { get; init; }
}
