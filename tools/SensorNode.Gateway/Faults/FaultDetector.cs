namespace SensorNode.Gateway.Faults;

/// <summary>
/// Finds rooms whose temperature departs from their peers' (method in docs/faults.md): hourly medians
/// where a room has data; per hour, the peers' median and robust spread; per room, day and period
/// (occupied, unoccupied), the mean deviation in spreads; two one-sided CUSUMs per period over days. A room
/// is flagged when a CUSUM crosses the threshold; the day it crossed is the alarm day, the day its run
/// started the onset. Works on irregular, gappy samples: hours and days without data are skipped, never filled.
/// </summary>
public static class FaultDetector
{
    private const double MadToSigma = 1.4826;
    /// <summary>Slope of the daily deviation since the onset that counts as drifting, degC/day.</summary>
    public const double DriftCelsiusPerDay = 0.15;

    public static FaultReport Detect(IReadOnlyList<RoomSamples> rooms, FaultDetectorOptions? options = null, long? fromUnixSeconds = null, long? toUnixSeconds = null)
    {
        options ??= new FaultDetectorOptions();
        options.Validate();
        ArgumentNullException.ThrowIfNull(rooms);
        long first = fromUnixSeconds ?? (rooms.SelectMany(r => r.UnixSeconds).DefaultIfEmpty(0).Min());
        long last = toUnixSeconds ?? (rooms.SelectMany(r => r.UnixSeconds).DefaultIfEmpty(0).Max());
        long start = first - ((first % 86_400) + 86_400) % 86_400;
        int days = Math.Max(1, (int)((last - start) / 86_400) + 1);
        int hours = days * 24;

        double[][] hourly = rooms.Select(r => HourlyMedians(r, start, hours)).ToArray();
        var median = new double[hours];
        var spread = new double[hours];
        var column = new List<double>(rooms.Count);
        for (int h = 0; h < hours; h++)
        {
            column.Clear();
            foreach (double[] room in hourly) if (!double.IsNaN(room[h])) column.Add(room[h]);
            if (column.Count < options.MinPeers) { median[h] = spread[h] = double.NaN; continue; }
            median[h] = Median(column);
            double m = median[h];
            spread[h] = Math.Max(options.SpreadFloorCelsius, MadToSigma * Median(column.Select(v => Math.Abs(v - m)).ToList()));
        }

        var verdicts = new List<RoomVerdict>();
        for (int r = 0; r < rooms.Count; r++) verdicts.Add(Judge(rooms[r], hourly[r], median, spread, start, days, options));
        verdicts = ExplainSecondary(verdicts, options);
        return new FaultReport
        {
            StartUnixSeconds = start, Days = days, PeerMedian = median, PeerSpread = spread, Options = options,
            Rooms = verdicts.OrderByDescending(v => v.Flagged).ThenByDescending(v => v.Severity).ThenBy(v => v.Room, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// A room whose every alarmed channel is matched by a stronger room's (same period and direction, onset from
    /// one day before to <see cref="FaultDetectorOptions.SecondaryOnsetDays"/> after the stronger one's: a
    /// neighbour follows, it does not lead; median deviation at most <see cref="FaultDetectorOptions.SecondaryOccupiedRatio"/>
    /// of the stronger one's in occupied hours, where the room's own thermostat fights the wall, else at most
    /// <see cref="FaultDetectorOptions.SecondaryRatio"/> of the stronger one's) is most likely its neighbour,
    /// warmed or cooled through the wall: it is kept, unflagged, with <see cref="RoomVerdict.ExplainedBy"/> set.
    /// </summary>
    private static List<RoomVerdict> ExplainSecondary(List<RoomVerdict> verdicts, FaultDetectorOptions options)
    {
        if (options.SecondaryRatio <= 0) return verdicts;
        var explainedBy = new Dictionary<RoomVerdict, RoomVerdict>();
        foreach (RoomVerdict room in verdicts)
        {
            if (!room.Flagged) continue;
            RoomVerdict? primary = verdicts.Where(other => other != room && other.Flagged).FirstOrDefault(other => room.Findings.All(f => other.Findings.Any(g =>
                g.Period == f.Period && g.Warmer == f.Warmer && f.OnsetDay - g.OnsetDay >= -1 && f.OnsetDay - g.OnsetDay <= options.SecondaryOnsetDays
                && Math.Abs(f.MedianDeviationCelsius) <= (f.Period == FaultPeriod.Occupied ? options.SecondaryOccupiedRatio : options.SecondaryRatio)
                                                         * Math.Abs(g.MedianDeviationCelsius))));
            if (primary != null) explainedBy[room] = primary;
        }
        var result = new List<RoomVerdict>(verdicts.Count);
        foreach (RoomVerdict room in verdicts)
        {
            if (!explainedBy.TryGetValue(room, out RoomVerdict? primary)) { result.Add(room); continue; }
            // A neighbour of a neighbour: name the room at the end of the chain (the fault itself).
            for (int hops = 0; explainedBy.TryGetValue(primary, out RoomVerdict? next) && hops < verdicts.Count; hops++) primary = next;
            result.Add(new RoomVerdict
            {
                Room = room.Room, NodeId = room.NodeId, Findings = [], Severity = room.Severity, Drifts = false, ExcessHeatKilowattHours = 0,
                ExcessHeatKilowattHoursPerYear = 0, HoursWithData = room.HoursWithData, Hourly = room.Hourly,
                ExplainedBy = primary.Room, SecondaryFindings = room.Findings,
            });
        }
        return result;
    }

    /// <summary>The period an hour belongs to, or null for the transition hours the CUSUMs ignore.</summary>
    public static FaultPeriod? PeriodOf(long hourStartUnixSeconds, FaultDetectorOptions options)
    {
        int hour = (int)(hourStartUnixSeconds % 86_400 / 3600);
        long day = hourStartUnixSeconds / 86_400;
        bool weekend = (day + 4) % 7 is 0 or 6; // 1970-01-01 was a Thursday (day 4 of a Sunday-based week)
        if (hour < options.NightEndHour) return FaultPeriod.Unoccupied;
        if (hour >= options.OccupiedStartHour && hour < options.OccupiedEndHour) return weekend ? FaultPeriod.Unoccupied : FaultPeriod.Occupied;
        return null;
    }

    private static RoomVerdict Judge(RoomSamples room, double[] hourly, double[] median, double[] spread, long start, int days, FaultDetectorOptions options)
    {
        // Daily mean deviation (degC) and z (in spreads) per period.
        var dayZ = new double[2][];
        var dayDev = new double[2][];
        for (int p = 0; p < 2; p++) { dayZ[p] = new double[days]; dayDev[p] = new double[days]; }
        int withData = 0;
        for (int d = 0; d < days; d++)
        {
            var sumZ = new double[2];
            var sumDev = new double[2];
            var count = new int[2];
            for (int h = d * 24; h < d * 24 + 24; h++)
            {
                if (double.IsNaN(hourly[h])) continue;
                withData++;
                if (double.IsNaN(median[h]) || PeriodOf(start + h * 3600L, options) is not FaultPeriod period) continue;
                int p = (int)period;
                sumDev[p] += hourly[h] - median[h];
                sumZ[p] += (hourly[h] - median[h]) / spread[h];
                count[p]++;
            }
            for (int p = 0; p < 2; p++)
            {
                bool enough = count[p] >= options.MinHoursPerDay;
                dayZ[p][d] = enough ? sumZ[p] / count[p] : double.NaN;
                dayDev[p][d] = enough ? sumDev[p] / count[p] : double.NaN;
            }
        }

        var findings = new List<FaultFinding>();
        double severity = 0;
        for (int p = 0; p < 2; p++)
        {
            foreach (bool warmer in new[] { true, false })
            {
                double s = 0;
                int runStart = 0, alarm = -1;
                for (int d = 0; d < days; d++)
                {
                    if (double.IsNaN(dayZ[p][d])) continue;
                    if (s == 0) runStart = d;
                    s = Math.Max(0, s + (warmer ? dayZ[p][d] : -dayZ[p][d]) - options.Slack);
                    if (s >= options.Threshold && alarm < 0) alarm = d;
                }
                severity = Math.Max(severity, s / options.Threshold);
                if (alarm < 0) continue;
                int onset = OnsetOf(dayZ[p], warmer, alarm, options.Slack, runStart);
                var since = dayDev[p].Skip(onset).Where(v => !double.IsNaN(v)).ToList();
                findings.Add(new FaultFinding((FaultPeriod)p, warmer, alarm, onset, since.Count > 0 ? Median(since) : 0));
            }
        }
        findings.Sort((a, b) => a.AlarmDay.CompareTo(b.AlarmDay));

        bool drifts = false;
        double excessKwh = 0, perYear = 0;
        if (findings.Count > 0)
        {
            int onset = findings[0].OnsetDay;
            drifts = Math.Abs(Slope(dayDev, onset, days)) > DriftCelsiusPerDay;
            double kelvinHours = 0;
            for (int h = onset * 24; h < days * 24; h++)
            {
                if (!double.IsNaN(hourly[h]) && !double.IsNaN(median[h])) kelvinHours += Math.Max(0, hourly[h] - median[h]);
            }
            int hoursCovered = Enumerable.Range(onset * 24, days * 24 - onset * 24).Count(h => !double.IsNaN(hourly[h]) && !double.IsNaN(median[h]));
            excessKwh = kelvinHours * options.RoomLossWattsPerKelvin / 1000;
            perYear = hoursCovered > 0 ? excessKwh * 8760 / hoursCovered : 0;
        }
        return new RoomVerdict
        {
            Room = room.Room, NodeId = room.NodeId, Findings = findings, Severity = severity, Drifts = drifts,
            ExcessHeatKilowattHours = excessKwh, ExcessHeatKilowattHoursPerYear = perYear, HoursWithData = withData, Hourly = hourly,
        };
    }

    /// <summary>Start of the CUSUM run that crossed at <paramref name="alarm"/>: back from the alarm to the last day it was zero.</summary>
    private static int OnsetOf(double[] z, bool warmer, int alarm, double slack, int fallback)
    {
        double s = 0;
        int runStart = 0;
        for (int d = 0; d <= alarm; d++)
        {
            if (double.IsNaN(z[d])) continue;
            if (s == 0) runStart = d;
            s = Math.Max(0, s + (warmer ? z[d] : -z[d]) - slack);
        }
        return s > 0 ? runStart : fallback;
    }

    /// <summary>Least-squares slope of the days' mean deviation (both periods) from <paramref name="from"/>, degC/day; 0 with fewer than 4 days.</summary>
    private static double Slope(double[][] dayDev, int from, int days)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int d = from; d < days; d++)
        {
            var v = new[] { dayDev[0][d], dayDev[1][d] }.Where(x => !double.IsNaN(x)).ToList();
            if (v.Count == 0) continue;
            xs.Add(d);
            ys.Add(v.Average());
        }
        if (xs.Count < 4) return 0;
        double mx = xs.Average(), my = ys.Average();
        double sxx = xs.Sum(x => (x - mx) * (x - mx));
        return sxx > 0 ? xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / sxx : 0;
    }

    /// <summary>The median of each hour's samples from <paramref name="start"/>; NaN for hours without a sample.</summary>
    public static double[] HourlyMedians(RoomSamples room, long start, int hours)
    {
        var buckets = new List<double>?[hours];
        for (int i = 0; i < room.UnixSeconds.Length; i++)
        {
            long h = (room.UnixSeconds[i] - start) / 3600;
            if (room.UnixSeconds[i] < start || h >= hours || !double.IsFinite(room.TemperatureCelsius[i])) continue;
            (buckets[h] ??= new List<double>()).Add(room.TemperatureCelsius[i]);
        }
        return buckets.Select(b => b == null ? double.NaN : Median(b)).ToArray();
    }

    /// <summary>Median of a non-empty list (sorts it).</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
