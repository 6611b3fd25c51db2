namespace SensorNode.Gateway.Faults;

/// <summary>Which part of the week a CUSUM channel watches.</summary>
public enum FaultPeriod
{
    /// <summary>Weekdays in the occupied hours.</summary>
    Occupied,
    /// <summary>Nights every day, and weekend daytime.</summary>
    Unoccupied,
}

/// <summary>One CUSUM channel that crossed its threshold.</summary>
/// <param name="Period">When in the week.</param>
/// <param name="Warmer">True: the room is warmer than its peers; false: colder.</param>
/// <param name="AlarmDay">Day index (0 = the first day of the window) the CUSUM crossed the threshold.</param>
/// <param name="OnsetDay">Day index the run that crossed started (the estimated start of the fault).</param>
/// <param name="MedianDeviationCelsius">Median daily deviation from the peer median since the onset, degC.</param>
public sealed record FaultFinding(FaultPeriod Period, bool Warmer, int AlarmDay, int OnsetDay, double MedianDeviationCelsius)
{
    /// <summary>One line for people: "too cold when occupied (-2.3 degC vs peers)".</summary>
    public string Describe() => (Period, Warmer) switch
    {
        (FaultPeriod.Occupied, false) => $"too cold when occupied ({MedianDeviationCelsius:+0.0;-0.0} degC vs peers)",
        (FaultPeriod.Occupied, true) => $"too hot when occupied ({MedianDeviationCelsius:+0.0;-0.0} degC vs peers)",
        (FaultPeriod.Unoccupied, true) => $"does not set back at night/weekends ({MedianDeviationCelsius:+0.0;-0.0} degC vs peers)",
        _ => $"too cold at night/weekends ({MedianDeviationCelsius:+0.0;-0.0} degC vs peers)",
    };
}

/// <summary>The detector's verdict on one room.</summary>
public sealed class RoomVerdict
{
    public required string Room { get; init; }
    public required string NodeId { get; init; }
    /// <summary>Alarmed channels, earliest alarm first; empty when the room follows its peers.</summary>
    public required IReadOnlyList<FaultFinding> Findings { get; init; }
    public bool Flagged => Findings.Count > 0;
    /// <summary>First alarm day (0 = first day of the window), -1 when not flagged.</summary>
    public int AlarmDay => Flagged ? Findings.Min(f => f.AlarmDay) : -1;
    /// <summary>Estimated fault start day: the onset of the first alarmed channel, -1 when not flagged.</summary>
    public int OnsetDay => Flagged ? Findings.MinBy(f => f.AlarmDay)!.OnsetDay : -1;
    /// <summary>Largest CUSUM at the end of the window over its channels, in thresholds (1 = just alarmed); the ranking key.</summary>
    public required double Severity { get; init; }
    /// <summary>True when the daily deviation moves by more than 0.15 degC/day since the onset (the room drifts against its peers).</summary>
    public required bool Drifts { get; init; }
    /// <summary>Heat spent keeping the room above its peers since the onset, kWh (documented rough model); 0 when not flagged.</summary>
    public required double ExcessHeatKilowattHours { get; init; }
    /// <summary><see cref="ExcessHeatKilowattHours"/> scaled to a year, kWh/year.</summary>
    public required double ExcessHeatKilowattHoursPerYear { get; init; }
    /// <summary>
    /// The flagged room whose stronger fault explains this room's departure (a neighbour through the wall), or
    /// null; such a room is not flagged and its own findings are in <see cref="SecondaryFindings"/>.
    /// </summary>
    public string? ExplainedBy { get; init; }
    public IReadOnlyList<FaultFinding> SecondaryFindings { get; init; } = [];
    /// <summary>Hours with a value of the room, and hours in the window.</summary>
    public required int HoursWithData { get; init; }
    /// <summary>The room's hourly medians, degC, NaN where it has none (one per hour from <see cref="FaultReport.StartUnixSeconds"/>).</summary>
    public required double[] Hourly { get; init; }

    /// <summary>"too hot when occupied (+2.1 degC vs peers); drifts away from peers".</summary>
    public string Describe() => string.Join("; ", Findings.Select(f => f.Describe()).Append(Drifts ? "drifts away from its peers" : null).OfType<string>());
}

/// <summary>The detector's output: every room ranked (flagged first, by severity) and the peer band it was compared with.</summary>
public sealed class FaultReport
{
    /// <summary>Local midnight the hourly grid and the day indices start at, Unix s.</summary>
    public required long StartUnixSeconds { get; init; }
    public required int Days { get; init; }
    public required IReadOnlyList<RoomVerdict> Rooms { get; init; }
    /// <summary>Peer median, degC, per hour (NaN when fewer than the minimum peers had a value).</summary>
    public required double[] PeerMedian { get; init; }
    /// <summary>Peer spread (1.4826 x MAD, floored), degC, per hour.</summary>
    public required double[] PeerSpread { get; init; }
    public required FaultDetectorOptions Options { get; init; }

    public IEnumerable<RoomVerdict> Flagged => Rooms.Where(r => r.Flagged);

    /// <summary>Unix s of the start of a day index.</summary>
    public long DayStart(int day) => StartUnixSeconds + day * 86_400L;
}
