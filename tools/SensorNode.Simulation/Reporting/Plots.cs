using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// The run's PNG plots (1200 x 600): supercap.png (voltage, harvest, wakes, transmissions, brownouts
/// over time), events.png (captured and missed motion events per day) and energy.png (energy by phase
/// and losses). An empty timeline or zero energy still gives three valid images.
/// </summary>
public static class Plots
{
    /// <summary>File name of the supercap voltage and harvest plot.</summary>
    public const string SupercapFile = "supercap.png";

    /// <summary>File name of the motion events per day plot.</summary>
    public const string EventsFile = "events.png";

    /// <summary>File name of the energy by phase plot.</summary>
    public const string EnergyFile = "energy.png";

    /// <summary>
    /// Writes the three plots into <paramref name="outDir"/> (created if missing), overwriting earlier ones.
    /// </summary>
    /// <returns>Full paths of the files written, in the order supercap, events, energy.</returns>
    /// <exception cref="ArgumentException">The timeline's sample lists differ in length.</exception>
    public static IReadOnlyList<string> Render(string outDir, NodeTimeline timeline, SimulationMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(metrics);
        if (timeline.SupercapVolts.Count != timeline.SampleTimes.Count || timeline.HarvestMicrowatts.Count != timeline.SampleTimes.Count)
        {
            throw new ArgumentException(
                $"timeline samples must line up: {timeline.SampleTimes.Count} times, {timeline.SupercapVolts.Count} voltages, "
                + $"{timeline.HarvestMicrowatts.Count} harvest values",
                nameof(timeline));
        }

        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        string supercap = Path.Combine(dir, SupercapFile);
        string events = Path.Combine(dir, EventsFile);
        string energy = Path.Combine(dir, EnergyFile);
        SupercapPlot.Render(supercap, timeline, metrics);
        EventsPlot.Render(events, timeline, metrics);
        EnergyPlot.Render(energy, metrics);
        return new[] { supercap, events, energy };
    }
}
