using ScottPlot;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Cli.Occupancy;

/// <summary>
/// A room's occupancy as a PNG: three bands over days since the start, per slot: the truth where known (present share
/// of the slot), the inferred state (occupied high, unknown middle, vacant low) and the share of the slot the PIR watched.
/// </summary>
public static class OccupancyPlot
{
    /// <summary>The plot of one simulated run: its truth, its live slots decided at the midpoints, its coverage.</summary>
    public static void Render(string path, OccupancyRun run, OccupancyParameters parameters)
    {
        OccupancySlot[] slots = OccupancySeries.Slots(OccupancyRuns.Observations(run.Readings), run.Environment.StartUnixSeconds,
            run.Environment.EndUnixSeconds, parameters, live: true);
        (long[] starts, long[] ends, bool synthetic) = OccupancyRuns.Truth(run.Environment, parameters.SlotSeconds);
        var truth = new double[slots.Length];
        int cursor = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            long from = slots[i].StartUnixSeconds, to = from + parameters.SlotSeconds;
            while (cursor < ends.Length && ends[cursor] <= from) cursor++;
            long present = 0;
            for (int k = cursor; k < starts.Length && starts[k] < to; k++) present += Math.Min(ends[k], to) - Math.Max(starts[k], from);
            truth[i] = (double)present / parameters.SlotSeconds;
        }
        Render(path, $"{run.Policy} / {run.Environment.Name}", slots, parameters.SlotSeconds,
            truth, synthetic ? "truth: presence share" : "stand-in truth: PIR row in slot");
    }

    /// <summary>The plot of stored or recomputed slots; <paramref name="truth"/> null when there is none (a real room).</summary>
    public static void Render(string path, string title, IReadOnlyList<OccupancySlot> slots, int slotSeconds, double[]? truth, string truthLabel)
    {
        using var plot = new Plot();
        if (slots.Count > 0)
        {
            long first = slots[0].StartUnixSeconds;
            double[] xs = slots.Select(s => (s.StartUnixSeconds - first) / 86_400.0).ToArray();
            if (truth != null) Step(plot, xs, truth.Select(v => 2.1 + 0.8 * v).ToArray(), Colors.Black, truthLabel);
            Step(plot, xs, slots.Select(s => s.State switch
            {
                OccupancyState.Occupied => 1.9,
                OccupancyState.Vacant => 1.1,
                _ => 1.5,
            }).ToArray(), Colors.RoyalBlue, "inferred: occupied / unknown / vacant");
            Step(plot, xs, slots.Select(s => 0.1 + 0.8 * s.WatchedSeconds / (double)slotSeconds).ToArray(), Colors.ForestGreen, "PIR watched share");
        }
        plot.Axes.SetLimitsY(0, 3.1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [0.5, 1.5, 2.5], ["watched", "inferred", "truth"]);
        plot.XLabel("days since start");
        plot.Title($"Occupancy: {title}");
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1400, 600);
    }

    private static void Step(Plot plot, double[] xs, double[] ys, Color color, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.Color = color;
        line.LegendText = label;
    }
}
