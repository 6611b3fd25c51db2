using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Reporting;

/// <summary>
/// energy.png: where the energy went, one bar per load phase (in <see cref="Physics.PowerPhase"/>
/// order) plus leakage and clamp loss in another colour, each labelled with its joules and its share
/// of all three together. Non-finite figures count as 0.
/// </summary>
internal static class EnergyPlot
{
    private static readonly Color LoadColor = Colors.RoyalBlue;
    private static readonly Color LossColor = Colors.DarkOrange;

    /// <summary>Renders the plot to <paramref name="path"/>.</summary>
    public static void Render(string path, SimulationMetrics metrics)
    {
        var names = new List<string>();
        var joules = new List<double>();
        foreach (string key in EnergyPhaseKeys.Ordered(metrics.EnergySpentByPhaseJ))
        {
            names.Add(EnergyPhaseKeys.Label(key));
            joules.Add(EnergyPhaseKeys.Joules(metrics.EnergySpentByPhaseJ, key));
        }

        int phases = names.Count;
        names.Add("leakage");
        joules.Add(Finite(metrics.EnergyLeakageJ));
        names.Add("clamp loss");
        joules.Add(Finite(metrics.EnergyClampLossJ));
        double total = joules.Sum();

        using var plot = new Plot();
        var loadBars = new List<Bar>();
        var lossBars = new List<Bar>();
        var ticks = new NumericManual();
        for (int i = 0; i < names.Count; i++)
        {
            string share = total > 0 && joules[i] != 0 ? $" ({SummaryTable.Percent(joules[i], total)})" : "";
            var bar = new Bar
            {
                Position = i,
                Value = joules[i],
                FillColor = i < phases ? LoadColor : LossColor,
                LineWidth = 0,
                Label = $"{Joules(joules[i])} J{share}",
            };
            (i < phases ? loadBars : lossBars).Add(bar);
            ticks.AddMajor(i, names[i]);
        }

        var load = plot.Add.Bars(loadBars);
        load.LegendText = "load, by phase";
        var losses = plot.Add.Bars(lossBars);
        losses.LegendText = "losses";
        foreach (var bars in new[] { load, losses })
        {
            bars.ValueLabelStyle.FontSize = 12;
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.6, names.Count - 0.4);
        double busiest = joules.DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, busiest > 0 ? busiest * 1.15 : 1);

        plot.Title($"Energy by phase: {PlotFile.RunName(metrics)}, load {Joules(Finite(metrics.EnergySpentJ))} J, "
            + $"harvested {Joules(Finite(metrics.EnergyHarvestedJ))} J");
        plot.XLabel("phase");
        plot.YLabel("energy (J)");
        PlotFile.ShowLegendBelow(plot);
        PlotFile.Save(plot, path);
    }

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;

    /// <summary>Joules readable at any scale: "0", "0.00213", "4.875", "150.3".</summary>
    private static string Joules(double j)
    {
        double size = Math.Abs(j);
        string format = size == 0 ? "0" : size >= 100 ? "F1" : size >= 1 ? "F3" : "G3";
        return j.ToString(format, CultureInfo.InvariantCulture);
    }
}
