using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScottPlot;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>comparison.json, comparison.md and captured.png of <c>sensornode evaluate</c>.</summary>
public static class ComparisonReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One entry per policy (name and its metrics), then the oracle's own fields.</summary>
    public static string Json(string environment, IReadOnlyList<SimulationMetrics> policies, OracleResult oracle)
    {
        var entries = new JsonArray();
        foreach (SimulationMetrics m in policies)
        {
            entries.Add(new JsonObject { ["name"] = m.Policy, ["kind"] = "policy", ["metrics"] = JsonNode.Parse(MetricsJson.Serialize(m)) });
        }
        entries.Add(new JsonObject { ["name"] = "oracle", ["kind"] = "oracle", ["oracle"] = JsonSerializer.SerializeToNode(oracle) });
        var root = new JsonObject { ["environment"] = environment, ["policies"] = entries };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The markdown table: one row per policy and the oracle's row.</summary>
    public static string Markdown(string environment, IReadOnlyList<SimulationMetrics> policies, OracleResult oracle)
    {
        var sb = new StringBuilder();
        sb.Append("# Policy comparison: ").Append(environment).Append("\n\n");
        sb.Append("| policy | events captured | % of oracle | events delivered | readings delivered | brownouts | dead time | Wi-Fi connects | energy per delivered reading |\n");
        sb.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (SimulationMetrics m in policies)
        {
            sb.Append(Inv, $"| {m.Policy} | {m.EventsCaptured} / {m.EventsTotal} ({Percent(m.EventsCaptured, m.EventsTotal)}) | {Percent(m.EventsCaptured, oracle.EventsCaptured)} | {m.EventsDelivered} | {m.ReadingsDelivered} | {m.Brownouts} | {m.DeadTimeFraction * 100:F1} % | {m.WifiConnects} | {(m.ReadingsDelivered > 0 ? $"{m.EnergyPerDeliveredReadingMj:F1} mJ" : "-")} |\n");
        }
        sb.Append(Inv, $"| oracle (upper bound) | {oracle.EventsCaptured} / {oracle.EventsTotal} ({Percent(oracle.EventsCaptured, oracle.EventsTotal)}) | 100 % | {oracle.EventsDelivered} | {oracle.ReadingsDelivered} | {oracle.Brownouts} | - | {oracle.WifiConnects} | {(oracle.ReadingsDelivered > 0 ? $"{oracle.EnergyPerDeliveredReadingMj:F1} mJ" : "-")} |\n");
        sb.Append(Inv, $"\nOracle: {oracle.SlotSeconds} s slots, {oracle.EnergyLevels} energy levels ({oracle.EnergyLevelMj:F2} mJ apart); events captured rounded down {oracle.EventsCapturedLower}, delivered rounded down {oracle.EventsDeliveredLower}; solved in {oracle.WallSeconds:F1} s. See docs/evaluation.md.\n");
        return sb.ToString();
    }

    /// <summary>Bar chart of events captured per policy, the oracle last.</summary>
    public static void Chart(string path, string environment, IReadOnlyList<SimulationMetrics> policies, OracleResult oracle)
    {
        using var plot = new Plot();
        var names = policies.Select(m => m.Policy).Append("oracle").ToArray();
        var values = policies.Select(m => (double)m.EventsCaptured).Append(oracle.EventsCaptured).ToArray();
        var bars = new List<Bar>();
        for (int i = 0; i < values.Length; i++)
        {
            bars.Add(new Bar { Position = i, Value = values[i], FillColor = i == values.Length - 1 ? Colors.Gray : Colors.SteelBlue, LineWidth = 0 });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, names.Length).Select(i => (double)i).ToArray(), names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.SetLimitsY(0, Math.Max(1, oracle.EventsTotal) * 1.05);
        plot.Add.HorizontalLine(oracle.EventsTotal, color: Colors.Crimson, pattern: LinePattern.Dashed).LegendText = $"events in the trace ({oracle.EventsTotal})";
        plot.Title($"Events captured per policy: {environment}");
        plot.YLabel("motion events captured");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 600);
    }

    private static string Percent(long part, long whole) => whole > 0 ? (100.0 * part / whole).ToString("F1", Inv) + " %" : "-";
}
