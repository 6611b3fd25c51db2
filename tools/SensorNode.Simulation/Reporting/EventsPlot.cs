using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// events.png: motion events per UTC day as stacked bars, captured at the bottom and missed on top,
/// one bar for every day of the run (days without events stay empty rather than disappear).
/// </summary>
internal static class EventsPlot
{
    private const double BarWidthDays = 0.8;
    private static readonly Color CapturedColor = Colors.ForestGreen;
    private static readonly Color MissedColor = Colors.Crimson;

    /// <summary>Renders the plot to <paramref name="path"/>.</summary>
    public static void Render(string path, NodeTimeline timeline, SimulationMetrics metrics)
    {
        using var plot = new Plot();
        PlotFile.DateAxisBottom(plot);

        (long first, long last) = PlotTime.Span(timeline);
        long firstDay = PlotTime.DayStart(first);
        int days = (int)((PlotTime.DayStart(last) - firstDay) / PlotTime.DaySeconds) + 1;
        int[] captured = PerDay(timeline.CapturedEventTimes, firstDay, days);
        int[] missed = PerDay(timeline.MissedEventTimes, firstDay, days);

        var capturedBars = new List<Bar>();
        var missedBars = new List<Bar>();
        for (int d = 0; d < days; d++)
        {
            double x = PlotTime.X(firstDay + d * PlotTime.DaySeconds) + 0.5;
            capturedBars.Add(new Bar { Position = x, ValueBase = 0, Value = captured[d], Size = BarWidthDays, FillColor = CapturedColor, LineWidth = 0 });
            missedBars.Add(new Bar { Position = x, ValueBase = captured[d], Value = captured[d] + missed[d], Size = BarWidthDays, FillColor = MissedColor, LineWidth = 0 });
        }

        int capturedTotal = timeline.CapturedEventTimes.Count;
        int missedTotal = timeline.MissedEventTimes.Count;
        var inv = CultureInfo.InvariantCulture;
        plot.Add.Bars(capturedBars).LegendText = $"captured ({capturedTotal.ToString(inv)})";
        plot.Add.Bars(missedBars).LegendText = $"missed ({missedTotal.ToString(inv)})";

        double left = PlotTime.X(firstDay);
        plot.Axes.SetLimitsX(left - 0.2, left + days + 0.2);
        int busiest = Enumerable.Range(0, days).Select(d => captured[d] + missed[d]).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, Math.Max(busiest * 1.1, 1));
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

        int total = capturedTotal + missedTotal;
        plot.Title(total == 0
            ? $"Motion events per day: {PlotFile.RunName(metrics)} (no motion events)"
            : $"Motion events per day: {PlotFile.RunName(metrics)}, captured {capturedTotal.ToString(inv)} of {total.ToString(inv)} ({SummaryTable.Percent(capturedTotal, total)})");
        plot.YLabel("motion events per day");
        PlotFile.PadRight(plot);
        PlotFile.ShowLegendBelow(plot);
        PlotFile.Save(plot, path);
    }

    /// <summary>Count of <paramref name="times"/> (Unix s) in each of <paramref name="days"/> UTC days from <paramref name="firstDay"/>.</summary>
    internal static int[] PerDay(IEnumerable<long> times, long firstDay, int days)
    {
        var counts = new int[days];
        foreach (long t in times)
        {
            long d = (t - firstDay) / PlotTime.DaySeconds;
            counts[d]++;
        }

        return counts;
    }
}
