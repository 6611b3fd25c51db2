namespace SensorNode.Gateway.Occupancy;

/// <summary>
/// The occupancy evaluation's view of the building's HVAC schedule (the building simulation has its own thermal
/// <c>SensorNode.Simulation.Building.HvacSchedule</c>, with setpoints; this project does not reference it): the occupied period (outside it the building sets back anyway, so occupancy saves nothing there)
/// and the simple energy model of docs/occupancy.md: each setback-eligible hour (declared vacant, truly vacant, inside
/// the period) saves <see cref="RoomKilowatts"/> x <see cref="SetbackSavingFraction"/> kWh.
/// </summary>
public sealed record HvacOccupiedPeriod
{
    /// <summary>First hour of the occupied period, local (7 = 07:00).</summary>
    public int StartHour { get; init; } = 7;
    /// <summary>End hour (exclusive), local (19 = 19:00).</summary>
    public int EndHour { get; init; } = 19;
    /// <summary>Saturday and Sunday are occupied period too.</summary>
    public bool Weekends { get; init; }
    /// <summary>Mean HVAC electric power serving one room during the occupied period, kW (assumption: 0.5 kW for a 20 m2 office).</summary>
    public double RoomKilowatts { get; init; } = 0.5;
    /// <summary>Share of that power a setback saves while the room is vacant (assumption: 0.3).</summary>
    public double SetbackSavingFraction { get; init; } = 0.3;

    /// <summary>True when <paramref name="unixSeconds"/> (local wall clock as Unix s, like the traces) is inside the occupied period.</summary>
    public bool Contains(long unixSeconds)
    {
        DateTime t = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
        if (!Weekends && t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        return t.Hour >= StartHour && t.Hour < EndHour;
    }

    /// <summary>Parses "07-19" (weekdays) or "07-19,weekends" (every day). Throws <see cref="FormatException"/> naming the text.</summary>
    public static HvacOccupiedPeriod Parse(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        string[] hours = parts[0].Split('-', StringSplitOptions.TrimEntries);
        if (hours.Length != 2 || !int.TryParse(hours[0], out int start) || !int.TryParse(hours[1], out int end)
            || start < 0 || end > 24 || start >= end || parts.Length > 2 || (parts.Length == 2 && parts[1] != "weekends"))
            throw new FormatException($"schedule '{text}': expected HH-HH (0-24, start before end), optionally ',weekends'");
        return new HvacOccupiedPeriod { StartHour = start, EndHour = end, Weekends = parts.Length == 2 };
    }
}
