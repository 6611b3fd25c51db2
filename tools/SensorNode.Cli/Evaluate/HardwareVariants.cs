using SensorNode.Core.Config;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// <c>evaluate --hardware without|rtc|both</c>: the contestants on today's design (without), on the design with the
/// event RTC ("rtc:" names, the node configuration with [rtc]: docs/hardware.md), or both side by side.
/// </summary>
public static class HardwareVariants
{
    /// <summary>The option's values.</summary>
    public static readonly string[] Values = { "without", "rtc", "both" };

    /// <summary>
    /// The contestants for <paramref name="hardware"/> (null = "without"). Throws <see cref="UsageException"/> for another value.
    /// </summary>
    public static List<EvaluatedPolicy> Apply(string? hardware, List<EvaluatedPolicy> contestants, NodeConfig config)
    {
        string value = hardware ?? "without";
        if (Array.IndexOf(Values, value) < 0) throw new UsageException($"--hardware: expected {string.Join(", ", Values)}, got '{value}'");
        if (value == "without" || config.RtcFitted) return contestants;
        var rtc = contestants.Select(c => c with { Name = "rtc:" + c.Name, Config = WithRtc(c.Config ?? config) }).ToList();
        return value == "rtc" ? rtc : contestants.Concat(rtc).ToList();
    }

    /// <summary>A copy of <paramref name="config"/> with the event RTC fitted (the [rtc] defaults).</summary>
    public static NodeConfig WithRtc(NodeConfig config)
    {
        NodeConfig copy = FleetSimulator.WithNodeId(config, config.NodeId);
        copy.RtcFitted = true;
        return copy;
    }
}
