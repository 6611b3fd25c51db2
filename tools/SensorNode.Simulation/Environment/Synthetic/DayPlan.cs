namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>Everything a synthetic profile draws once per calendar day.</summary>
internal readonly record struct DayPlan(
    long DayStartUnixSeconds,
    int DayOfYear,
    bool Weekend,
    bool Occupied,
    double LightsOnHour,
    double LightsOffHour,
    double ArtificialLux,
    double DaylightFactor,
    double[]? CloudFlicker,
    double Activity,
    double TemperatureOffsetCelsius,
    double HumidityOffsetPercent)
{
    /// <summary>Cloud blocks in a day.</summary>
    public const int CloudBlocks = EnvironmentTrace.SecondsPerDay / DaylightModel.FlickerBlockSeconds;

    /// <summary>
    /// Draws the day. <paramref name="days"/> gets the same number of draws every day whatever the
    /// outcome, so one day's branch never shifts the next day's numbers; cloud blocks come from
    /// <paramref name="clouds"/>.
    /// </summary>
    public static DayPlan Draw(SyntheticProfile profile, long dayStartUnixSeconds, Random days, Random clouds,
        DayPlan? previous)
    {
        bool weekend = UnixTime.IsWeekend(dayStartUnixSeconds);
        LightingModel lighting = profile.Lighting;
        DaylightModel daylight = profile.Daylight;
        ClimateModel climate = profile.Climate;

        double occupiedDraw = days.NextDouble();
        double onDraw = days.NextDouble();
        double offDraw = days.NextDouble();
        double lampLux = days.Gaussian(lighting.ArtificialLux, lighting.ArtificialLuxStandardDeviation);
        double clearDraw = days.NextDouble();
        double factorDraw = days.NextDouble();
        double activity = days.Gaussian(1, profile.Motion.ActivityStandardDeviation);
        double temperatureNoise = days.Gaussian(0, 1);
        double humidityNoise = days.Gaussian(0, 1);

        bool occupied = occupiedDraw < (weekend ? profile.Occupancy.WeekendProbability : profile.Occupancy.WeekdayProbability);
        bool clear = clearDraw < daylight.ClearProbability;
        double[]? flicker = null;
        if (!clear)
        {
            flicker = new double[CloudBlocks];
            for (int i = 0; i < flicker.Length; i++) flicker[i] = daylight.CloudyFlicker.At(clouds.NextDouble());
        }

        // AR(1) day offsets: persistence phi, stationary spread sd.
        double phi = climate.DayPersistence;
        double innovation = Math.Sqrt(1 - phi * phi);
        double temperatureOffset = previous is { } p
            ? phi * p.TemperatureOffsetCelsius + climate.DayOffsetStandardDeviationCelsius * innovation * temperatureNoise
            : climate.DayOffsetStandardDeviationCelsius * temperatureNoise;
        double humidityOffset = previous is { } q
            ? phi * q.HumidityOffsetPercent + climate.HumidityDayOffsetStandardDeviationPercent * innovation * humidityNoise
            : climate.HumidityDayOffsetStandardDeviationPercent * humidityNoise;

        return new DayPlan(
            dayStartUnixSeconds,
            UnixTime.DayOfYear(dayStartUnixSeconds),
            weekend,
            occupied,
            (weekend ? lighting.WeekendOnHour : lighting.WeekdayOnHour).At(onDraw),
            (weekend ? lighting.WeekendOffHour : lighting.WeekdayOffHour).At(offDraw),
            Math.Max(0, lampLux),
            (clear ? daylight.ClearFactor : daylight.CloudyFactor).At(factorDraw),
            flicker,
            Math.Clamp(activity, 0.3, 2.0),
            temperatureOffset,
            humidityOffset);
    }

    /// <summary>The cloud factor at <paramref name="secondOfDay"/> (1 on a clear day).</summary>
    public double CloudFactorAt(long secondOfDay) =>
        CloudFlicker is null ? 1 : CloudFlicker[(int)(secondOfDay / DaylightModel.FlickerBlockSeconds)];
}
