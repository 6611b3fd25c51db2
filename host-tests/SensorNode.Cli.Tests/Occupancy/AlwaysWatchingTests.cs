using SensorNode.Cli.Occupancy;
using SensorNode.Gateway.Occupancy;
using SensorNode.Simulation.Environment;

namespace SensorNode.Cli.Tests.Occupancy;

public sealed class AlwaysWatchingTests
{
    private const long Monday = 1_727_654_400; // 2024-09-30 00:00 (local wall clock as Unix s, like the traces)
    private const long Nine = Monday + 9 * 3600;
    private const long Noon = Monday + 12 * 3600;

    // One day at 60 s steps; somebody present 09:00-12:00 whose PIR fires every 5 min, the last time on leaving.
    private static EnvironmentTrace Day(long[] motion)
    {
        var flat = new float[1440];
        Array.Fill(flat, 20f);
        return new EnvironmentTrace("bound-test", Monday, 60, new float[1440], flat, flat, motion, new TraceDiagnostics("bound-test"));
    }

    private static long[] EveryFiveMinutes(long from, long to) =>
        Enumerable.Range(0, (int)((to - from) / 300) + 1).Select(i => from + i * 300L).ToArray();

    [Fact]
    public void Readings_WatchTheWholeSpan_WithEveryMotionAtItsSecond_DeliveredAsTaken()
    {
        long[] motion = [Monday - 30, Monday + 100, Monday + 100, Monday + 130, Nine];
        EnvironmentTrace day = Day(motion);

        var readings = AlwaysWatching.Readings(day);

        Assert.Equal(day.EndUnixSeconds - day.StartUnixSeconds, readings.Sum(r => (long)r.ArmedSeconds));
        // The event before the start was not watched; the two in one second are one wake.
        Assert.Equal([Monday + 100, Monday + 130, Nine], readings.Where(r => r.MotionEvents > 0).Select(r => r.UnixSeconds).ToArray());
        Assert.All(readings, r => Assert.Equal(r.UnixSeconds, r.ArrivalUnixSeconds));
        Assert.All(readings, r => Assert.Equal(r.UnixSeconds + AlwaysWatching.HeartbeatSeconds, r.NextWakeUnixSeconds));
        Assert.Equal(Enumerable.Range(1, readings.Count).Select(i => (uint)i), readings.Select(r => r.Sequence));
        Assert.True(readings.Zip(readings.Skip(1)).All(p => p.First.UnixSeconds < p.Second.UnixSeconds), "readings in time order");
    }

    [Fact]
    public void TheRules_OnTheBound_DeclareADeparture_ExactlyTheVacancyDelayAfterTheLastMotion()
    {
        EnvironmentTrace day = Day(EveryFiveMinutes(Nine, Noon));
        var parameters = new OccupancyParameters();

        var (inferred, _) = OccupancyEvaluation.Evaluate(OccupancyRuns.Observations(AlwaysWatching.Readings(day)), [Nine], [Noon],
            day.StartUnixSeconds, day.EndUnixSeconds, parameters, new HvacOccupiedPeriod());

        Assert.Equal(parameters.VacantAfterWatchedSeconds, inferred.DepartureLatencyP50Seconds);
        Assert.Equal(0, inferred.FalseVacantFraction);
        // Inside 07:00-19:00 the room is truly vacant 07:00-09:00 and 12:00-19:00 (36 slots); the first 40 min after
        // the departure are not declared (the slot 12:30-12:45 is decided at its midpoint, before 12:40): 33 of 36.
        Assert.Equal(33.0 / 36, inferred.VacantHoursDeclaredFraction, 6);
        Assert.InRange(inferred.ArrivalLatencyP50Seconds, 0, 60);
    }
}
