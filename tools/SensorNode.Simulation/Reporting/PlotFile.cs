using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>What the three run plots share: image size, legend placement, run name, saving.</summary>
internal static class PlotFile
{
    /// <summary>Image width, px.</summary>
    public const int WidthPixels = 1200;

    /// <summary>Image height, px.</summary>
    public const int HeightPixels = 600;

    /// <summary>"policy / environment" for titles, or "simulation" when the metrics name neither.</summary>
    public static string RunName(SimulationMetrics metrics)
    {
        string[] parts = new[] { metrics.Policy, metrics.Environment }.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        return parts.Length == 0 ? "simulation" : string.Join(" / ", parts);
    }

    /// <summary>
    /// Makes the bottom axis a UTC date axis (x in <see cref="PlotTime.X"/> days) with ISO labels:
    /// "2026-03-01" at midnight, "03-01 06:00" between; the library default is the US "03/01/2026".
    /// </summary>
    public static void DateAxisBottom(Plot plot)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        axis.TickGenerator = new DateTimeAutomatic { LabelFormatter = IsoLabel };
        plot.XLabel("date (UTC)");
    }

    /// <summary>Legend in one row under the plot, so it never covers data.</summary>
    public static void ShowLegendBelow(Plot plot)
    {
        if (plot.GetPlottables().Any(p => p.LegendItems.Any(i => !string.IsNullOrEmpty(i.LabelText))))
        {
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static string IsoLabel(DateTime t)
        => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Room right of the data for a plot without a right axis, so the last date label is not cut off
    /// at the image edge.
    /// </summary>
    public static void PadRight(Plot plot) => plot.Axes.Right.MinimumSize = 50;

    /// <summary>Writes the plot as a PNG of <see cref="WidthPixels"/> x <see cref="HeightPixels"/>.</summary>
    public static void Save(Plot plot, string path) => plot.SavePng(path, WidthPixels, HeightPixels);
}
