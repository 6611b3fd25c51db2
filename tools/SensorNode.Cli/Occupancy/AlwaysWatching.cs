using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Occupancy;

/// <summary>
/// The occupancy rules' own ceiling on an environment (docs/occupancy.md, "What the rules allow"): a node that never
/// sleeps blind and never waits to send. Its PIR watches all the time, every motion is a reading at the moment it happens,
/// a reading without motion closes every minute between, and each reaches the gateway as it is taken, announcing the next
/// one a minute on. No policy and no energy budget can give the gateway more evidence, so what the rules declare on these
/// readings bounds what any node can reach with them: the false vacants of people sitting still past the vacancy delay,
/// the vacant hours lost to that delay, the departures declared no sooner than it.
/// </summary>
public static class AlwaysWatching
{
    /// <summary>The run's name in occupancy.json and the tables.</summary>
    public const string Name = "bound:always-watching";

    /// <summary>Seconds between readings when nothing moves.</summary>
    public const int HeartbeatSeconds = 60;

    /// <summary>The bound's run on <paramref name="environment"/> (no node metrics: nothing was simulated).</summary>
    public static OccupancyRun Run(EnvironmentTrace environment) => new(Name, environment, Readings(environment));

    /// <summary>The readings of a node that watches without a break and delivers at once.</summary>
    public static List<ObservedReading> Readings(EnvironmentTrace environment)
    {
        long[] events = environment.MotionEventUnixSeconds;
        long end = environment.EndUnixSeconds;
        var readings = new List<ObservedReading>();
        long previous = environment.StartUnixSeconds;
        int next = 0;
        for (long heartbeat = previous + HeartbeatSeconds; heartbeat <= end; heartbeat += HeartbeatSeconds)
        {
            for (; next < events.Length && events[next] <= heartbeat; next++)
            {
                // Events sharing a second are one wake; those before the start were not watched.
                if (events[next] <= previous) continue;
                readings.Add(Reading(readings.Count, events[next], previous, motion: 1));
                previous = events[next];
            }
            if (heartbeat > previous)
            {
                readings.Add(Reading(readings.Count, heartbeat, previous, motion: 0));
                previous = heartbeat;
            }
        }
        return readings;
    }

    private static ObservedReading Reading(int index, long unixSeconds, long watchedFromUnixSeconds, int motion) =>
        new((uint)(index + 1), unixSeconds, (int)(unixSeconds - watchedFromUnixSeconds), motion, Brownout: false, TimeUnknown: false,
            ArrivalUnixSeconds: unixSeconds, NextWakeUnixSeconds: unixSeconds + HeartbeatSeconds);
}
