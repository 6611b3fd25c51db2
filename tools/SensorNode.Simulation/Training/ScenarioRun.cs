using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Training;

/// <summary>One greedy run of a table in one scenario of the trainer's evaluation: the agent (decisions, reward, risk) and the metrics.</summary>
internal readonly record struct ScenarioRun(ExploringAgent Agent, SimulationMetrics Metrics)
{
    /// <summary>False for an entry not run yet.</summary>
    public bool Done => Agent != null;
}
