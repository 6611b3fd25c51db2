namespace SensorNode.Gateway.Faults;

/// <summary>
/// The detector's parameters (docs/faults.md, "Parameters"). Defaults were tuned on the tuning seeds of
/// <c>sensornode faults evaluate --tune</c> (1000 upwards), never on the evaluation seeds.
/// </summary>
public sealed record FaultDetectorOptions
{
    /// <summary>Rooms with an hourly value needed for an hour's peer band, at least 3 (default 5).</summary>
    public int MinPeers { get; init; } = 5;
    /// <summary>Floor of the peer spread (1.4826 x MAD), degC: below it a tight building would flag tenths (default 0.5).</summary>
    public double SpreadFloorCelsius { get; init; } = 0.5;
    /// <summary>Hours of a period with data needed for a day's value of that period, at least 1 (default 2).</summary>
    public int MinHoursPerDay { get; init; } = 2;
    /// <summary>CUSUM slack per day, in peer spreads: a daily mean deviation below it is forgiven (default 1.5).</summary>
    public double Slack { get; init; } = 1.5;
    /// <summary>CUSUM alarm threshold, in peer spreads summed over days (default 5).</summary>
    public double Threshold { get; init; } = 5;
    /// <summary>Occupied hours, local, on weekdays: [start, end) (default 8 to 18).</summary>
    public int OccupiedStartHour { get; init; } = 8;
    public int OccupiedEndHour { get; init; } = 18;
    /// <summary>Night hours, local, every day: [0, end) (default 0 to 5); weekend daytime (occupied hours) counts as unoccupied too.</summary>
    public int NightEndHour { get; init; } = 5;
    /// <summary>
    /// A flagged room whose findings all match a stronger room's, with a median deviation at most this fraction of
    /// it, is reported as explained by that room (its neighbour's fault leaking through the wall), not flagged;
    /// 0 turns the rule off (default 0.5).
    /// </summary>
    public double SecondaryRatio { get; init; } = 0.5;
    /// <summary>The same for occupied-hour findings, where the neighbour's own thermostat fights the wall, so its share is smaller (default 0.35).</summary>
    public double SecondaryOccupiedRatio { get; init; } = 0.35;
    /// <summary>A neighbour's onset up to this many days after the stronger room's (or one day before) counts as the same event for <see cref="SecondaryRatio"/> (default 7: the wall takes days to show through the slack, longer until a cold spell).</summary>
    public int SecondaryOnsetDays { get; init; } = 7;
    /// <summary>Heat loss of a room per degC above its peers, W/K, for the energy estimate (default 60: envelope plus ventilation of a ~20 m2 office).</summary>
    public double RoomLossWattsPerKelvin { get; init; } = 60;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (MinPeers < 3) throw new ArgumentException($"min peers {MinPeers}: at least 3");
        if (!(SpreadFloorCelsius > 0)) throw new ArgumentException($"spread floor {SpreadFloorCelsius}: must be > 0 degC");
        if (MinHoursPerDay < 1) throw new ArgumentException($"min hours per day {MinHoursPerDay}: at least 1");
        if (!(Slack >= 0)) throw new ArgumentException($"slack {Slack}: must be >= 0");
        if (!(Threshold > 0)) throw new ArgumentException($"threshold {Threshold}: must be > 0");
        if (OccupiedStartHour is < 0 or > 23 || OccupiedEndHour <= OccupiedStartHour || OccupiedEndHour > 24)
            throw new ArgumentException($"occupied hours {OccupiedStartHour}..{OccupiedEndHour}: need 0 <= start < end <= 24");
        if (NightEndHour is < 1 or > 12) throw new ArgumentException($"night end hour {NightEndHour}: 1..12");
        if (!(SecondaryRatio is >= 0 and < 1)) throw new ArgumentException($"secondary ratio {SecondaryRatio}: 0 (off) to below 1");
        if (!(SecondaryOccupiedRatio is >= 0 and < 1)) throw new ArgumentException($"secondary occupied ratio {SecondaryOccupiedRatio}: 0 (off) to below 1");
        if (SecondaryOnsetDays < 0) throw new ArgumentException($"secondary onset days {SecondaryOnsetDays}: at least 0");
        if (!(RoomLossWattsPerKelvin > 0)) throw new ArgumentException("room loss must be > 0 W/K");
    }
}
