using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>What <see cref="PolicyTrainer.Train"/> produced.</summary>
public sealed class TrainingResult
{
    public required PolicyTable Table { get; init; }
    public required IReadOnlyList<TrainingRound> Rounds { get; init; }
    /// <summary>The round whose table was kept (0: the heuristic was never beaten safely).</summary>
    public int KeptRound { get; init; }
    public required TableScore Heuristic { get; init; }
    public required TableScore Learned { get; init; }
    /// <summary>Decisions taken in each state over all training runs.</summary>
    public required int[] Visits { get; init; }
    public long Transitions { get; init; }
    /// <summary>Simulator runs of the whole training (exploration and every evaluation).</summary>
    public long SimulatorRuns { get; init; }
    /// <summary>Search trials not run because the current table never decided in their state (same runs, same score).</summary>
    public long SearchTrialsSkipped { get; init; }
    /// <summary>Search trials stopped after their normal-start runs because they could no longer beat the best table.</summary>
    public long SearchTrialsPruned { get; init; }
    /// <summary>Runs of search trials taken over from the best table's evaluation (the changed state never decided in them).</summary>
    public long SearchRunsReused { get; init; }
    public double WallSeconds { get; init; }
}
