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

    /// <summary>The markdown table: one row per policy (in the given order: evaluate sorts by utility) and the oracle's row.</summary>
    public static string Markdown(string environment, IReadOnlyList<SimulationMetrics> policies, OracleResult oracle, IReadOnlyList<string>? notes = null)
    {
        var sb = new StringBuilder();
        sb.Append("# Policy comparison: ").Append(environment).Append("\n\n");
        sb.Append("| policy | utility | events captured | % of oracle | arrivals on time | arrival latency p50 / p95 | temperature coverage | events delivered | readings delivered | brownouts (floor) | dead time | Wi-Fi connects | energy per delivered reading |\n");
        sb.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (SimulationMetrics m in policies)
        {
            sb.Append(Inv, $"| {m.Policy} | {m.Utility:F3} | {m.EventsCaptured} / {m.EventsTotal} ({Percent(m.EventsCaptured, m.EventsTotal)}) | {Percent(m.EventsCaptured, oracle.EventsCaptured)} | {m.ArrivalsOnTime} / {m.ArrivalsTotal} ({Percent(m.ArrivalsOnTime, m.ArrivalsTotal)}) | {Duration(m.ArrivalLatencyP50S)} / {Duration(m.ArrivalLatencyP95S)} | {m.TemperatureCoverage * 100:F1} % | {m.EventsDelivered} | {m.ReadingsDelivered} | {m.Brownouts} ({m.BrownoutsFloor}) | {m.DeadTimeFraction * 100:F1} % | {m.WifiConnects} | {(m.ReadingsDelivered > 0 ? $"{m.EnergyPerDeliveredReadingMj:F1} mJ" : "-")} |\n");
        }
        sb.Append(Inv, $"| oracle (upper bound) | - | {oracle.EventsCaptured} / {oracle.EventsTotal} ({Percent(oracle.EventsCaptured, oracle.EventsTotal)}) | 100 % | - | - | - | {oracle.EventsDelivered} | {oracle.ReadingsDelivered} | {oracle.Brownouts} | - | {oracle.WifiConnects} | {(oracle.ReadingsDelivered > 0 ? $"{oracle.EnergyPerDeliveredReadingMj:F1} mJ" : "-")} |\n");
        if (notes != null && notes.Count > 0)
        {
            sb.Append('\n');
            foreach (string note in notes) sb.Append("- ").Append(note).Append('\n');
        }
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

    /// <summary>
    /// The trade-off, one point per policy: arrivals on time (x) against temperature coverage (y), the marker's size
    /// and its label giving the share of events captured; what each service costs the others.
    /// </summary>
    /// <param name="foresight">Schedules that know the trace (<c>--service-bound</c>'s witnesses), drawn as diamonds: what the harvest allows.</param>
    public static void TradeoffChart(string path, string environment, IReadOnlyList<SimulationMetrics> policies,
        IReadOnlyList<(string Label, SensorNode.Simulation.Oracle.ServiceBound.Point Point)>? foresight = null)
    {
        using var plot = new Plot();
        int shown = 0;
        foreach ((string name, SensorNode.Simulation.Oracle.ServiceBound.Point p) in foresight ?? [])
        {
            var marker = plot.Add.Marker(100 * p.Arrivals, 100 * p.Coverage);
            marker.Shape = MarkerShape.FilledDiamond;
            marker.Size = (float)(4 + 100 * p.Events / 8);
            marker.Color = Colors.SeaGreen;
            var label = plot.Add.Text($"{name} ({100 * p.Events:F0} % ev.)", 100 * p.Arrivals, 100 * p.Coverage);
            label.LabelFontSize = 10;
            label.OffsetX = 6;
            label.OffsetY = -14 * shown++; // the witnesses often sit close together
        }
        foreach (SimulationMetrics m in policies)
        {
            double arrivals = m.ArrivalsTotal > 0 ? 100.0 * m.ArrivalsOnTime / m.ArrivalsTotal : 100;
            double events = m.EventsTotal > 0 ? 100.0 * m.EventsCaptured / m.EventsTotal : 100;
            double coverage = 100 * m.TemperatureCoverage;
            var marker = plot.Add.Marker(arrivals, coverage);
            marker.Size = (float)(4 + events / 8);
            marker.Color = m.Brownouts > m.BrownoutsFloor ? Colors.Crimson : Colors.SteelBlue;
            var label = plot.Add.Text($"{m.Policy} ({events:F0} % ev.)", arrivals, coverage);
            label.LabelFontSize = 10;
            label.OffsetX = 6;
        }
        plot.Axes.SetLimits(-5, 110, -5, 105);
        plot.Title($"Service trade-off: {environment}");
        plot.XLabel("arrivals on time, % (size: events; red: brown-outs above least-spending's; green diamonds: knowing the trace)");
        plot.YLabel("temperature coverage, %");
        plot.SavePng(path, 1100, 700);
    }

    /// <summary>A latency as "42 s", "12.5 min", "3.2 h"; "never" when infinite (over that share of arrivals never reached the broker).</summary>
    public static string Duration(double seconds) =>
        !double.IsFinite(seconds) ? "never"
        : seconds < 120 ? seconds.ToString("F0", Inv) + " s"
        : seconds < 7200 ? (seconds / 60).ToString("F1", Inv) + " min"
        : (seconds / 3600).ToString("F1", Inv) + " h";

    internal static string Percent(long part, long whole) => whole > 0 ? (100.0 * part / whole).ToString("F1", Inv) + " %" : "-";
}
