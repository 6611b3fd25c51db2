using SensorNode.Core.Config;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// <c>evaluate --hardware without|rtc|gated|both|all</c>: the contestants on today's design (without), on the design with
/// the event RTC ("rtc:" names, the node configuration with [rtc]: docs/hardware.md), with the RTC as the ESP32's power
/// switch ("gated:" names, [rtc] power_hold_pin), today's and the RTC's side by side (both), or all three.
/// </summary>
public static class HardwareVariants
{
    /// <summary>The option's values.</summary>
    public static readonly string[] Values = { "without", "rtc", "gated", "both", "all" };

    /// <summary>The hold line of the gated variant: GPIO33, output-capable and free in the reference pin map (docs/hardware.md).</summary>
    public const int GatedHoldPin = 33;

    /// <summary>
    /// The contestants for <paramref name="hardware"/> (null = "without"). Throws <see cref="UsageException"/> for another value.
    /// </summary>
    public static List<EvaluatedPolicy> Apply(string? hardware, List<EvaluatedPolicy> contestants, NodeConfig config)
    {
        string value = hardware ?? "without";
        if (Array.IndexOf(Values, value) < 0) throw new UsageException($"--hardware: expected {string.Join(", ", Values)}, got '{value}'");
        if (value == "without" || config.RtcFitted) return contestants;
        var rtc = contestants.Select(c => c with { Name = "rtc:" + c.Name, Config = WithRtc(c.Config ?? config) }).ToList();
        var gated = contestants.Select(c => c with { Name = "gated:" + c.Name, Config = WithPowerGate(c.Config ?? config) }).ToList();
        return value switch
        {
            "rtc" => rtc,
            "gated" => gated,
            "both" => contestants.Concat(rtc).ToList(),
            _ => contestants.Concat(rtc).Concat(gated).ToList(),
        };
    }

    /// <summary>A copy of <paramref name="config"/> with the event RTC fitted as the ESP32's power switch (hold line <see cref="GatedHoldPin"/>).</summary>
    public static NodeConfig WithPowerGate(NodeConfig config)
    {
        NodeConfig copy = WithRtc(config);
        copy.RtcPowerHoldPin = GatedHoldPin;
        return copy;
    }

    /// <summary>A copy of <paramref name="config"/> with the event RTC fitted (the [rtc] defaults).</summary>
    public static NodeConfig WithRtc(NodeConfig config)
    {
        NodeConfig copy = FleetSimulator.WithNodeId(config, config.NodeId);
        copy.RtcFitted = true;
        return copy;
    }
}
