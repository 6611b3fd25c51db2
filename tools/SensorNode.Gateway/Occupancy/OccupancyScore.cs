namespace SensorNode.Gateway.Occupancy;

/// <summary>
/// How one reading of occupancy did against the truth (docs/occupancy.md "Evaluation"). Fractions are of the slots
/// named; latencies are nearest-rank percentiles, +infinity when some arrival or departure was never recognised, NaN
/// when there was none to measure (both written as null).
/// </summary>
public sealed record OccupancyScore
{
    /// <summary>Slots whose declared state equals the truth (unknown is never right), over all slots.</summary>
    public double SlotAccuracy { get; init; }
    /// <summary>Truly occupied slots declared vacant (the comfort risk), over truly occupied slots.</summary>
    public double FalseVacantFraction { get; init; }
    /// <summary>Truly vacant slots declared occupied (the energy waste), over truly vacant slots.</summary>
    public double FalseOccupiedFraction { get; init; }
    /// <summary>Slots declared unknown, over all slots.</summary>
    public double UnknownFraction { get; init; }
    /// <summary>Truly vacant slot-hours inside the HVAC schedule declared vacant, over all truly vacant slot-hours inside it.</summary>
    public double VacantHoursDeclaredFraction { get; init; }
    public double ArrivalLatencyP50Seconds { get; init; }
    public double ArrivalLatencyP95Seconds { get; init; }
    /// <summary>Departures whose following time the PIR watched (at least 90 % of the window the rule needs).</summary>
    public double DepartureLatencyP50Seconds { get; init; }
    public double DepartureLatencyP95Seconds { get; init; }
    public int Slots { get; init; }
    public int OccupiedSlots { get; init; }
    public int Arrivals { get; init; }
    public int WatchedDepartures { get; init; }
    public int Departures { get; init; }
    /// <summary>Declared vacant and truly vacant inside the schedule, h.</summary>
    public double SetbackEligibleHours { get; init; }
    /// <summary>Declared vacant but truly occupied inside the schedule, h (what a setback would have cost in comfort).</summary>
    public double FalseVacantScheduleHours { get; init; }
    /// <summary>HVAC energy the setback-eligible hours allow to save, kWh (<see cref="HvacOccupiedPeriod"/>'s model).</summary>
    public double HvacSavingKilowattHours { get; init; }
}
