using System.Text.Json.Serialization;

namespace SensorNode.Simulation.Simulator;

/// <summary>
/// What a simulation run measured (one node, or a fleet summed). Serialized as metrics.json with these
/// snake_case names; docs/simulator.md defines every field.
/// </summary>
public sealed class SimulationMetrics
{
    [JsonPropertyName("policy")] public string Policy { get; set; } = "";
    [JsonPropertyName("environment")] public string Environment { get; set; } = "";
    [JsonPropertyName("profile")] public string Profile { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("nodes")] public int Nodes { get; set; } = 1;
    [JsonPropertyName("faults")] public string Faults { get; set; } = "";

    /// <summary>Motion events in the environment during the run.</summary>
    [JsonPropertyName("events_total")] public long EventsTotal { get; set; }
    /// <summary>Events that happened while the node was alive with its PIR wake armed (or awake).</summary>
    [JsonPropertyName("events_captured")] public long EventsCaptured { get; set; }
    /// <summary>Captured events whose reading reached the broker.</summary>
    [JsonPropertyName("events_delivered")] public long EventsDelivered { get; set; }
    [JsonPropertyName("readings_taken")] public long ReadingsTaken { get; set; }
    /// <summary>Distinct readings (by sequence) that reached the broker.</summary>
    [JsonPropertyName("readings_delivered")] public long ReadingsDelivered { get; set; }
    /// <summary>Readings the node counted as dropped (log full, or flash refused the write).</summary>
    [JsonPropertyName("readings_dropped")] public long ReadingsDropped { get; set; }
    /// <summary>Readings still in the node's log, unacknowledged, when the run ended.</summary>
    [JsonPropertyName("readings_pending")] public long ReadingsPending { get; set; }
    /// <summary>Duplicate deliveries (same sequence twice: a PUBACK lost after the broker had the message).</summary>
    [JsonPropertyName("readings_duplicated")] public long ReadingsDuplicated { get; set; }
    [JsonPropertyName("wakes")] public long Wakes { get; set; }
    /// <summary>Largest |reading time - true time| of the run, s (the node's clock: the ESP32's RC clock, or the event RTC).</summary>
    [JsonPropertyName("time_error_max_s")] public double TimeErrorMaxS { get; set; }
    /// <summary>The node clock's error per day since its last network sync, s/day (<see cref="NodeClockError"/>).</summary>
    [JsonPropertyName("time_drift_s_per_day")] public double TimeDriftSecondsPerDay { get; set; }
    [JsonPropertyName("motion_wakes")] public long MotionWakes { get; set; }
    [JsonPropertyName("brownouts")] public long Brownouts { get; set; }
    /// <summary>Fraction of the run the node was browned out (0..1).</summary>
    [JsonPropertyName("dead_time_fraction")] public double DeadTimeFraction { get; set; }
    [JsonPropertyName("wifi_connects")] public long WifiConnects { get; set; }
    [JsonPropertyName("messages_published")] public long MessagesPublished { get; set; }
    [JsonPropertyName("energy_harvested_j")] public double EnergyHarvestedJ { get; set; }
    /// <summary>Energy the node's load drew (every phase), J. Leakage and clamp losses are separate.</summary>
    [JsonPropertyName("energy_spent_j")] public double EnergySpentJ { get; set; }
    /// <summary>energy_spent_j by phase: sleep, boot, compute, sensing, flash_write, wifi_associate, mqtt_connect, mqtt_publish, boot_associate.</summary>
    [JsonPropertyName("energy_spent_by_phase_j")] public SortedDictionary<string, double> EnergySpentByPhaseJ { get; set; } = new();
    [JsonPropertyName("energy_leakage_j")] public double EnergyLeakageJ { get; set; }
    [JsonPropertyName("energy_clamp_loss_j")] public double EnergyClampLossJ { get; set; }
    [JsonPropertyName("energy_stored_change_j")] public double EnergyStoredChangeJ { get; set; }
    /// <summary>harvested - (spent + leakage + clamp + stored change): the integrator's bookkeeping error, J.</summary>
    [JsonPropertyName("energy_balance_error_j")] public double EnergyBalanceErrorJ { get; set; }
    [JsonPropertyName("energy_per_delivered_reading_mj")] public double EnergyPerDeliveredReadingMj { get; set; }
    /// <summary>Median time from a reading being taken to its first arrival at the broker, s.</summary>
    [JsonPropertyName("delivery_latency_p50_s")] public double DeliveryLatencyP50S { get; set; }
    [JsonPropertyName("delivery_latency_p95_s")] public double DeliveryLatencyP95S { get; set; }
    /// <summary>Motion events after a quiet gap ([service] arrival_gap_minutes) in the ground truth.</summary>
    [JsonPropertyName("arrivals_total")] public long ArrivalsTotal { get; set; }
    /// <summary>Arrivals whose reading reached the broker within [service] arrival_target_minutes of the event (missed = late).</summary>
    [JsonPropertyName("arrivals_on_time")] public long ArrivalsOnTime { get; set; }
    /// <summary>Median event-to-broker latency of arrivals, s; null (infinite) when over half never arrived.</summary>
    [JsonPropertyName("arrival_latency_p50_s")] public double ArrivalLatencyP50S { get; set; }
    [JsonPropertyName("arrival_latency_p95_s")] public double ArrivalLatencyP95S { get; set; }
    /// <summary>Intervals of [service] temperature_interval_minutes in the run.</summary>
    [JsonPropertyName("temperature_intervals")] public long TemperatureIntervals { get; set; }
    /// <summary>Intervals in which a reading with a temperature was taken and reached the broker (by the end of the run).</summary>
    [JsonPropertyName("temperature_intervals_covered")] public long TemperatureIntervalsCovered { get; set; }
    /// <summary>temperature_intervals_covered / temperature_intervals (0..1).</summary>
    [JsonPropertyName("temperature_coverage")] public double TemperatureCoverage { get; set; }
    /// <summary>
    /// Share of the working hours (Monday-Friday 07:00-19:00 local, the default HVAC schedule of docs/occupancy.md) the PIR
    /// was armed, from the readings' armed seconds (0..1): when it is not watching, the room's occupancy is unknown.
    /// </summary>
    [JsonPropertyName("watched_fraction")] public double WatchedFraction { get; set; }
    /// <summary>Brown-outs of the least-spending policy on the same environment: the floor utility measures against.</summary>
    [JsonPropertyName("brownouts_floor")] public long BrownoutsFloor { get; set; }
    /// <summary>The ranking score of docs/policy.md ("Service metrics and utility").</summary>
    [JsonPropertyName("utility")] public double Utility { get; set; }
    [JsonPropertyName("final_supercap_v")] public double FinalSupercapV { get; set; }
    [JsonPropertyName("min_supercap_v")] public double MinSupercapV { get; set; }
    /// <summary>Faults injected, by kind (see --faults).</summary>
    [JsonPropertyName("faults_injected")] public SortedDictionary<string, long> FaultsInjected { get; set; } = new();
    /// <summary>Malformed trace rows skipped (with file and line in trace_skipped_examples).</summary>
    [JsonPropertyName("trace_rows_skipped")] public long TraceRowsSkipped { get; set; }
    [JsonPropertyName("trace_skipped_examples")] public List<string> TraceSkippedExamples { get; set; } = new();
    [JsonPropertyName("simulated_days")] public double SimulatedDays { get; set; }
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
    /// <summary>simulated node-days per wall-clock second.</summary>
    [JsonPropertyName("node_days_per_second")] public double NodeDaysPerSecond { get; set; }
}
