namespace SensorNode.Simulation.Building;

/// <summary>The HVAC faults a simulated room can carry (effects in docs/faults.md, "The simulated building").</summary>
public enum HvacFaultKind
{
    /// <summary>Heating valve stuck open: full heating whatever the thermostat says; the room runs hot.</summary>
    StuckOpenHot,
    /// <summary>Cooling valve or outdoor-air damper stuck open: constant cooling; the room runs cold.</summary>
    StuckOpenCold,
    /// <summary>Reheat coil dead: no heating, and the ventilation air cools the room while the air handler runs.</summary>
    FailedReheat,
    /// <summary>Schedule error: the room keeps its occupied setpoints at night and at weekends (no setback).</summary>
    ScheduleError,
    /// <summary>The thermostat's sensor reads <see cref="RoomFault.Magnitude"/> degC too high (negative: too low); the room is held that much colder.</summary>
    SensorOffset,
    /// <summary>The thermostat reads the neighbouring room, so this room floats and drifts against its neighbours.</summary>
    WrongSpace,
}

/// <summary>One injected fault: which room, which kind, from which day.</summary>
/// <param name="Room">Room index, 0 to rooms-1.</param>
/// <param name="Kind">What breaks.</param>
/// <param name="StartDay">Day of the run it starts (0 = the first day), at local midnight.</param>
/// <param name="Magnitude">
/// Stuck valves: the fraction of the room's capacity, 0.3 to 1; sensor offset: the error, degC (±0.5 to ±5);
/// ignored by the other kinds.
/// </param>
public sealed record RoomFault(int Room, HvacFaultKind Kind, int StartDay, double Magnitude = 1)
{
    /// <summary>The kind as written in a building spec and the truth CSV: "stuck-open-hot", "failed-reheat", ...</summary>
    public static string Name(HvacFaultKind kind) => kind switch
    {
        HvacFaultKind.StuckOpenHot => "stuck-open-hot",
        HvacFaultKind.StuckOpenCold => "stuck-open-cold",
        HvacFaultKind.FailedReheat => "failed-reheat",
        HvacFaultKind.ScheduleError => "schedule-error",
        HvacFaultKind.SensorOffset => "sensor-offset",
        HvacFaultKind.WrongSpace => "wrong-space",
        _ => kind.ToString(),
    };

    /// <summary>The inverse of <see cref="Name"/>.</summary>
    /// <exception cref="FormatException">An unknown name; the message lists the valid ones.</exception>
    public static HvacFaultKind Parse(string name)
    {
        foreach (HvacFaultKind kind in Enum.GetValues<HvacFaultKind>())
        {
            if (string.Equals(Name(kind), name?.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        }
        throw new FormatException($"Unknown fault '{name}': use {string.Join(", ", Enum.GetValues<HvacFaultKind>().Select(Name))}.");
    }

    /// <summary>True from local midnight of <see cref="StartDay"/>.</summary>
    public bool ActiveOn(int day) => day >= StartDay;
}
