using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Training;

/// <summary>
/// One table run greedily on one environment from one starting charge (empty flash: a node fresh out of the box),
/// with the brown-out times: what `sensornode policy assess` prints and what docs/policy.md's result tables are made of.
/// </summary>
public sealed class PolicyAssessment
{
    public required string Environment { get; init; }
    public double StartVolts { get; init; }
    public required SimulationMetrics Metrics { get; init; }
    /// <summary>Brown-out times, days since the environment's start.</summary>
    public required IReadOnlyList<double> BrownoutDays { get; init; }

    /// <summary>Runs <paramref name="policy"/> on <paramref name="environment"/> from <paramref name="startVolts"/>.</summary>
    public static PolicyAssessment Run(PolicySpec policy, EnvironmentTrace environment, HardwareProfile profile, NodeConfig config, double startVolts, int seed)
    {
        var brownouts = new List<double>();
        var setup = new SimulationSetup
        {
            Config = config, Profile = profile, Environment = environment, Policy = policy, Seed = seed, InitialVolts = startVolts,
            StepObserverFactory = _ => step =>
            {
                if (step.BrownedOut) brownouts.Add((step.UnixMilliseconds / 1000.0 - environment.StartUnixSeconds) / 86_400.0);
            },
        };
        var metrics = new NodeSimulator(setup, 0, recordTimeline: false).Run().Metrics;
        return new PolicyAssessment { Environment = environment.Name, StartVolts = startVolts, Metrics = metrics, BrownoutDays = brownouts };
    }
}
