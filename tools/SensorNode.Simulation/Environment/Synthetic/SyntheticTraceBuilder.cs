namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Turns a <see cref="SyntheticProfile"/> into an <see cref="EnvironmentTrace"/>: day plans first,
/// then presence (<see cref="PresenceSchedule"/>: the ground truth), light (floor + daylight x day factor x cloud factor
/// at each step's midpoint + lamps averaged exactly over each step), motion (while present, plus stray triggers) and
/// climate per step. Four random streams derived from the seed (days, motion, clouds, presence) keep the result a pure
/// function of (profile, start, days, seed, step), and a longer trace starts with the shorter one.
/// </summary>
internal static class SyntheticTraceBuilder
{
    private const int SecondsPerDay = EnvironmentTrace.SecondsPerDay;

    public static EnvironmentTrace Build(SyntheticProfile profile, long startUnixSeconds, int days, int seed, int stepSeconds)
    {
        long end = startUnixSeconds + (long)days * SecondsPerDay;
        int count = (int)(((long)days * SecondsPerDay + stepSeconds - 1) / stepSeconds);

        var master = new Random(seed);
        var dayRandom = new Random(master.Next());
        var motionRandom = new Random(master.Next());
        var cloudRandom = new Random(master.Next());
        var presenceRandom = new Random(master.Next());

        long firstDayStart = UnixTime.DayStart(startUnixSeconds);
        int dayCount = (int)((UnixTime.DayStart(end - 1) - firstDayStart) / SecondsPerDay) + 1;
        // One extra day: the climate of the last day is interpolated towards the next one.
        var plans = new DayPlan[dayCount + 1];
        for (int d = 0; d < plans.Length; d++)
            plans[d] = DayPlan.Draw(profile, firstDayStart + (long)d * SecondsPerDay, dayRandom, cloudRandom, d == 0 ? null : plans[d - 1]);

        PresenceTruth presence = PresenceSchedule.Draw(profile, plans, dayCount, startUnixSeconds, end, presenceRandom);
        float[] lux = Light(profile, plans, dayCount, startUnixSeconds, stepSeconds, count, presence);
        long[] motion = PresenceSchedule.Motion(profile, presence, plans, dayCount, startUnixSeconds, end, motionRandom);
        var (temperature, humidity) = Climate(profile.Climate, plans, firstDayStart, startUnixSeconds, stepSeconds, count);

        string name = $"{profile.Name}-seed{seed}";
        var diagnostics = new TraceDiagnostics($"synthetic:{profile.Name}?seed={seed}&start={startUnixSeconds}&days={days}");
        return new EnvironmentTrace(name, startUnixSeconds, stepSeconds, lux, temperature, humidity, motion, diagnostics) { Presence = presence };
    }

    private static float[] Light(SyntheticProfile profile, DayPlan[] plans, int dayCount, long start, int step, int count, PresenceTruth presence)
    {
        var lamps = new double[count];
        if (profile.Lighting.ArtificialLux > 0 && profile.Presence.LightsFollowPresence)
        {
            // Presence-switched lamps: on exactly while somebody is there, at the day's level.
            long firstPlanStart = plans[0].DayStartUnixSeconds;
            for (int i = 0; i < presence.Starts.Length; i++)
            {
                DayPlan plan = plans[(presence.Starts[i] - firstPlanStart) / SecondsPerDay];
                GridIntegral.AddSegment(lamps, start, step, presence.Starts[i], presence.Ends[i], plan.ArtificialLux);
            }
        }
        else if (profile.Lighting.ArtificialLux > 0)
        {
            long previousOff = long.MinValue;
            for (int d = 0; d < dayCount; d++)
            {
                DayPlan plan = plans[d];
                if (!plan.Occupied) continue;
                long on = Math.Max(previousOff, plan.DayStartUnixSeconds + (long)(plan.LightsOnHour * 3600));
                long off = plan.DayStartUnixSeconds + (long)(plan.LightsOffHour * 3600);
                GridIntegral.AddSegment(lamps, start, step, on, off, plan.ArtificialLux);
                previousOff = Math.Max(previousOff, off);
            }
        }

        long firstDayStart = plans[0].DayStartUnixSeconds;
        var lux = new float[count];
        for (int i = 0; i < count; i++)
        {
            long middle = start + (long)i * step + step / 2;
            DayPlan plan = plans[(middle - firstDayStart) / SecondsPerDay];
            long secondOfDay = middle - plan.DayStartUnixSeconds;
            double daylight = profile.Daylight.ClearSkyLux(secondOfDay / 3600.0, plan.DayOfYear)
                * plan.DaylightFactor * plan.CloudFactorAt(secondOfDay);
            lux[i] = (float)(profile.Lighting.FloorLux + daylight + lamps[i] / step);
        }
        return lux;
    }

    private static (float[] Temperature, float[] Humidity) Climate(ClimateModel model, DayPlan[] plans, long firstDayStart,
        long start, int step, int count)
    {
        var temperature = new float[count];
        var humidity = new float[count];
        for (int i = 0; i < count; i++)
        {
            long middle = start + (long)i * step + step / 2;
            int d = (int)((middle - firstDayStart) / SecondsPerDay);
            double dayFraction = (middle - plans[d].DayStartUnixSeconds) / (double)SecondsPerDay;
            double cycle = Math.Cos(2 * Math.PI * (dayFraction * 24 - model.PeakHour) / 24);
            double temperatureOffset = Lerp(plans[d].TemperatureOffsetCelsius, plans[d + 1].TemperatureOffsetCelsius, dayFraction);
            double humidityOffset = Lerp(plans[d].HumidityOffsetPercent, plans[d + 1].HumidityOffsetPercent, dayFraction);
            temperature[i] = (float)(model.MeanCelsius + temperatureOffset + model.AmplitudeCelsius * cycle);
            humidity[i] = (float)Math.Clamp(model.MeanHumidityPercent + humidityOffset - model.HumidityAmplitudePercent * cycle, 0, 100);
        }
        return (temperature, humidity);
    }

    private static double Lerp(double a, double b, double fraction) => a + (b - a) * fraction;
}
