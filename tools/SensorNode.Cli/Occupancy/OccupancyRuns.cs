using System.Text.Json;
using System.Text.Json.Nodes;
using SensorNode.Gateway.Occupancy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Occupancy;

/// <summary>One policy's simulated run on one environment, as occupancy evaluation needs it.</summary>
/// <param name="Metrics">The node's simulation metrics (brown-outs and Wi-Fi connects are reported beside the scores); null when not simulated here.</param>
public sealed record OccupancyRun(string Policy, EnvironmentTrace Environment, IReadOnlyList<ObservedReading> Readings, SimulationMetrics? Metrics = null);

/// <summary>
/// Simulated runs to occupancy figures (docs/occupancy.md): the readings the gateway received, the truth of the
/// environment (presence for synthetic ones; "a PIR row within the slot" for real traces), occupancy.json and
/// occupancy-details.json.
/// </summary>
public static class OccupancyRuns
{
    /// <summary>The readings a gateway would have: delivered, with a known time; coverage -1 becomes unknown (null).</summary>
    public static List<OccupancyObservation> Observations(IReadOnlyList<ObservedReading> readings) =>
        readings.Where(r => r.ArrivalUnixSeconds != null && !r.TimeUnknown)
            .Select(r => new OccupancyObservation(r.UnixSeconds, r.ArmedSeconds >= 0 ? r.ArmedSeconds : null, r.MotionEvents, r.Brownout,
                r.ArrivalUnixSeconds!.Value, r.NextWakeUnixSeconds, r.WatchUntilUnixSeconds, r.WatchActive,
                r.FirstMotionAgeSeconds >= 0 ? r.FirstMotionAgeSeconds : null, r.LastMotionAgeSeconds >= 0 ? r.LastMotionAgeSeconds : null))
            .ToList();

    /// <summary>
    /// Presence intervals of <paramref name="environment"/>: its truth when synthetic; for a real trace, every slot with a PIR
    /// row counts as occupied for the whole slot (real traces have no presence truth).
    /// </summary>
    public static (long[] Starts, long[] Ends, bool Synthetic) Truth(EnvironmentTrace environment, int slotSeconds)
    {
        if (environment.Presence is { } presence) return (presence.Starts, presence.Ends, true);
        var starts = new List<long>();
        var ends = new List<long>();
        foreach (long t in environment.MotionEventUnixSeconds)
        {
            long slot = t - ((t - environment.StartUnixSeconds) % slotSeconds);
            if (ends.Count > 0 && slot <= ends[^1]) { ends[^1] = Math.Max(ends[^1], slot + slotSeconds); continue; }
            starts.Add(slot);
            ends.Add(slot + slotSeconds);
        }
        return (starts.ToArray(), ends.ToArray(), false);
    }

    /// <summary>The scores of one run.</summary>
    public static (OccupancyScore Inferred, OccupancyScore Naive) Evaluate(OccupancyRun run, OccupancyParameters parameters, HvacOccupiedPeriod schedule,
        bool live = true)
    {
        (long[] starts, long[] ends, _) = Truth(run.Environment, parameters.SlotSeconds);
        return OccupancyEvaluation.Evaluate(Observations(run.Readings), starts, ends, run.Environment.StartUnixSeconds,
            run.Environment.EndUnixSeconds, parameters, schedule, live);
    }

    /// <summary>
    /// Writes occupancy.json (per policy exactly the keys, and the same under "naive"; with several environments
    /// the fractions are slot-weighted means and the latencies the worst environment's) and occupancy-details.json
    /// (every figure of every run, the parameters and the schedule). Returns the per-run scores.
    /// </summary>
    public static List<(OccupancyRun Run, OccupancyScore Inferred, OccupancyScore Naive, OccupancyScore InferredAsTaken, OccupancyScore NaiveAsTaken)> Write(string outDir, IReadOnlyList<OccupancyRun> runs,
        OccupancyParameters parameters, HvacOccupiedPeriod schedule)
    {
        var scored = runs.Select(r => { var (i, n) = Evaluate(r, parameters, schedule); return (Run: r, Inferred: i, Naive: n); }).ToList();
        var asTaken = runs.Select(r => Evaluate(r, parameters, schedule, live: false)).ToList();
        var summary = new JsonObject();
        var details = new JsonArray();
        foreach (var group in scored.GroupBy(s => s.Run.Policy))
        {
            JsonObject entry = Keys(Combine(group.Select(g => g.Inferred).ToList()));
            entry["naive"] = Keys(Combine(group.Select(g => g.Naive).ToList()));
            summary[group.Key] = entry;
        }
        for (int k = 0; k < scored.Count; k++)
        {
            var s = scored[k];
            details.Add(new JsonObject
            {
                ["policy"] = s.Run.Policy,
                ["environment"] = s.Run.Environment.Name,
                ["truth"] = s.Run.Environment.Presence != null ? "presence (synthetic)" : "a PIR row within the slot (real trace)",
                ["watched_fraction"] = ServiceMetrics.WatchedFraction(s.Run.Readings, s.Run.Environment.StartUnixSeconds, s.Run.Environment.EndUnixSeconds),
                // The energy side: brown-outs and Wi-Fi connects (the watch commitment's cost, docs/occupancy.md).
                ["brownouts"] = s.Run.Metrics?.Brownouts,
                ["wifi_connects"] = s.Run.Metrics?.WifiConnects,
                ["dead_time_fraction"] = s.Run.Metrics?.DeadTimeFraction,
                ["watch_committed_readings"] = s.Run.Readings.Count(r => r.WatchUntilUnixSeconds != null),
                ["live"] = new JsonObject { ["inferred"] = JsonSerializer.SerializeToNode(s.Inferred, Json), ["naive"] = JsonSerializer.SerializeToNode(s.Naive, Json) },
                ["as_taken"] = new JsonObject { ["inferred"] = JsonSerializer.SerializeToNode(asTaken[k].Inferred, Json), ["naive"] = JsonSerializer.SerializeToNode(asTaken[k].Naive, Json) },
            });
        }
        var root = new JsonObject
        {
            ["parameters"] = JsonSerializer.SerializeToNode(parameters, Json),
            ["schedule"] = JsonSerializer.SerializeToNode(schedule, Json),
            ["runs"] = details,
        };
        File.WriteAllText(Path.Combine(outDir, "occupancy.json"), summary.ToJsonString(Indented));
        File.WriteAllText(Path.Combine(outDir, "occupancy-details.json"), root.ToJsonString(Indented));
        return scored.Select((s, k) => (s.Run, s.Inferred, s.Naive, asTaken[k].Inferred, asTaken[k].Naive)).ToList();
    }

    /// <summary>Writes occupancy-truth.csv (per slot) when the environment has presence truth; returns the path or null.</summary>
    public static string? WriteTruth(string outDir, EnvironmentTrace environment, int slotSeconds)
    {
        if (environment.Presence is not { } presence) return null;
        string path = Path.Combine(outDir, "occupancy-truth.csv");
        using var writer = new StreamWriter(path);
        presence.WriteSlotsCsv(writer, environment.StartUnixSeconds, environment.EndUnixSeconds, slotSeconds);
        return path;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static OccupancyScore Combine(IReadOnlyList<OccupancyScore> scores)
    {
        if (scores.Count == 1) return scores[0];
        double Weighted(Func<OccupancyScore, double> f, Func<OccupancyScore, double> weight)
        {
            double total = scores.Sum(weight);
            return total > 0 ? scores.Sum(s => f(s) * weight(s)) / total : 0;
        }
        return new OccupancyScore
        {
            SlotAccuracy = Weighted(s => s.SlotAccuracy, s => s.Slots),
            FalseVacantFraction = Weighted(s => s.FalseVacantFraction, s => s.OccupiedSlots),
            FalseOccupiedFraction = Weighted(s => s.FalseOccupiedFraction, s => s.Slots - s.OccupiedSlots),
            UnknownFraction = Weighted(s => s.UnknownFraction, s => s.Slots),
            VacantHoursDeclaredFraction = Weighted(s => s.VacantHoursDeclaredFraction, s => s.Slots - s.OccupiedSlots),
            ArrivalLatencyP95Seconds = Worst(scores.Select(s => s.ArrivalLatencyP95Seconds)),
            DepartureLatencyP95Seconds = Worst(scores.Select(s => s.DepartureLatencyP95Seconds)),
        };
    }

    // The worst measured latency (NaN: none measured anywhere).
    private static double Worst(IEnumerable<double> latencies)
    {
        double[] measured = latencies.Where(l => !double.IsNaN(l)).ToArray();
        return measured.Length == 0 ? double.NaN : measured.Max();
    }

    // Exactly the keys of the issue; an infinite latency (never recognised) is null.
    private static JsonObject Keys(OccupancyScore s) => new()
    {
        ["slot_accuracy"] = s.SlotAccuracy,
        ["false_vacant_fraction"] = s.FalseVacantFraction,
        ["false_occupied_fraction"] = s.FalseOccupiedFraction,
        ["unknown_fraction"] = s.UnknownFraction,
        ["vacant_hours_declared_fraction"] = s.VacantHoursDeclaredFraction,
        ["arrival_latency_p95_s"] = Finite(s.ArrivalLatencyP95Seconds),
        ["departure_latency_p95_s"] = Finite(s.DepartureLatencyP95Seconds),
    };

    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
