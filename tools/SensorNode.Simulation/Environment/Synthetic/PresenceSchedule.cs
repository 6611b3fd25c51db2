namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// Draws who is present when (<see cref="PresenceModel"/>) and the PIR events that follow from it: motion only while
/// somebody is present (an event on arrival and on leaving, gamma gaps between), plus stray triggers at the profile's
/// unoccupied rates while nobody is. Draws from its own random stream for presence, so the day plans (lights, climate,
/// clouds) of a seed stay what they were before presence existed.
/// </summary>
internal static class PresenceSchedule
{
    private const int SecondsPerDay = EnvironmentTrace.SecondsPerDay;
    // Presence shorter than this (a meeting that swallowed the afternoon) is dropped.
    private const long MinimumPresenceSeconds = 60;

    /// <summary>Presence intervals of the first <paramref name="dayCount"/> plans, sorted and disjoint, clipped to [start, end).</summary>
    public static PresenceTruth Draw(SyntheticProfile profile, DayPlan[] plans, int dayCount, long start, long end, Random random)
    {
        PresenceModel model = profile.Presence;
        var starts = new List<long>();
        var ends = new List<long>();
        for (int d = 0; d < dayCount; d++)
        {
            DayPlan plan = plans[d];
            // Fixed draws per day whatever the branch, so one day's outcome never shifts the next day's numbers.
            double arrivalDraw = random.NextDouble();
            double departureDraw = random.NextDouble();
            double lunchDraw = random.NextDouble();
            double lunchStartDraw = random.NextDouble();
            double lunchLengthDraw = random.NextDouble();
            int meetings = Math.Min(4, random.Poisson(model.MeetingsPerDay));
            var meetingDraws = new double[8];
            for (int i = 0; i < meetingDraws.Length; i++) meetingDraws[i] = random.NextDouble();
            if (!plan.Occupied) continue;

            double arrivalHour = model.ArrivalFollowsLights ? plan.LightsOnHour
                : (plan.Weekend ? model.WeekendArrivalHour : model.WeekdayArrivalHour).At(arrivalDraw);
            double departureHour = plan.Weekend
                ? arrivalHour + model.WeekendStayHours.At(departureDraw)
                : Math.Max(model.WeekdayDepartureHour.At(departureDraw), arrivalHour + 1);
            if (model.ArrivalFollowsLights) departureHour = Math.Min(departureHour, plan.LightsOffHour);

            long day = plan.DayStartUnixSeconds;
            long arrival = day + (long)(arrivalHour * 3600);
            long departure = day + (long)(departureHour * 3600);
            var away = new List<(long From, long To)>();
            if (!plan.Weekend && lunchDraw < model.LunchProbability)
            {
                long lunch = day + (long)(model.LunchStartHour.At(lunchStartDraw) * 3600);
                away.Add((lunch, lunch + (long)(model.LunchMinutes.At(lunchLengthDraw) * 60)));
            }
            for (int m = 0; m < (plan.Weekend ? 0 : meetings); m++)
            {
                long length = (long)(model.MeetingMinutes.At(meetingDraws[2 * m]) * 60);
                long latest = departure - length - 1800;
                long earliest = arrival + 1800;
                if (latest <= earliest) continue;
                long from = earliest + (long)(meetingDraws[2 * m + 1] * (latest - earliest));
                away.Add((from, from + length));
            }
            away.Sort();
            long cursor = arrival;
            foreach ((long from, long to) in away)
            {
                Add(starts, ends, cursor, Math.Min(from, departure), start, end);
                cursor = Math.Max(cursor, to);
            }
            Add(starts, ends, cursor, departure, start, end);
        }
        return new PresenceTruth(starts.ToArray(), ends.ToArray());
    }

    /// <summary>PIR events: while present (arrival, gamma gaps scaled by the day's activity, leaving) and stray ones while nobody is.</summary>
    public static long[] Motion(SyntheticProfile profile, PresenceTruth presence, DayPlan[] plans, int dayCount, long start, long end,
        Random random)
    {
        PresenceModel model = profile.Presence;
        var events = new List<long>();
        int next = 0;
        // Day by day (its presence, then its stray triggers), so a longer trace draws the same numbers for the days it shares.
        for (int d = 0; d < dayCount; d++)
        {
            DayPlan plan = plans[d];
            long dayEnd = plan.DayStartUnixSeconds + SecondsPerDay;
            for (; next < presence.Starts.Length && presence.Starts[next] < dayEnd; next++)
            {
                long from = presence.Starts[next];
                long to = presence.Ends[next];
                double meanGap = model.MotionGapMeanSeconds / plan.Activity;
                long t = from + random.Next(30);                       // walking in
                while (t < to)
                {
                    if (t >= start && t < end) events.Add(t);
                    t += (long)Math.Max(1, GammaGap(random, meanGap, model.MotionGapShape));
                }
                long leaving = to - 1 - random.Next(30);
                if (leaving >= from && leaving >= start && leaving < end) events.Add(leaving);
            }
            for (int hour = 0; hour < 24; hour++)
            {
                long slot = plan.DayStartUnixSeconds + hour * 3600L;
                int n = random.Poisson(profile.Motion.Unoccupied[hour]);
                for (int k = 0; k < n; k++)
                {
                    long time = slot + random.Next(3600);
                    if (time >= start && time < end && !presence.IsPresent(time)) events.Add(time);
                }
            }
        }
        events.Sort();
        return events.ToArray();
    }

    // Gamma with integer shape k and the given mean: the sum of k exponentials of mean/k.
    private static double GammaGap(Random random, double mean, int shape)
    {
        double sum = 0;
        for (int i = 0; i < shape; i++) sum += -Math.Log(1.0 - random.NextDouble());
        return sum * mean / shape;
    }

    private static void Add(List<long> starts, List<long> ends, long from, long to, long start, long end)
    {
        from = Math.Max(from, start);
        to = Math.Min(to, end);
        if (to - from < MinimumPresenceSeconds) return;
        if (starts.Count > 0 && from <= ends[^1])
        {
            ends[^1] = Math.Max(ends[^1], to);
            return;
        }
        starts.Add(from);
        ends.Add(to);
    }
}
