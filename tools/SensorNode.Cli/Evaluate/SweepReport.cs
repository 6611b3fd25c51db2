using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>One policy's scored run at one value of the swept figure.</summary>
public sealed record SweepRow(double Value, SimulationMetrics Metrics);

/// <summary>A whole sweep: which figure, on what, from which base profile and seed, and its rows in order.</summary>
public sealed record SweepResult(string Figure, string Environment, string BaseProfile, int Seed, IReadOnlyList<SweepRow> Rows);

/// <summary>sweep.json, sweep.csv and sweep.md of <c>sensornode sweep</c>.</summary>
public static class SweepReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The figure, environment, base profile and seed, then per row the value, the policy and its full metrics.</summary>
    public static string Json(SweepResult sweep)
    {
        var rows = new JsonArray();
        foreach (SweepRow r in sweep.Rows)
            rows.Add(new JsonObject { ["value"] = r.Value, ["policy"] = r.Metrics.Policy, ["metrics"] = JsonNode.Parse(MetricsJson.Serialize(r.Metrics)) });
        var root = new JsonObject
        {
            ["figure"] = sweep.Figure, ["environment"] = sweep.Environment, ["base_profile"] = sweep.BaseProfile, ["seed"] = sweep.Seed, ["rows"] = rows,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>One line per value and policy: the figures the table shows, unrounded.</summary>
    public static string Csv(SweepResult sweep)
    {
        var sb = new StringBuilder();
        sb.Append(sweep.Figure).Append(",policy,events_captured,events_total,brownouts,brownouts_floor,wifi_connects,dead_time_fraction,utility,arrival_latency_p50_s,arrival_latency_p95_s,readings_delivered,energy_per_delivered_reading_mj\n");
        foreach (SweepRow r in sweep.Rows)
        {
            SimulationMetrics m = r.Metrics;
            sb.Append(Inv, $"{r.Value},{m.Policy},{m.EventsCaptured},{m.EventsTotal},{m.Brownouts},{m.BrownoutsFloor},{m.WifiConnects},{m.DeadTimeFraction},{m.Utility},{m.ArrivalLatencyP50S},{m.ArrivalLatencyP95S},{m.ReadingsDelivered},{m.EnergyPerDeliveredReadingMj}\n");
        }
        return sb.ToString();
    }

    /// <summary>The markdown table: one row per value and policy, in the order swept.</summary>
    public static string Markdown(SweepResult sweep)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"Sweep of `{sweep.Figure}` on {sweep.Environment} (base profile {sweep.BaseProfile}, seed {sweep.Seed}):\n\n");
        sb.Append("| ").Append(sweep.Figure).Append(" | policy | events captured | brown-outs (floor) | Wi-Fi connects | dead time | utility | arrival latency p50 / p95 |\n");
        sb.Append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (SweepRow r in sweep.Rows)
        {
            SimulationMetrics m = r.Metrics;
            sb.Append(Inv, $"| {r.Value} | {m.Policy} | {m.EventsCaptured} / {m.EventsTotal} ({ComparisonReport.Percent(m.EventsCaptured, m.EventsTotal)}) | {m.Brownouts} ({m.BrownoutsFloor}) | {m.WifiConnects} | {m.DeadTimeFraction * 100:F1} % | {m.Utility:F3} | {ComparisonReport.Duration(m.ArrivalLatencyP50S)} / {ComparisonReport.Duration(m.ArrivalLatencyP95S)} |\n");
        }
        return sb.ToString();
    }
}
