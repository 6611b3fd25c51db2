namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Motion events as an inhomogeneous Poisson process: within each hour of the day, events at a
/// constant rate from the hour-of-day curve of the day's kind, times a per-day activity factor
/// (normal around 1, clipped to 0.3..2) on occupied days; placed uniformly within the hour.
/// </summary>
/// <param name="WeekdayOccupied">Events per hour by hour of day, occupied Monday-Friday.</param>
/// <param name="WeekendOccupied">Events per hour by hour of day, occupied Saturday/Sunday.</param>
/// <param name="Unoccupied">Events per hour by hour of day on an empty day.</param>
/// <param name="ActivityStandardDeviation">Spread of the day's activity factor (over-dispersion of daily counts).</param>
internal sealed record MotionModel(
    HourlyCurve WeekdayOccupied,
    HourlyCurve WeekendOccupied,
    HourlyCurve Unoccupied,
    double ActivityStandardDeviation)
{
    /// <summary>All rates multiplied by <paramref name="factor"/> (a busier or quieter spot).</summary>
    public MotionModel Scaled(double factor) =>
        new(WeekdayOccupied.Scaled(factor), WeekendOccupied.Scaled(factor), Unoccupied.Scaled(factor), ActivityStandardDeviation);
}
