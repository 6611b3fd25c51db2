namespace SensorNode.Simulation.Building;

/// <summary>
/// The building's HVAC schedule: comfort setpoints on weekdays from <see cref="ComfortStartHour"/> to
/// <see cref="ComfortEndHour"/> (local hours; the start includes the morning warm-up), setback otherwise.
/// </summary>
public sealed record HvacSchedule
{
    /// <summary>Local hour the comfort setpoints start on weekdays, 0 to 23 (default 6: warm-up before 8:00 arrivals).</summary>
    public int ComfortStartHour { get; init; } = 6;
    /// <summary>Local hour the comfort setpoints end on weekdays, after the start, 1 to 24 (default 19).</summary>
    public int ComfortEndHour { get; init; } = 19;
    /// <summary>Heating setpoint in comfort hours, degC (default 21).</summary>
    public double ComfortHeatCelsius { get; init; } = 21;
    /// <summary>Cooling setpoint in comfort hours, degC, above the heating one (default 24).</summary>
    public double ComfortCoolCelsius { get; init; } = 24;
    /// <summary>Heating setpoint at night and weekends, degC (default 16).</summary>
    public double SetbackHeatCelsius { get; init; } = 16;
    /// <summary>Cooling setpoint at night and weekends, degC (default 28).</summary>
    public double SetbackCoolCelsius { get; init; } = 28;

    /// <summary>True in comfort hours: weekdays, local hour in [start, end).</summary>
    public bool IsComfort(long unixSeconds)
    {
        if (Environment.UnixTime.IsWeekend(unixSeconds)) return false;
        int hour = (int)(unixSeconds % 86_400 / 3600);
        return hour >= ComfortStartHour && hour < ComfortEndHour;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (ComfortStartHour is < 0 or > 23) throw new ArgumentException($"comfort_start_hour {ComfortStartHour}: must be 0..23");
        if (ComfortEndHour <= ComfortStartHour || ComfortEndHour > 24) throw new ArgumentException($"comfort_end_hour {ComfortEndHour}: must be {ComfortStartHour + 1}..24");
        if (ComfortCoolCelsius <= ComfortHeatCelsius) throw new ArgumentException("comfort cooling setpoint must be above the heating one");
        if (SetbackCoolCelsius <= SetbackHeatCelsius) throw new ArgumentException("setback cooling setpoint must be above the heating one");
    }
}
