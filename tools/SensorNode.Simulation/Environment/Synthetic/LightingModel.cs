namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Artificial light and the light floor. On an occupied day the lights go on at a drawn hour and
/// off at another (past 24 means after midnight), at a level drawn per day.
/// </summary>
/// <param name="FloorLux">Light that is always there (night, spill from elsewhere), lux.</param>
/// <param name="ArtificialLux">Mean level the lamps add, lux; 0 for a space lit by daylight only.</param>
/// <param name="ArtificialLuxStandardDeviation">Day-to-day spread of that level, lux.</param>
/// <param name="WeekdayOnHour">Hour of day the lights go on, Monday-Friday.</param>
/// <param name="WeekendOnHour">Hour of day the lights go on, Saturday and Sunday.</param>
/// <param name="WeekdayOffHour">Hour the lights go off, Monday-Friday, 0 to 48 (past 24: after midnight).</param>
/// <param name="WeekendOffHour">Hour the lights go off, Saturday and Sunday, 0 to 48.</param>
internal sealed record LightingModel(
    double FloorLux,
    double ArtificialLux,
    double ArtificialLuxStandardDeviation,
    QuantileTable WeekdayOnHour,
    QuantileTable WeekendOnHour,
    QuantileTable WeekdayOffHour,
    QuantileTable WeekendOffHour);
