namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Daylight reaching the sensor: a clear-sky curve times a factor drawn per day (clear or cloudy),
/// and on cloudy days a second factor drawn per <see cref="FlickerBlockSeconds"/> block for passing clouds.
/// </summary>
internal abstract class DaylightModel
{
    /// <summary>Length of a cloud block, s.</summary>
    public const int FlickerBlockSeconds = 15 * 60;

    protected DaylightModel(double clearProbability, QuantileTable clearFactor, QuantileTable cloudyFactor,
        QuantileTable cloudyFlicker)
    {
        ClearProbability = clearProbability;
        ClearFactor = clearFactor;
        CloudyFactor = cloudyFactor;
        CloudyFlicker = cloudyFlicker;
    }

    /// <summary>Chance that a day is clear, 0 to 1.</summary>
    public double ClearProbability { get; }

    /// <summary>Day factor on a clear day.</summary>
    public QuantileTable ClearFactor { get; }

    /// <summary>Day factor on a cloudy day.</summary>
    public QuantileTable CloudyFactor { get; }

    /// <summary>Extra factor per cloud block on a cloudy day.</summary>
    public QuantileTable CloudyFlicker { get; }

    /// <summary>Clear-sky daylight at the sensor, lux, at <paramref name="hourOfDay"/> (0 to 24) on <paramref name="dayOfYear"/> (1 to 366).</summary>
    public abstract double ClearSkyLux(double hourOfDay, int dayOfYear);

    /// <summary>No daylight at all (an inner corridor).</summary>
    public static DaylightModel None { get; } = new WindowTableDaylight(new HourlyCurve(new double[24]), 1,
        QuantileTable.Constant(1), QuantileTable.Constant(1), QuantileTable.Constant(1));
}

/// <summary>
/// Daylight from a fixed hour-of-day table measured at one window (no seasonal change): right for
/// a sensor that sees daylight only indirectly, as the ff66 office node does.
/// </summary>
internal sealed class WindowTableDaylight : DaylightModel
{
    private readonly HourlyCurve _lux;

    public WindowTableDaylight(HourlyCurve lux, double clearProbability, QuantileTable clearFactor,
        QuantileTable cloudyFactor, QuantileTable cloudyFlicker)
        : base(clearProbability, clearFactor, cloudyFactor, cloudyFlicker)
    {
        _lux = lux;
    }

    public override double ClearSkyLux(double hourOfDay, int dayOfYear) => Math.Max(0, _lux.At(hourOfDay));
}

/// <summary>
/// Daylight at a window as a half cosine between sunrise and sunset: peak at
/// <see cref="SolarNoonHour"/>, day length from the date and latitude (plus
/// <see cref="TwilightHours"/> in which the indoor sensor still reads above ~10 lx).
/// </summary>
internal sealed class SolarArcDaylight : DaylightModel
{
    public SolarArcDaylight(double peakLux, double latitudeDegrees, double solarNoonHour, double twilightHours,
        double clearProbability, QuantileTable clearFactor, QuantileTable cloudyFactor, QuantileTable cloudyFlicker)
        : base(clearProbability, clearFactor, cloudyFactor, cloudyFlicker)
    {
        PeakLux = peakLux;
        LatitudeDegrees = latitudeDegrees;
        SolarNoonHour = solarNoonHour;
        TwilightHours = twilightHours;
    }

    /// <summary>Clear-sky light at solar noon, lux.</summary>
    public double PeakLux { get; }

    /// <summary>Site latitude, degrees north.</summary>
    public double LatitudeDegrees { get; }

    /// <summary>Local clock hour of the peak.</summary>
    public double SolarNoonHour { get; }

    /// <summary>Hours added to the astronomical day length.</summary>
    public double TwilightHours { get; }

    public override double ClearSkyLux(double hourOfDay, int dayOfYear)
    {
        double halfDay = (DayLengthHours(LatitudeDegrees, dayOfYear) + TwilightHours) / 2;
        double fromNoon = Math.Abs(hourOfDay - SolarNoonHour);
        return fromNoon >= halfDay ? 0 : PeakLux * Math.Cos(Math.PI / 2 * fromNoon / halfDay);
    }

    /// <summary>Hours between sunrise and sunset (Cooper's declination, no refraction), 0 to 24.</summary>
    public static double DayLengthHours(double latitudeDegrees, int dayOfYear)
    {
        double declination = 23.44 * Math.PI / 180 * Math.Sin(2 * Math.PI * (284 + dayOfYear) / 365.0);
        double cosHourAngle = -Math.Tan(latitudeDegrees * Math.PI / 180) * Math.Tan(declination);
        return 2 * Math.Acos(Math.Clamp(cosHourAngle, -1, 1)) * 180 / Math.PI / 15;
    }
}
