using System.Text.Json.Serialization;

namespace SensorNode.Simulation.Oracle;

/// <summary>
/// The best schedule in hindsight. Two programmes: "capture" maximises events captured (no radio needed);
/// "delivery" maximises events delivered, then readings delivered, with everything flushed by the end. Each is
/// solved with energies rounded up to the next level (an upper bound of the continuous programme) and rounded
/// down (a schedule feasible in it); the gap between the two is the discretisation error.
/// </summary>
public sealed class OracleResult
{
    [JsonPropertyName("policy")] public string Policy { get; set; } = "oracle";
    [JsonPropertyName("events_total")] public long EventsTotal { get; set; }
    /// <summary>Upper bound of events captured (capture programme, energies rounded up).</summary>
    [JsonPropertyName("events_captured")] public long EventsCaptured { get; set; }
    /// <summary>Events captured by the capture programme with energies rounded down (a feasible schedule of the model).</summary>
    [JsonPropertyName("events_captured_lower")] public long EventsCapturedLower { get; set; }
    /// <summary>Upper bound of events delivered (delivery programme, rounded up).</summary>
    [JsonPropertyName("events_delivered")] public long EventsDelivered { get; set; }
    [JsonPropertyName("events_delivered_lower")] public long EventsDeliveredLower { get; set; }
    /// <summary>Readings delivered by the delivery schedule (rounded up): its secondary objective.</summary>
    [JsonPropertyName("readings_delivered")] public long ReadingsDelivered { get; set; }
    [JsonPropertyName("wakes")] public long Wakes { get; set; }
    [JsonPropertyName("motion_wakes")] public long MotionWakes { get; set; }
    [JsonPropertyName("wifi_connects")] public long WifiConnects { get; set; }
    /// <summary>Brown-outs of the delivery schedule.</summary>
    [JsonPropertyName("brownouts")] public long Brownouts { get; set; }
    /// <summary>Brown-outs of the capture schedule (the one <see cref="EventsCaptured"/> counts).</summary>
    [JsonPropertyName("capture_brownouts")] public long CaptureBrownouts { get; set; }
    /// <summary>Harvest offered by the light over the run, J (before the clamp).</summary>
    [JsonPropertyName("energy_harvested_j")] public double EnergyHarvestedJ { get; set; }
    /// <summary>Load energy of the delivery schedule (sleep, wakes, radio), J.</summary>
    [JsonPropertyName("energy_spent_j")] public double EnergySpentJ { get; set; }
    [JsonPropertyName("energy_per_delivered_reading_mj")] public double EnergyPerDeliveredReadingMj { get; set; }
    [JsonPropertyName("final_supercap_v")] public double FinalSupercapV { get; set; }
    [JsonPropertyName("min_supercap_v")] public double MinSupercapV { get; set; }
    [JsonPropertyName("slot_seconds")] public int SlotSeconds { get; set; }
    [JsonPropertyName("energy_levels")] public int EnergyLevels { get; set; }
    [JsonPropertyName("energy_level_mj")] public double EnergyLevelMj { get; set; }
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
    /// <summary>The capture schedule (rounded up), slot by slot.</summary>
    [JsonIgnore] public IReadOnlyList<OracleSlot> CaptureSchedule { get; set; } = Array.Empty<OracleSlot>();
    /// <summary>The delivery schedule (rounded up), slot by slot.</summary>
    [JsonIgnore] public IReadOnlyList<OracleSlot> DeliverySchedule { get; set; } = Array.Empty<OracleSlot>();
}
