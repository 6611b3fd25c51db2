using SensorNode.Core.Config;

namespace SensorNode.Simulation.Simulator;

/// <summary>
/// What the building needs from a node: the [service] section of nf.config in host units (docs/policy.md,
/// "Service metrics and utility"). The defaults are <see cref="NodeConfig"/>'s.
/// </summary>
public sealed class ServiceTargets
{
    /// <summary>An arrival is a motion event at least this long after the previous one (or the start of the run), s.</summary>
    public int ArrivalGapSeconds { get; init; } = new NodeConfig().ServiceArrivalGapMinutes * 60;
    /// <summary>An arrival is on time when its reading reaches the broker within this long of the event, s.</summary>
    public int ArrivalTargetSeconds { get; init; } = new NodeConfig().ServiceArrivalTargetMinutes * 60;
    /// <summary>Length of the intervals temperature coverage counts, s.</summary>
    public int TemperatureIntervalSeconds { get; init; } = new NodeConfig().ServiceTemperatureIntervalMinutes * 60;
    public double WeightEvents { get; init; } = 1;
    public double WeightArrivals { get; init; } = 1;
    public double WeightTemperature { get; init; } = 1;
    /// <summary>Penalty per unit of dead-time fraction.</summary>
    public double WeightDeadTime { get; init; } = 1;
    /// <summary>
    /// Penalty per brown-out per simulated day above the least-spending floor: by default one node-day of the best
    /// possible score (docs/policy.md, "Service metrics and utility": what a brown-out costs a real node).
    /// </summary>
    public double WeightBrownout { get; init; } = new NodeConfig().ServiceWeightBrownoutMilli / 1000.0;
    /// <summary>
    /// Credit per unit of <see cref="SimulationMetrics.WatchedFraction"/> (docs/policy.md, docs/occupancy.md): a policy that
    /// keeps the PIR armed in working hours lets the gateway tell vacant from unknown. Host-side only (not in nf.config).
    /// </summary>
    public double WeightWatched { get; init; } = 0.25;

    /// <summary>The [service] values of <paramref name="config"/>.</summary>
    public static ServiceTargets FromConfig(NodeConfig config) => new()
    {
        ArrivalGapSeconds = config.ServiceArrivalGapMinutes * 60,
        ArrivalTargetSeconds = config.ServiceArrivalTargetMinutes * 60,
        TemperatureIntervalSeconds = config.ServiceTemperatureIntervalMinutes * 60,
        WeightEvents = config.ServiceWeightEventsMilli / 1000.0,
        WeightArrivals = config.ServiceWeightArrivalsMilli / 1000.0,
        WeightTemperature = config.ServiceWeightTemperatureMilli / 1000.0,
        WeightDeadTime = config.ServiceWeightDeadTimeMilli / 1000.0,
        WeightBrownout = config.ServiceWeightBrownoutMilli / 1000.0,
    };
}

/// <summary>The service a run gave, before it is summed or scored.</summary>
public sealed class ServiceOutcome
{
    public long ArrivalsTotal { get; init; }
    public long ArrivalsOnTime { get; init; }
    /// <summary>Event-to-broker latency of every arrival, s; +infinity when its reading never reached the broker.</summary>
    public required List<double> ArrivalLatenciesSeconds { get; init; }
    public long TemperatureIntervals { get; init; }
    public long TemperatureIntervalsCovered { get; init; }
}

/// <summary>
/// The service metrics of docs/policy.md computed from a run's ground truth and its broker's arrivals, and the
/// utility that ranks policies. Pure: the simulator passes what it recorded, tests pass hand-built timelines.
/// </summary>
public static class ServiceMetrics
{
    /// <summary>
    /// Arrivals and temperature coverage over [<paramref name="startMs"/>, <paramref name="endMs"/>).
    /// </summary>
    /// <param name="eventMs">Ground-truth motion events, Unix ms, ascending.</param>
    /// <param name="eventSequence">Per event, the sequence of the stored reading that captured it; 0 = missed or not stored.</param>
    /// <param name="takenAtMs">Per sequence (index = sequence), when the reading was taken, Unix ms; 0 = unknown.</param>
    /// <param name="firstArrivalMs">Per sequence, its first arrival at the broker, Unix ms; 0 = never (missing index = never).</param>
    /// <param name="hasTemperature">Per sequence, whether the reading carries a temperature (the SHT3x answered).</param>
    public static ServiceOutcome Compute(long startMs, long endMs, IReadOnlyList<long> eventMs, IReadOnlyList<uint> eventSequence,
        IReadOnlyList<long> takenAtMs, IReadOnlyList<long> firstArrivalMs, IReadOnlyList<bool> hasTemperature, ServiceTargets targets)
    {
        long targetMs = targets.ArrivalTargetSeconds * 1000L;
        bool[] arrivals = Arrivals(startMs, eventMs, targets);
        var latencies = new List<double>();
        long onTime = 0;
        for (int i = 0; i < eventMs.Count; i++)
        {
            long t = eventMs[i];
            if (!arrivals[i]) continue;
            uint s = eventSequence[i];
            // A sequence reused after a torn append belongs to a later reading: taken after the event, it is not this one.
            bool stored = s > 0 && s < firstArrivalMs.Count && s < takenAtMs.Count && takenAtMs[(int)s] <= t;
            long arrived = stored ? firstArrivalMs[(int)s] : 0;
            double latency = arrived > 0 ? Math.Max(0, arrived - t) / 1000.0 : double.PositiveInfinity;
            latencies.Add(latency);
            if (arrived > 0 && arrived - t <= targetMs) onTime++;
        }

        long intervalMs = targets.TemperatureIntervalSeconds * 1000L;
        long intervals = endMs > startMs ? (endMs - startMs + intervalMs - 1) / intervalMs : 0;
        var covered = new bool[intervals];
        long coveredCount = 0;
        int n = Math.Min(takenAtMs.Count, Math.Min(firstArrivalMs.Count, hasTemperature.Count));
        for (int s = 1; s < n; s++)
        {
            long taken = takenAtMs[s];
            if (taken < startMs || taken >= endMs || firstArrivalMs[s] == 0 || !hasTemperature[s]) continue;
            long k = (taken - startMs) / intervalMs;
            if (!covered[k]) { covered[k] = true; coveredCount++; }
        }
        return new ServiceOutcome
        {
            ArrivalsTotal = latencies.Count, ArrivalsOnTime = onTime, ArrivalLatenciesSeconds = latencies,
            TemperatureIntervals = intervals, TemperatureIntervalsCovered = coveredCount,
        };
    }

    /// <summary>
    /// Per ground-truth event (Unix ms, ascending), whether it is an <b>arrival</b>: at least the arrival gap after the
    /// event before it, or after <paramref name="startMs"/> for the first (docs/policy.md "Service metrics and utility").
    /// </summary>
    public static bool[] Arrivals(long startMs, IReadOnlyList<long> eventMs, ServiceTargets targets)
    {
        long gapMs = targets.ArrivalGapSeconds * 1000L;
        var arrivals = new bool[eventMs.Count];
        long previous = startMs;
        for (int i = 0; i < eventMs.Count; i++)
        {
            arrivals[i] = eventMs[i] - previous >= gapMs;
            previous = eventMs[i];
        }
        return arrivals;
    }

    /// <summary>
    /// Share of Monday-Friday 07:00-19:00 (local) inside [<paramref name="startSeconds"/>, <paramref name="endSeconds"/>) that the
    /// readings' armed intervals [t - armed, t] cover; 0 when the run has no working hours.
    /// </summary>
    public static double WatchedFraction(IReadOnlyList<ObservedReading> readings, long startSeconds, long endSeconds)
    {
        long working = WorkingSeconds(startSeconds, endSeconds);
        if (working == 0) return 0;
        long watched = 0;
        foreach (ObservedReading r in readings)
        {
            if (r.Brownout || r.ArmedSeconds <= 0) continue;
            watched += WorkingSeconds(Math.Max(startSeconds, r.UnixSeconds - r.ArmedSeconds), Math.Min(endSeconds, r.UnixSeconds));
        }
        return Math.Min(1, (double)watched / working);
    }

    // Seconds of [from, to) on Monday-Friday between 07:00 and 19:00 (local clock read as UTC, like the traces).
    private static long WorkingSeconds(long from, long to)
    {
        long total = 0;
        for (long day = Environment.UnixTime.DayStart(from); day < to; day += 86_400)
        {
            if (Environment.UnixTime.IsWeekend(day)) continue;
            long open = Math.Max(from, day + 7 * 3600);
            long close = Math.Min(to, day + 19 * 3600);
            if (close > open) total += close - open;
        }
        return total;
    }

    /// <summary>Writes the outcome's fields into <paramref name="m"/> (percentiles over <paramref name="latencies"/>, sorted here).</summary>
    public static void Fill(SimulationMetrics m, long arrivalsTotal, long arrivalsOnTime, List<double> latencies, long intervals, long covered)
    {
        latencies.Sort();
        m.ArrivalsTotal = arrivalsTotal;
        m.ArrivalsOnTime = arrivalsOnTime;
        m.ArrivalLatencyP50S = latencies.Count > 0 ? NodeSimulator.Percentile(latencies, 0.50) : 0;
        m.ArrivalLatencyP95S = latencies.Count > 0 ? NodeSimulator.Percentile(latencies, 0.95) : 0;
        m.TemperatureIntervals = intervals;
        m.TemperatureIntervalsCovered = covered;
        m.TemperatureCoverage = intervals > 0 ? (double)covered / intervals : 0;
    }

    /// <summary>
    /// utility = w_events x captured/total + w_arrivals x on-time/arrivals + w_temperature x coverage
    ///         + w_watched x watched fraction - w_dead x dead-time fraction - w_brownout x max(0, brownouts - floor) / node-days.
    /// A fraction whose whole is zero (no events, no arrivals) counts as 1: nothing was asked for.
    /// </summary>
    public static double Utility(SimulationMetrics m, long brownoutsFloor, ServiceTargets t)
    {
        double events = m.EventsTotal > 0 ? (double)m.EventsCaptured / m.EventsTotal : 1;
        double arrivals = m.ArrivalsTotal > 0 ? (double)m.ArrivalsOnTime / m.ArrivalsTotal : 1;
        double nodeDays = Math.Max(m.SimulatedDays * Math.Max(1, m.Nodes), 1e-9);
        long excess = Math.Max(0, m.Brownouts - brownoutsFloor);
        return t.WeightEvents * events + t.WeightArrivals * arrivals + t.WeightTemperature * m.TemperatureCoverage
             + t.WeightWatched * m.WatchedFraction
             - t.WeightDeadTime * m.DeadTimeFraction - t.WeightBrownout * excess / nodeDays;
    }

    /// <summary>Sets <see cref="SimulationMetrics.BrownoutsFloor"/> and <see cref="SimulationMetrics.Utility"/>.</summary>
    public static void Score(SimulationMetrics m, long brownoutsFloor, ServiceTargets t)
    {
        m.BrownoutsFloor = brownoutsFloor;
        m.Utility = Utility(m, brownoutsFloor, t);
    }
}
