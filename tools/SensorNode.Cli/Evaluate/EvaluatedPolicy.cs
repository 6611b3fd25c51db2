using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// One contestant of <c>sensornode evaluate</c>: a table installed in flash (<see cref="Spec"/>) or a host-side
/// policy built per run from the node's clock (<see cref="Make"/>).
/// </summary>
public sealed record EvaluatedPolicy(string Name, PolicySpec Spec, Func<Func<long>, IWakePolicy>? Make)
{
    /// <summary>Every baseline, in table order: built-in, fixed 15 s/1 m/5 m/15 m, Pible thresholds, ENO-EWMA, ENO-WCMA.</summary>
    public static List<EvaluatedPolicy> Baselines(NodeConfig config, HardwareProfile profile)
    {
        var list = new List<EvaluatedPolicy>
        {
            new("built-in", PolicySpec.BuiltIn(), null),
            // The hand-written rule the trainer starts from (the built-in table before training).
            new("heuristic", PolicySpec.BuiltIn(), _ => SensorNode.Core.Policy.PolicyTable.Heuristic()),
        };
        foreach (string interval in new[] { "15s", "1m", "5m", "15m" })
        {
            int index = Array.IndexOf(config.WakeIntervalsSeconds, PolicySpec.ParseDuration(interval));
            if (index >= 0) list.Add(new("fixed-" + interval, PolicySpec.BuiltIn(), _ => new FixedIntervalPolicy(index)));
        }
        list.Add(new("pible-thresholds", PolicySpec.BuiltIn(), _ => new PibleThresholdPolicy()));
        int[] intervals = config.WakeIntervalsSeconds;
        list.Add(new("eno-ewma", PolicySpec.BuiltIn(), now => new EnergyNeutralPolicy(new EwmaHarvestPredictor(), profile, intervals, now)));
        list.Add(new("eno-wcma", PolicySpec.BuiltIn(), now => new EnergyNeutralPolicy(new WcmaHarvestPredictor(), profile, intervals, now)));
        return list;
    }
}
