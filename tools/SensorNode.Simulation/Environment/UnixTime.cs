namespace SensorNode.Simulation.Environment;

/// <summary>
/// Calendar arithmetic on Unix seconds read as the building's local time (see
/// <see cref="EnvironmentTrace"/>): no time zones, no daylight saving.
/// </summary>
internal static class UnixTime
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Largest multiple of <paramref name="unit"/> that is not above <paramref name="value"/>.</summary>
    public static long FloorTo(long value, long unit)
    {
        long remainder = value % unit;
        return remainder < 0 ? value - remainder - unit : value - remainder;
    }

    /// <summary>Local midnight at or before the time, Unix s.</summary>
    public static long DayStart(long unixSeconds) => FloorTo(unixSeconds, EnvironmentTrace.SecondsPerDay);

    /// <summary>The day of the week (1970-01-01 was a Thursday).</summary>
    public static DayOfWeek DayOfWeek(long unixSeconds)
    {
        long day = DayStart(unixSeconds) / EnvironmentTrace.SecondsPerDay;
        return (DayOfWeek)(int)(((day + 4) % 7 + 7) % 7);
    }

    /// <summary>Saturday or Sunday.</summary>
    public static bool IsWeekend(long unixSeconds)
    {
        DayOfWeek day = DayOfWeek(unixSeconds);
        return day is System.DayOfWeek.Saturday or System.DayOfWeek.Sunday;
    }

    /// <summary>Day of the year, 1 to 366.</summary>
    public static int DayOfYear(long unixSeconds) => ToDateTime(unixSeconds).DayOfYear;

    /// <summary>A wall-clock time (its Kind is ignored) as Unix seconds.</summary>
    public static long FromDateTime(DateTime wallClock) => (wallClock.Ticks - Epoch.Ticks) / TimeSpan.TicksPerSecond;

    /// <summary>Unix seconds as a wall-clock DateTime.</summary>
    public static DateTime ToDateTime(long unixSeconds) => Epoch.AddSeconds(unixSeconds);

    /// <summary>"yyyy-MM-dd HH:mm:ss" for messages.</summary>
    public static string Format(long unixSeconds) =>
        ToDateTime(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
