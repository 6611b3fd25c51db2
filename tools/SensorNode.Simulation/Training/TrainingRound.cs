namespace SensorNode.Simulation.Training;

/// <summary>
/// One point of the learning curve: a table evaluated on the training data (the greedy table after an exploration
/// round, or a change the search accepted).
/// </summary>
public sealed class TrainingRound
{
    /// <summary>0 = the initial (heuristic) table, then numbered in order.</summary>
    public int Round { get; init; }
    /// <summary>"start", "explore" (greedy table of the model after a round) or "search" (an accepted one-state change).</summary>
    public string Phase { get; init; } = "";
    /// <summary>Simulator runs so far (exploratory and evaluation), the x axis of the curve.</summary>
    public int EpisodesSoFar { get; init; }
    public required TableScore Score { get; init; }
    /// <summary>True when this round's table is the one kept so far.</summary>
    public bool Kept { get; set; }
}

/// <summary>A table evaluated on every training environment, from a normal start (4.0 V) and from a cold start.</summary>
public sealed class TableScore
{
    public long EventsTotal { get; init; }
    /// <summary>Events captured, normal start (supercap at 4.0 V), summed over the environments.</summary>
    public long EventsCaptured { get; init; }
    /// <summary>Events captured from a cold start (empty flash, supercap at the cold-start voltage).</summary>
    public long EventsCapturedColdStart { get; init; }
    public long Brownouts { get; init; }
    public long BrownoutsColdStart { get; init; }
    /// <summary>Brown-outs in the stress runs (darker copies, other start charges; <see cref="TrainingOptions.StressLightScales"/>).</summary>
    public long BrownoutsStress { get; init; }
    /// <summary>Stress runs per evaluation.</summary>
    public int StressRuns { get; init; }
    public long ReadingsDelivered { get; init; }
    /// <summary>Sum of rewards of all runs.</summary>
    public double Reward { get; init; }
    /// <summary>Mean utility of the normal-start runs over the training environments (floor 0).</summary>
    public double Utility { get; init; }
    /// <summary>
    /// Mean utility over every run of the evaluation (normal, cold start, stress), each against its own floor: brown-outs
    /// priced by <c>weight_brownout</c> instead of ranked first (<see cref="TrainingOptions.PricedRanking"/>).
    /// </summary>
    public double PricedUtility { get; init; }

    /// <summary>
    /// Per state index, true when some run of the evaluation decided in that state. The runs are deterministic, so a
    /// table that differs only in states left false runs exactly the same and scores the same.
    /// </summary>
    public IReadOnlyList<bool> Decided { get; init; } = Array.Empty<bool>();

    /// <summary>The evaluation's runs, per scenario (the search reuses those a one-state change cannot alter).</summary>
    internal ScenarioRun[] Runs { get; init; } = Array.Empty<ScenarioRun>();

    /// <summary>States decided in the hours before any of the brown-outs (empty when safe).</summary>
    public IReadOnlyCollection<int> RiskStates { get; init; } = Array.Empty<int>();

    /// <summary>Brown-outs above least-spending's in the same runs (its floor), normal and cold starts: what ranks first.</summary>
    public long ExcessBrownouts { get; init; }
    /// <summary>Brown-outs above least-spending's in the stress runs: what ranks second.</summary>
    public long ExcessBrownoutsStress { get; init; }

    /// <summary>No brown-out above the floor from the normal or the cold start (the stress runs rank tables but do not trigger repairs).</summary>
    public bool Safe => ExcessBrownouts == 0;

    /// <summary>Brown-outs over every run of the evaluation: normal, cold start and stress.</summary>
    public long AllBrownouts => Brownouts + BrownoutsColdStart + BrownoutsStress;
}
