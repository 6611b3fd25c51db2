using ScottPlot;
using SensorNode.Simulation.Reporting;

namespace SensorNode.Simulation.Deployment;

/// <summary>deployment.png: per week, events captured against the oracle, and utility against the best baseline (and the uncensored table).</summary>
public static class DeploymentPlot
{
    public static void Render(string path, string title, IReadOnlyList<DeploymentWeek> weeks)
    {
        using var plot = new Plot();
        double[] xs = weeks.Select(w => (double)w.Week).ToArray();
        var captured = plot.Add.ScatterLine(xs, weeks.Select(w => w.CapturedOfOracle).ToArray());
        captured.LegendText = "events captured / oracle's";
        captured.MarkerSize = 7;
        var utility = plot.Add.ScatterLine(xs, weeks.Select(w => w.Utility / Math.Max(1e-9, w.BestBaselineUtility)).ToArray());
        utility.LegendText = "utility / best baseline's";
        utility.MarkerSize = 7;
        var reference = weeks.Where(w => w.UncensoredUtility is double u && u > 0).ToList();
        if (reference.Count > 0)
        {
            var uncensored = plot.Add.ScatterLine(reference.Select(w => (double)w.Week).ToArray(), reference.Select(w => w.Utility / w.UncensoredUtility!.Value).ToArray());
            uncensored.LegendText = "utility / uncensored-trained table's";
            uncensored.MarkerSize = 7;
        }
        var brownouts = weeks.Where(w => w.Brownouts > 0).ToList();
        if (brownouts.Count > 0)
        {
            var marks = plot.Add.ScatterPoints(brownouts.Select(w => (double)w.Week).ToArray(), brownouts.Select(_ => 0.05).ToArray());
            marks.LegendText = "week with a brown-out";
            marks.Color = Colors.Crimson;
            marks.MarkerShape = MarkerShape.Cross;
            marks.MarkerSize = 10;
        }
        var target = plot.Add.HorizontalLine(0.9);
        target.LegendText = "0.9 of the oracle (week 1 target)";
        target.LinePattern = LinePattern.Dotted;
        plot.Title(title);
        plot.XLabel("week of the deployment");
        plot.YLabel("ratio");
        double top = weeks.Select(w => Math.Max(w.CapturedOfOracle, w.Utility / Math.Max(1e-9, w.BestBaselineUtility)))
            .Concat(reference.Select(w => w.Utility / w.UncensoredUtility!.Value)).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, Math.Max(1.15, top * 1.05));
        plot.Axes.SetLimitsX(0.5, weeks.Count + 0.5);
        PlotFile.ShowLegendBelow(plot);
        PlotFile.Save(plot, path);
    }
}
