using SensorNode.Simulation.Deployment;

namespace SensorNode.Simulation.Tests.Deployment;

public sealed class CensoredHistoryTests
{
    private const long Monday = 1_727_654_400; // 2024-09-30 00:00, a Monday
    private const int Interval = 600;

    // Two days of readings every 10 min: Monday watched with one event per reading from 09:00 to 17:00; Tuesday as given.
    private static List<HistoryReading> TwoDays(int? tuesdayArmedSeconds, int tuesdayMotion = 0)
    {
        var list = new List<HistoryReading>();
        for (long t = Monday; t <= Monday + 2 * 86_400; t += Interval)
        {
            bool tuesday = t > Monday + 86_400;
            int hour = (int)((t % 86_400) / 3600);
            bool busy = hour >= 9 && hour < 17;
            list.Add(tuesday
                ? new HistoryReading(t, 200, 21, 45, busy ? tuesdayMotion : 0, tuesdayArmedSeconds, false)
                : new HistoryReading(t, 200, 21, 45, busy ? 1 : 0, Interval, false));
        }
        return list;
    }

    private static int EventsBetween(HistoryTrace h, long from, long to) => h.Trace.MotionEventsBetween(from, to);

    [Fact]
    public void Weekdays_AreTheSites_NotUtcs()
    {
        long saturday0200Utc = Monday + 5 * 86_400 + 2 * 3600;   // Friday 21:00 in New York (UTC-5)
        Assert.Equal(1, CensoredHistory.DayType(saturday0200Utc));
        Assert.Equal(0, CensoredHistory.DayType(saturday0200Utc, utcOffsetSeconds: -5 * 3600));
        Assert.Equal(1, CensoredHistory.DayType(saturday0200Utc + 3 * 3600, utcOffsetSeconds: -5 * 3600)); // Saturday 00:00 there
        Assert.Equal(0, CensoredHistory.DayType(Monday - 3600, utcOffsetSeconds: 2 * 3600));                 // Monday 01:00 in Athens
    }

    [Fact]
    public void ABlindFridayEvening_GetsTheWeekdaysRate_OnTheSitesClock()
    {
        // Watched: Monday to Thursday with one event per reading 19:00-22:00 local (UTC-5), and a quiet watched weekend
        // (Saturday, Sunday local). Friday local is blind. Its evening is Saturday in UTC: on UTC's calendar it would
        // take the quiet weekend's rate.
        const int offset = -5 * 3600;
        var readings = new List<HistoryReading>();
        for (long t = Monday; t <= Monday + 7 * 86_400; t += Interval)
        {
            long site = t + offset;
            int weekday = (int)((((site - Monday) / 86_400) % 7 + 7) % 7); // 0 = Monday (the site's)
            int hour = (int)(((site % 86_400) + 86_400) % 86_400 / 3600);
            bool evening = weekday < 4 && hour >= 19 && hour < 22;
            readings.Add(new HistoryReading(t, 200, 21, 45, evening ? 1 : 0, weekday == 4 ? 0 : Interval, false));
        }
        long fridayEvening = Monday + 4 * 86_400 + 19 * 3600 - offset;

        HistoryTrace local = CensoredHistory.Build("t", readings, Monday, Monday + 7 * 86_400, seed: 3, utcOffsetSeconds: offset);
        HistoryTrace utc = CensoredHistory.Build("t", readings, Monday, Monday + 7 * 86_400, seed: 3);

        Assert.InRange(local.Trace.MotionEventsBetween(fridayEvening, fridayEvening + 3 * 3600), 8, 30); // 6 an hour for 3 h: 18 expected
        Assert.Equal(0, utc.Trace.MotionEventsBetween(fridayEvening, fridayEvening + 3 * 3600));
    }

    [Fact]
    public void ADisarmedDay_IsNotNoMotion_ItGetsTheWatchedDaysPatternByHour()
    {
        HistoryTrace h = CensoredHistory.Build("t", TwoDays(tuesdayArmedSeconds: 0), Monday, Monday + 2 * 86_400, seed: 3);

        int tuesdayWorkHours = EventsBetween(h, Monday + 86_400 + 9 * 3600, Monday + 86_400 + 17 * 3600);
        int tuesdayNight = EventsBetween(h, Monday + 86_400, Monday + 86_400 + 8 * 3600);
        Assert.InRange(tuesdayWorkHours, 25, 75); // Monday's rate, 6 per hour for 8 h: 48 expected
        Assert.Equal(0, tuesdayNight); // Monday's nights were watched and empty
        Assert.Equal(tuesdayWorkHours + EventsBetween(h, Monday + 86_400 + 17 * 3600, Monday + 2 * 86_400), h.EventsImputed);
        Assert.InRange(h.WatchedFraction, 0.45, 0.55);
    }

    [Fact]
    public void AnUnknownArmedTime_IsBlindToo_AWatchedQuietDayStaysQuiet()
    {
        HistoryTrace unknown = CensoredHistory.Build("t", TwoDays(tuesdayArmedSeconds: null), Monday, Monday + 2 * 86_400, seed: 3);
        HistoryTrace watchedQuiet = CensoredHistory.Build("t", TwoDays(tuesdayArmedSeconds: Interval), Monday, Monday + 2 * 86_400, seed: 3);

        Assert.True(EventsBetween(unknown, Monday + 86_400, Monday + 2 * 86_400) > 20);
        Assert.Equal(0, EventsBetween(watchedQuiet, Monday + 86_400, Monday + 2 * 86_400));
        Assert.Equal(0, watchedQuiet.EventsImputed);
        Assert.Equal(48, watchedQuiet.EventsObserved);
    }

    [Fact]
    public void ABrownOut_MakesItsIntervalBlind_EvenWhenTheCountSaysZero()
    {
        var readings = TwoDays(tuesdayArmedSeconds: Interval);
        int index = readings.FindIndex(r => r.UnixSeconds == Monday + 86_400 + 12 * 3600);
        // The node died at 10:00 and came back at 12:00: one reading after the gap, flagged, watched 0 s.
        readings.RemoveAll(r => r.UnixSeconds > Monday + 86_400 + 10 * 3600 && r.UnixSeconds < Monday + 86_400 + 12 * 3600);
        readings[readings.FindIndex(r => r.UnixSeconds == Monday + 86_400 + 12 * 3600)] = new HistoryReading(Monday + 86_400 + 12 * 3600, 200, 21, 45, 0, 0, true);

        HistoryTrace h = CensoredHistory.Build("t", readings, Monday, Monday + 2 * 86_400, seed: 5);

        Assert.True(index > 0);
        Assert.InRange(EventsBetween(h, Monday + 86_400 + 10 * 3600, Monday + 86_400 + 12 * 3600), 3, 25); // 12 expected
        Assert.Equal(h.EventsImputed, EventsBetween(h, Monday + 86_400 + 10 * 3600, Monday + 86_400 + 12 * 3600));
    }

    [Fact]
    public void LightBetweenWakes_IsInterpolated_WithHalfTheChangeAsItsUncertainty()
    {
        HistoryReading[] readings =
        [
            new(Monday, 100, 20, 40, 0, null, false),
            new(Monday + 3600, 300, 22, 50, 0, 3600, false),
            new(Monday + 7200, 300, 22, 50, 0, 3600, false),
        ];

        HistoryTrace h = CensoredHistory.Build("t", readings, Monday, Monday + 3 * 3600, seed: 1);

        Assert.Equal(100 + 200 * 1830 / 3600.0, h.Trace.IlluminanceAt(Monday + 1800), 0.01); // the step's midpoint, 1830 s in
        Assert.Equal(21, h.Trace.TemperatureAt(Monday + 1800), 0.1);
        Assert.Equal(100, h.LightSpreadLux[h.Trace.StepIndex(Monday + 1800)], 0.5);
        Assert.Equal(300, h.Trace.IlluminanceAt(Monday + 5400), 0.5);
        Assert.Equal(0, h.LightSpreadLux[h.Trace.StepIndex(Monday + 5400)]);
        Assert.Equal(300, h.Trace.IlluminanceAt(Monday + 3 * 3600 - 30), 0.5); // held after the last reading
        Assert.InRange(h.StressLightScale, CensoredHistory.MinStressLightScale, 0.8);
    }

    [Fact]
    public void TheEventRtcsAges_SpreadACountOverItsInterval()
    {
        HistoryReading[] readings =
        [
            new(Monday, 100, 20, 40, 0, null, false),
            new(Monday + 3600, 100, 20, 40, 3, 3600, false, FirstMotionAgeSeconds: 1200, LastMotionAgeSeconds: 0),
        ];

        HistoryTrace h = CensoredHistory.Build("t", readings, Monday, Monday + 7200, seed: 1);

        Assert.Equal(3, h.EventsObserved);
        Assert.Equal(new long[] { Monday + 2400, Monday + 3000, Monday + 3600 }, h.Trace.MotionEventUnixSeconds.Where(t => t <= Monday + 3600).ToArray());
    }
}
