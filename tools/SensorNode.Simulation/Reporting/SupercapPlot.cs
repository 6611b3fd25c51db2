using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// supercap.png: supercap voltage (left axis, V) and harvested power (right axis, µW) over time. Wakes,
/// transmissions and brownouts are ticks in three strips under the zero line, so they never hide the
/// curve and a node that is down shows as a gap. Long runs stay readable: above
/// <see cref="LongRunDays"/> the harvest is drawn as a daily mean (a year of day/night peaks is a solid
/// block), and above <see cref="MaxWakeMarkers"/> plain wakes the wake strip is left out; the title says so.
/// </summary>
internal static class SupercapPlot
{
    /// <summary>Most plain-wake markers drawn; above this none are drawn.</summary>
    public const int MaxWakeMarkers = 5000;

    /// <summary>Runs longer than this many days plot the harvest as a daily mean.</summary>
    public const double LongRunDays = 14;

    /// <summary>Part of each y axis under 0 given to the marker strips, as a fraction of its top.</summary>
    private const double StripsFraction = 0.16;
    private const int StripRows = 3;

    private static readonly Color VoltageColor = Colors.RoyalBlue;
    private static readonly Color HarvestColor = Colors.Orange;
    private static readonly Color WakeColor = Colors.Gray;
    private static readonly Color TransmitColor = Colors.ForestGreen;
    private static readonly Color BrownoutColor = Colors.Crimson;

    /// <summary>Renders the plot to <paramref name="path"/>.</summary>
    public static void Render(string path, NodeTimeline timeline, SimulationMetrics metrics)
    {
        using var plot = new Plot();
        PlotFile.DateAxisBottom(plot);
        (long first, long last) = PlotTime.Span(timeline);
        bool longRun = last - first > LongRunDays * PlotTime.DaySeconds;

        double[] xs = timeline.SampleTimes.Select(PlotTime.X).ToArray();
        double[] volts = FiniteOrGap(timeline.SupercapVolts);
        (double[] harvestXs, double[] harvest) = longRun
            ? DailyMean(timeline.SampleTimes, timeline.HarvestMicrowatts)
            : (xs, FiniteOrGap(timeline.HarvestMicrowatts));
        if (xs.Length > 0)
        {
            var harvestLine = plot.Add.ScatterLine(harvestXs, harvest, HarvestColor);
            harvestLine.LineWidth = longRun ? 1.5f : 1;
            harvestLine.ConnectStyle = longRun ? ConnectStyle.StepHorizontal : ConnectStyle.Straight;
            harvestLine.Axes.YAxis = plot.Axes.Right;
            harvestLine.LegendText = longRun ? "harvested power, daily mean (µW, right)" : "harvested power (µW, right)";

            var voltLine = plot.Add.ScatterLine(xs, volts, VoltageColor);
            voltLine.LineWidth = 2;
            voltLine.MarkerSize = xs.Length == 1 ? 7 : 0; // a single sample has no line to draw
            voltLine.LegendText = "supercap voltage (V)";
        }

        double voltTop = Top(volts);
        double harvestTop = Top(harvest);
        bool wakesDrawn = timeline.WakeTimes.Count <= MaxWakeMarkers;
        if (wakesDrawn)
        {
            AddStrip(plot, timeline.WakeTimes, Strip(voltTop, 1), MarkerShape.VerticalBar, 1, WakeColor, "wake");
        }

        AddStrip(plot, timeline.TransmitTimes, Strip(voltTop, 2), MarkerShape.VerticalBar, 2, TransmitColor, "transmission");
        AddStrip(plot, timeline.BrownoutTimes, Strip(voltTop, 3), MarkerShape.Eks, 1.5f, BrownoutColor, "brownout");

        (double left, double right) = PlotTime.Limits(first, last);
        plot.Axes.SetLimitsX(left, right);

        // Both axes give the same fraction under 0 to the strips, so their zeros line up.
        plot.Axes.SetLimitsY(-StripsFraction * voltTop, voltTop, plot.Axes.Left);
        plot.Axes.SetLimitsY(-StripsFraction * harvestTop, harvestTop, plot.Axes.Right);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = NonNegativeLabel };
        plot.Axes.Right.TickGenerator = new NumericAutomatic { LabelFormatter = NonNegativeLabel };
        plot.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.5));

        plot.Title(Title(timeline, metrics, first, last, wakesDrawn));
        plot.YLabel("supercap voltage (V)");
        plot.Axes.Right.Label.Text = "harvested power (µW)";
        PlotFile.ShowLegendBelow(plot);
        PlotFile.Save(plot, path);
    }

    private static void AddStrip(Plot plot, List<long> times, double y, MarkerShape shape, float lineWidth, Color color, string name)
    {
        if (times.Count == 0)
        {
            return;
        }

        double[] xs = times.Select(PlotTime.X).ToArray();
        double[] ys = Enumerable.Repeat(y, xs.Length).ToArray();
        var markers = plot.Add.Markers(xs, ys, shape, 8, color);
        markers.MarkerLineWidth = lineWidth;
        markers.LegendText = $"{name} ({times.Count.ToString(CultureInfo.InvariantCulture)})";
    }

    /// <summary>The values with ±Infinity turned into NaN: a NaN is a gap in the line, an infinity would hide all of it.</summary>
    private static double[] FiniteOrGap(List<double> values)
        => values.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();

    /// <summary>
    /// Mean of the finite values per UTC day, as step points at each day's start plus one closing point
    /// at the end of the last day. Days without samples are skipped (the step carries over them).
    /// </summary>
    private static (double[] Xs, double[] Ys) DailyMean(List<long> times, List<double> values)
    {
        var days = new SortedDictionary<long, (double Sum, int Count)>();
        for (int i = 0; i < times.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                long day = PlotTime.DayStart(times[i]);
                days.TryGetValue(day, out var acc);
                days[day] = (acc.Sum + values[i], acc.Count + 1);
            }
        }

        var xs = days.Keys.Select(PlotTime.X).ToList();
        var ys = days.Values.Select(a => a.Sum / a.Count).ToList();
        if (xs.Count > 0)
        {
            xs.Add(xs[^1] + 1);
            ys.Add(ys[^1]);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>Height of strip <paramref name="row"/> (1 = nearest the zero line) in left-axis volts.</summary>
    private static double Strip(double voltTop, int row) => -voltTop * StripsFraction * row / (StripRows + 1);

    /// <summary>Tick labels only for the data range: the strips under 0 are not volts or microwatts.</summary>
    private static string NonNegativeLabel(double value)
        => value < 0 ? "" : value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A y-axis top a little above the largest finite value, or 1 when none is above 0.</summary>
    private static double Top(double[] values)
    {
        double max = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        return max > 0 ? max * 1.08 : 1;
    }

    private static string Title(NodeTimeline timeline, SimulationMetrics metrics, long first, long last, bool wakesDrawn)
    {
        var inv = CultureInfo.InvariantCulture;
        string days = ((last - first) / (double)PlotTime.DaySeconds).ToString("F1", inv);
        string title = $"Supercap and harvest: {PlotFile.RunName(metrics)}, {days} days";
        if (timeline.SampleTimes.Count == 0)
        {
            title += " (no samples)";
        }

        if (!wakesDrawn)
        {
            title += $" ({timeline.WakeTimes.Count.ToString(inv)} wakes not marked, over {MaxWakeMarkers.ToString(inv)})";
        }

        return title;
    }
}
