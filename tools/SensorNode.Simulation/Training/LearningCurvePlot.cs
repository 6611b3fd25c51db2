using ScottPlot;
using SensorNode.Simulation.Reporting;

namespace SensorNode.Simulation.Training;

/// <summary>
/// The learning curve: events the greedy table captures on the training data after each round (normal and cold
/// start), with the heuristic's figure as a reference line and the kept table marked.
/// </summary>
public static class LearningCurvePlot
{
    public static void Render(string path, TrainingResult result)
    {
        using var plot = new Plot();
        double[] xs = result.Rounds.Select(r => (double)r.EpisodesSoFar).ToArray();
        var warm = plot.Add.ScatterLine(xs, result.Rounds.Select(r => (double)r.Score.EventsCaptured).ToArray());
        warm.LegendText = "events captured, start at 4.0 V";
        warm.MarkerSize = 5;
        var cold = plot.Add.ScatterLine(xs, result.Rounds.Select(r => (double)r.Score.EventsCapturedColdStart).ToArray());
        cold.LegendText = "events captured, cold start";
        cold.MarkerSize = 5;
        var unsafeRounds = result.Rounds.Where(r => !r.Score.Safe).ToList();
        if (unsafeRounds.Count > 0)
        {
            var marks = plot.Add.ScatterPoints(unsafeRounds.Select(r => (double)r.EpisodesSoFar).ToArray(), unsafeRounds.Select(r => (double)r.Score.EventsCaptured).ToArray());
            marks.LegendText = "table browned out (rejected)";
            marks.Color = Colors.Crimson;
            marks.MarkerSize = 9;
            marks.MarkerShape = MarkerShape.Cross;
        }
        var kept = result.Rounds.First(r => r.Round == result.KeptRound);
        var keptMark = plot.Add.ScatterPoints(new[] { (double)kept.EpisodesSoFar }, new[] { (double)kept.Score.EventsCaptured });
        keptMark.LegendText = "kept table";
        keptMark.MarkerSize = 12;
        keptMark.MarkerShape = MarkerShape.OpenCircle;
        keptMark.Color = Colors.Black;
        var total = plot.Add.HorizontalLine(result.Heuristic.EventsTotal);
        total.LegendText = $"events in the training data ({result.Heuristic.EventsTotal})";
        total.LinePattern = LinePattern.Dotted;
        plot.Title($"Training: events captured by the greedy table (heuristic {result.Heuristic.EventsCaptured}, kept {result.Learned.EventsCaptured})");
        plot.XLabel("exploratory episodes");
        plot.YLabel("events captured on the training days");
        plot.Axes.SetLimitsY(0, result.Heuristic.EventsTotal * 1.08 + 1);
        PlotFile.ShowLegendBelow(plot);
        PlotFile.Save(plot, path);
    }
}
