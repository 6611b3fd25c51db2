using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Updates;

/// <summary>
/// The constant-light environment of docs/energy-budget.md, built in memory: Monday 2024-01-01 00:00 UTC, one step a
/// minute, <c>lux</c> from 08:00 to 18:00 UTC and 5 lx otherwise, 30 PIR events on each weekday at random minutes between
/// 08:00 and 18:00 (drawn from <c>seed</c>), 21 degC and 45 %RH.
/// </summary>
public static class ConstantLightBuilding
{
    public const long StartUnixSeconds = 1_704_067_200;

    public static EnvironmentTrace Generate(double lux, int days, int seed)
    {
        int steps = days * 1440;
        var light = new float[steps];
        var temperature = new float[steps];
        var humidity = new float[steps];
        var events = new List<long>();
        var random = new Random(seed);
        for (int day = 0; day < days; day++)
        {
            var minutes = day % 7 < 5 ? Enumerable.Range(8 * 60, 600).OrderBy(_ => random.Next()).Take(30).ToHashSet() : [];
            for (int minute = 0; minute < 1440; minute++)
            {
                int i = day * 1440 + minute;
                light[i] = (float)(minute >= 8 * 60 && minute < 18 * 60 ? lux : 5);
                temperature[i] = 21f;
                humidity[i] = 45f;
                if (minutes.Contains(minute)) events.Add(StartUnixSeconds + i * 60L);
            }
        }
        return new EnvironmentTrace($"constant-{lux}lx", StartUnixSeconds, 60, light, temperature, humidity, events.ToArray(),
            new TraceDiagnostics($"constant-{lux}lx"));
    }
}
