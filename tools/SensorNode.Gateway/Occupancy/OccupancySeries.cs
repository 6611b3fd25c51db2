namespace SensorNode.Gateway.Occupancy;

/// <summary>
/// Runs <see cref="OccupancyInference"/> over a room's readings: decisions at given times, slot series, and the PIR's
/// coverage of any window. "Live" decisions use only readings the gateway had received by then (what a controller
/// acting at that moment saw); otherwise ("as taken") every reading taken by then counts, and so does the armed interval
/// in progress at each time (the next reading's, placed where the PIR watched: the stored series, recomputed as late
/// readings arrive).
/// </summary>
public static class OccupancySeries
{
    /// <summary>Decisions (and the naive reading) at each of <paramref name="times"/> (ascending).</summary>
    public static (OccupancyDecision[] Decisions, OccupancyState[] Naive) DecideAt(IReadOnlyList<OccupancyObservation> observations,
        IReadOnlyList<long> times, OccupancyParameters parameters, bool live)
    {
        OccupancyObservation[] ordered = observations
            .OrderBy(o => live ? Math.Max(o.KnownAtUnixSeconds, o.UnixSeconds) : o.UnixSeconds).ThenBy(o => o.UnixSeconds).ToArray();
        var inference = new OccupancyInference(parameters);
        var decisions = new OccupancyDecision[times.Count];
        var naive = new OccupancyState[times.Count];
        int next = 0;
        for (int i = 0; i < times.Count; i++)
        {
            long t = times[i];
            while (next < ordered.Length && (live ? Math.Max(ordered[next].KnownAtUnixSeconds, ordered[next].UnixSeconds) : ordered[next].UnixSeconds) <= t)
            {
                inference.Add(ordered[next]);
                next++;
            }
            // As taken: an armed interval that covers t (its reading comes later) is evidence from the moment it was observed.
            // Only up to its first motion where the event RTC placed that motion inside the interval.
            long? watchingSince = null;
            if (!live && next < ordered.Length && !ordered[next].Brownout && ordered[next].ArmedSeconds is int armed && armed > 0
                && ordered[next].UnixSeconds - armed < t && t <= ordered[next].MotionFreeUntilUnixSeconds(ordered[next].UnixSeconds - armed))
            {
                watchingSince = ordered[next].UnixSeconds - armed;
            }
            decisions[i] = inference.Decide(t, watchingSince);
            if (!live && next < ordered.Length && CountedMotionBefore(ordered[next], t) is OccupancyDecision counted
                && decisions[i].State != OccupancyState.Occupied)
            {
                decisions[i] = counted;
            }
            naive[i] = inference.DecideNaive(t);
        }
        return (decisions, naive);
    }

    /// <summary>
    /// As taken, at <paramref name="t"/> inside the watched interval of <paramref name="next"/> (the reading after t) and
    /// past the part of it known to be motion-free: the event RTC counted motion there without waking the node. Occupied
    /// once its stamped first motion has happened; before that, or when only the last of several events was stamped,
    /// unknown (the earlier readings' vacancy no longer holds). Null when it does not apply (no motion, no stamp: a PIR
    /// that wakes the node puts the motion at the reading).
    /// </summary>
    private static OccupancyDecision? CountedMotionBefore(OccupancyObservation next, long t)
    {
        if (next.Brownout || next.ArmedSeconds is not int armed || armed <= 0 || next.MotionEvents <= 0 || t > next.UnixSeconds) return null;
        long from = next.UnixSeconds - armed;
        if (t <= from || t <= next.MotionFreeUntilUnixSeconds(from)) return null;
        return next.FirstMotionUnixSeconds is long at && t >= at
            ? new OccupancyDecision(OccupancyState.Occupied, "motion counted by the RTC", 0)
            : new OccupancyDecision(OccupancyState.Unknown, "motion counted at an unknown time", 0);
    }

    /// <summary>The slots of [from, to) (from aligned by the caller), decided at their midpoints.</summary>
    public static OccupancySlot[] Slots(IReadOnlyList<OccupancyObservation> observations, long fromUnixSeconds, long toUnixSeconds,
        OccupancyParameters parameters, bool live)
    {
        int slot = parameters.SlotSeconds;
        int count = (int)Math.Max(0, (toUnixSeconds - fromUnixSeconds + slot - 1) / slot);
        var midpoints = new long[count];
        for (int i = 0; i < count; i++) midpoints[i] = fromUnixSeconds + (long)i * slot + slot / 2;
        (OccupancyDecision[] decisions, OccupancyState[] naive) = DecideAt(observations, midpoints, parameters, live);
        var coverage = new Coverage(observations);
        var motion = new int[count];
        foreach (OccupancyObservation o in observations)
        {
            long index = (o.UnixSeconds - fromUnixSeconds) / slot;
            if (o.UnixSeconds >= fromUnixSeconds && index < count) motion[index] += o.MotionEvents;
        }
        var slots = new OccupancySlot[count];
        for (int i = 0; i < count; i++)
        {
            long start = fromUnixSeconds + (long)i * slot;
            slots[i] = new OccupancySlot(start, decisions[i].State, decisions[i].Evidence, coverage.WatchedSeconds(start, start + slot),
                motion[i], naive[i]);
        }
        return slots;
    }

    /// <summary>Seconds the PIR watched within windows, from readings' armed intervals [t - armed, t].</summary>
    public sealed class Coverage
    {
        private readonly long[] _ends;
        private readonly long[] _starts;

        public Coverage(IReadOnlyList<OccupancyObservation> observations)
        {
            var watched = observations.Where(o => !o.Brownout && o.ArmedSeconds is > 0)
                .Select(o => (Start: o.UnixSeconds - o.ArmedSeconds!.Value, End: o.UnixSeconds)).OrderBy(w => w.End).ToArray();
            _starts = watched.Select(w => w.Start).ToArray();
            _ends = watched.Select(w => w.End).ToArray();
        }

        /// <summary>Seconds of [from, to) inside some armed interval (armed intervals of one node do not overlap).</summary>
        public long WatchedSeconds(long fromUnixSeconds, long toUnixSeconds)
        {
            int i = Array.BinarySearch(_ends, fromUnixSeconds);
            if (i < 0) i = ~i;
            long total = 0;
            for (; i < _ends.Length && _starts[i] < toUnixSeconds; i++)
                total += Math.Max(0, Math.Min(_ends[i], toUnixSeconds) - Math.Max(_starts[i], fromUnixSeconds));
            return total;
        }
    }
}
