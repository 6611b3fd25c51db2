namespace SensorNode.Gateway.Occupancy;

/// <summary>
/// Scores the live occupancy (what a controller acting at each moment had) and the naive reading against the truth:
/// presence intervals [start, end), sorted and disjoint. A slot is truly occupied when somebody was present for at
/// least half of it. Latencies run on a 1-minute grid: arrival = a presence start after at least
/// <see cref="MinimumAbsenceSeconds"/> of absence, to the first minute declared occupied (before the person left);
/// departure = a presence end followed by that much absence, to the first minute declared vacant (before the next
/// arrival), counted only where the PIR watched at least 90 % of the window the vacancy rule needs after it.
/// </summary>
public static class OccupancyEvaluation
{
    /// <summary>Absence that makes the next presence an arrival and the presence before it a departure, s.</summary>
    public const int MinimumAbsenceSeconds = 1800;
    private const int GridSeconds = 60;

    /// <summary>
    /// The inferred and naive scores of one run over [from, to). <paramref name="live"/>: decisions use only readings
    /// received by then (the gateway's real view, delivery delay included); false: readings count from the time they
    /// were taken (the inference alone, as if every reading were delivered at once).
    /// </summary>
    public static (OccupancyScore Inferred, OccupancyScore Naive) Evaluate(IReadOnlyList<OccupancyObservation> observations,
        long[] presenceStarts, long[] presenceEnds, long fromUnixSeconds, long toUnixSeconds, OccupancyParameters parameters, HvacOccupiedPeriod schedule,
        bool live = true)
    {
        int minutes = (int)Math.Max(0, (toUnixSeconds - fromUnixSeconds) / GridSeconds);
        var grid = new long[minutes];
        for (int i = 0; i < minutes; i++) grid[i] = fromUnixSeconds + (long)i * GridSeconds;
        (OccupancyDecision[] decisions, OccupancyState[] naive) = OccupancySeries.DecideAt(observations, grid, parameters, live);
        OccupancyState[] inferred = decisions.Select(d => d.State).ToArray();
        var coverage = new OccupancySeries.Coverage(observations);
        return (Score(inferred, grid, presenceStarts, presenceEnds, fromUnixSeconds, toUnixSeconds, parameters, schedule, coverage),
                Score(naive, grid, presenceStarts, presenceEnds, fromUnixSeconds, toUnixSeconds, parameters, schedule, coverage));
    }

    private static OccupancyScore Score(OccupancyState[] states, long[] grid, long[] starts, long[] ends, long from, long to,
        OccupancyParameters parameters, HvacOccupiedPeriod schedule, OccupancySeries.Coverage coverage)
    {
        int slotSeconds = parameters.SlotSeconds;
        int slots = (int)((to - from) / slotSeconds);
        int correct = 0, occupied = 0, vacant = 0, falseVacant = 0, falseOccupied = 0, unknown = 0;
        int scheduleVacant = 0, scheduleVacantDeclared = 0, scheduleFalseVacant = 0;
        int cursor = 0;
        for (int s = 0; s < slots; s++)
        {
            long start = from + (long)s * slotSeconds;
            long end = start + slotSeconds;
            while (cursor < ends.Length && ends[cursor] <= start) cursor++;
            long present = 0;
            for (int i = cursor; i < starts.Length && starts[i] < end; i++) present += Math.Min(ends[i], end) - Math.Max(starts[i], start);
            bool truth = present * 2 >= slotSeconds;
            OccupancyState declared = states[Math.Min(states.Length - 1, (int)((start + slotSeconds / 2 - from) / GridSeconds))];
            bool inSchedule = schedule.Contains(start);
            if (truth) occupied++; else vacant++;
            if (declared == OccupancyState.Unknown) unknown++;
            else if ((declared == OccupancyState.Occupied) == truth) correct++;
            if (truth && declared == OccupancyState.Vacant) { falseVacant++; if (inSchedule) scheduleFalseVacant++; }
            if (!truth && declared == OccupancyState.Occupied) falseOccupied++;
            if (!truth && inSchedule)
            {
                scheduleVacant++;
                if (declared == OccupancyState.Vacant) scheduleVacantDeclared++;
            }
        }

        var arrivals = new List<double>();
        var departures = new List<double>();
        int allDepartures = 0;
        for (int i = 0; i < starts.Length; i++)
        {
            bool arrival = i == 0 ? starts[i] - from >= MinimumAbsenceSeconds : starts[i] - ends[i - 1] >= MinimumAbsenceSeconds;
            if (arrival && starts[i] >= from) arrivals.Add(FirstMinute(states, grid, starts[i], ends[i], OccupancyState.Occupied));
            long nextStart = i + 1 < starts.Length ? starts[i + 1] : to;
            if (nextStart - ends[i] < MinimumAbsenceSeconds || ends[i] >= to) continue;
            allDepartures++;
            long window = parameters.VacantAfterWatchedSeconds + 600;
            if (coverage.WatchedSeconds(ends[i], ends[i] + window) < 0.9 * window) continue;
            departures.Add(FirstMinute(states, grid, ends[i], nextStart, OccupancyState.Vacant));
        }
        arrivals.Sort();
        departures.Sort();
        double hoursPerSlot = slotSeconds / 3600.0;
        double eligibleHours = scheduleVacantDeclared * hoursPerSlot;
        return new OccupancyScore
        {
            SlotAccuracy = Fraction(correct, slots),
            FalseVacantFraction = Fraction(falseVacant, occupied),
            FalseOccupiedFraction = Fraction(falseOccupied, vacant),
            UnknownFraction = Fraction(unknown, slots),
            VacantHoursDeclaredFraction = Fraction(scheduleVacantDeclared, scheduleVacant),
            ArrivalLatencyP50Seconds = Percentile(arrivals, 0.50),
            ArrivalLatencyP95Seconds = Percentile(arrivals, 0.95),
            DepartureLatencyP50Seconds = Percentile(departures, 0.50),
            DepartureLatencyP95Seconds = Percentile(departures, 0.95),
            Slots = slots,
            OccupiedSlots = occupied,
            Arrivals = arrivals.Count,
            WatchedDepartures = departures.Count,
            Departures = allDepartures,
            SetbackEligibleHours = eligibleHours,
            FalseVacantScheduleHours = scheduleFalseVacant * hoursPerSlot,
            HvacSavingKilowattHours = eligibleHours * schedule.RoomKilowatts * schedule.SetbackSavingFraction,
        };
    }

    // Seconds from `from` to the first grid minute in [from, until) declaring `wanted`; +infinity when none does.
    private static double FirstMinute(OccupancyState[] states, long[] grid, long from, long until, OccupancyState wanted)
    {
        if (grid.Length == 0) return double.PositiveInfinity;
        long first = grid[0];
        int i = (int)Math.Max(0, (from - first + GridSeconds - 1) / GridSeconds);
        for (; i < grid.Length && grid[i] < until; i++)
        {
            if (states[i] == wanted) return grid[i] - from;
        }
        return double.PositiveInfinity;
    }

    private static double Fraction(int part, int whole) => whole > 0 ? (double)part / whole : 0;

    /// <summary>Nearest-rank percentile of a sorted list; NaN when empty (nothing to measure: written as null).</summary>
    public static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        int rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
