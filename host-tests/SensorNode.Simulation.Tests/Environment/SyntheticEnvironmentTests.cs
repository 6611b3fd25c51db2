using SensorNode.Simulation.Environment;
using Xunit.Abstractions;

namespace SensorNode.Simulation.Tests.Environment;

/// <summary>
/// The synthetic profiles against the statistics they were calibrated on (docs/environment.md).
/// The targets are the traces' numbers, written here, so these tests need no shared data.
/// </summary>
public class SyntheticEnvironmentTests
{
    // 2024-01-01 00:00:00, a Monday.
    private const long Monday = 1_704_067_200;
    // 2018-03-24 00:00:00, the first day of the aces-2124 trace.
    private const long AcesStart = 1_521_849_600;
    private const int Day = 86_400;

    // ff66 on a 1-minute grid: weekday lux median by hour, and events per day.
    private static readonly float[] Ff66WeekdayMedianByHour =
        { 5, 5, 5, 5, 5, 5, 5, 12, 169, 223, 440, 415, 386, 343, 320, 296, 278, 270, 262, 260, 5, 5, 5, 5 };
    private const double Ff66EventsPerDay = 1153 / 34.53;
    private const double Ff66EventsPerWeekday = 38.9;
    private const double Ff66EventsPerWeekendDay = 18.1;
    private const double Ff66WeekdayMeanLux = 165.1;

    // aces-2124 (capped at 2000 lx): median by hour, mean, minutes above 10 lx per day.
    private static readonly float[] AcesMedianByHour =
        { 0, 0, 0, 0, 0, 0, 89, 708, 1751, 2000, 2000, 2000, 1995, 2000, 2000, 2000, 2000, 2000, 1208, 214, 0, 0, 0, 0 };
    private const double AcesCappedMeanLux = 909;
    private const double AcesMinutesAbove10LuxPerDay = 840;

    private readonly ITestOutputHelper _output;

    public SyntheticEnvironmentTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(SyntheticProfileKind.Office)]
    [InlineData(SyntheticProfileKind.Corridor)]
    [InlineData(SyntheticProfileKind.WindowSide)]
    public void Generate_SameSeed_GivesIdenticalArrays(SyntheticProfileKind kind)
    {
        EnvironmentTrace a = SyntheticEnvironment.Generate(kind, Monday, 14, seed: 7);
        EnvironmentTrace b = SyntheticEnvironment.Generate(kind, Monday, 14, seed: 7);

        Assert.Equal(a.IlluminanceLux, b.IlluminanceLux);
        Assert.Equal(a.TemperatureCelsius, b.TemperatureCelsius);
        Assert.Equal(a.HumidityPercent, b.HumidityPercent);
        Assert.Equal(a.MotionEventUnixSeconds, b.MotionEventUnixSeconds);
    }

    [Theory]
    [InlineData(SyntheticProfileKind.Office)]
    [InlineData(SyntheticProfileKind.Corridor)]
    [InlineData(SyntheticProfileKind.WindowSide)]
    public void Generate_DifferentSeed_GivesDifferentArrays(SyntheticProfileKind kind)
    {
        EnvironmentTrace a = SyntheticEnvironment.Generate(kind, Monday, 14, seed: 7);
        EnvironmentTrace b = SyntheticEnvironment.Generate(kind, Monday, 14, seed: 8);

        Assert.NotEqual(a.IlluminanceLux, b.IlluminanceLux);
        Assert.NotEqual(a.TemperatureCelsius, b.TemperatureCelsius);
        Assert.NotEqual(a.MotionEventUnixSeconds, b.MotionEventUnixSeconds);
    }

    [Fact]
    public void Generate_LongerTrace_StartsWithTheShorterOne()
    {
        EnvironmentTrace shortTrace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 28, seed: 3);
        EnvironmentTrace longTrace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 56, seed: 3);
        EnvironmentTrace prefix = longTrace.Slice(0, 27);

        Assert.Equal(shortTrace.IlluminanceLux, prefix.IlluminanceLux);
        Assert.Equal(shortTrace.TemperatureCelsius, prefix.TemperatureCelsius);
        Assert.Equal(shortTrace.MotionEventUnixSeconds, prefix.MotionEventUnixSeconds);
    }

    [Fact]
    public void Generate_GridCoversTheRequestedDays()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday + 3600, 3, seed: 1, stepSeconds: 300);

        Assert.Equal(Monday + 3600, trace.StartUnixSeconds);
        Assert.Equal(300, trace.StepSeconds);
        Assert.Equal(3 * Day / 300, trace.StepCount);
        Assert.Equal(Monday + 3600 + 3 * Day, trace.EndUnixSeconds);
        Assert.All(trace.MotionEventUnixSeconds, t => Assert.InRange(t, trace.StartUnixSeconds, trace.EndUnixSeconds - 1));
        Assert.Equal("office-seed1", trace.Name);
        Assert.StartsWith("synthetic:office", trace.Diagnostics.SourcePath);
    }

    [Fact]
    public void Office_EventsPerDayOverFourWeeks_MatchFf66()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 28, seed: 1);

        double perDay = trace.MotionEventUnixSeconds.Length / 28.0;
        _output.WriteLine($"office: {perDay:0.0} events/day (ff66 {Ff66EventsPerDay:0.0})");

        Assert.InRange(perDay, Ff66EventsPerDay * 0.85, Ff66EventsPerDay * 1.15);
    }

    [Fact]
    public void Office_WeekdayAndWeekendActivity_MatchFf66()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 364, seed: 2);
        var (weekday, weekend) = EventsPerDayByKind(trace);
        var byHour = new double[24];
        foreach (long t in trace.MotionEventUnixSeconds) byHour[t % Day / 3600]++;
        _output.WriteLine($"office: weekday {weekday:0.0}/day (ff66 {Ff66EventsPerWeekday}), weekend {weekend:0.0}/day (ff66 {Ff66EventsPerWeekendDay})");

        Assert.InRange(weekday, Ff66EventsPerWeekday * 0.9, Ff66EventsPerWeekday * 1.1);
        Assert.InRange(weekend, Ff66EventsPerWeekendDay * 0.8, Ff66EventsPerWeekendDay * 1.2);
        // ff66's busiest hours are 11-18 h; 2-6 h see almost nothing.
        Assert.True(Enumerable.Range(11, 7).All(h => byHour[h] > 10 * Enumerable.Range(2, 5).Sum(n => byHour[n])));
    }

    [Fact]
    public void Office_WeekdayLightMedianByHour_MatchesFf66()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 56, seed: 4);
        float[] medians = MedianByHour(trace, weekdaysOnly: true, capLux: float.MaxValue);
        _output.WriteLine("office weekday median by hour: " + string.Join(", ", medians.Select(m => m.ToString("0"))));

        // Hours where the lamps are reliably off (0-6, 21-23) or on (10-18); 7-9 and 19-20 h are switching times.
        foreach (int hour in Enumerable.Range(0, 7).Concat(Enumerable.Range(21, 3)))
            Assert.InRange(medians[hour], 4f, 6f);
        foreach (int hour in Enumerable.Range(10, 9))
            Assert.InRange(medians[hour], Ff66WeekdayMedianByHour[hour] * 0.88f, Ff66WeekdayMedianByHour[hour] * 1.12f);

        double weekdayMean = WeekdayValues(trace).Average();
        _output.WriteLine($"office weekday mean {weekdayMean:0} lx (ff66 {Ff66WeekdayMeanLux})");
        Assert.InRange(weekdayMean, Ff66WeekdayMeanLux * 0.85, Ff66WeekdayMeanLux * 1.15);
    }

    [Fact]
    public void WindowSide_CappedLikeTheAcesSensor_MatchesAcesByHour()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.WindowSide, AcesStart, 94, seed: 5);
        float[] medians = MedianByHour(trace, weekdaysOnly: false, capLux: 2000);
        double cappedMean = trace.IlluminanceLux.Average(l => Math.Min(l, 2000.0));
        double minutesAbove10 = trace.IlluminanceLux.Count(l => l >= 10) / 94.0 * 60 / trace.StepSeconds;
        _output.WriteLine("window-side median by hour (capped): " + string.Join(", ", medians.Select(m => m.ToString("0"))));
        _output.WriteLine($"capped mean {cappedMean:0} lx (aces {AcesCappedMeanLux}), {minutesAbove10:0} min/day above 10 lx (aces {AcesMinutesAbove10LuxPerDay}), max {trace.IlluminanceLux.Max():0} lx");

        for (int hour = 0; hour < 24; hour++) Assert.InRange(medians[hour], AcesMedianByHour[hour] - 350, AcesMedianByHour[hour] + 350);
        Assert.InRange(cappedMean, AcesCappedMeanLux * 0.9, AcesCappedMeanLux * 1.1);
        Assert.InRange(minutesAbove10, AcesMinutesAbove10LuxPerDay * 0.93, AcesMinutesAbove10LuxPerDay * 1.07);
        Assert.InRange(trace.IlluminanceLux.Max(), 3000f, 4100f); // uncapped clear noons are in the thousands
    }

    [Fact]
    public void WindowSide_DaylightFollowsTheSeason()
    {
        // 2018-06-21 and 2018-12-21: the summer day is longer and brighter in total.
        EnvironmentTrace june = SyntheticEnvironment.Generate(SyntheticProfileKind.WindowSide, AcesStart + 89L * Day, 1, seed: 1);
        EnvironmentTrace december = SyntheticEnvironment.Generate(SyntheticProfileKind.WindowSide, AcesStart + 272L * Day, 1, seed: 1);

        int juneLit = june.IlluminanceLux.Count(l => l >= 10);
        int decemberLit = december.IlluminanceLux.Count(l => l >= 10);

        Assert.InRange(juneLit / 60.0, 14.0, 15.5);    // 14.2 h day + 0.6 h twilight at 32.9 N
        Assert.InRange(decemberLit / 60.0, 9.5, 11.0); // 10.0 h + 0.6 h
    }

    // Generator unit test: the 150 lx, 10 lx at night and "3x the office's motion" are the corridor's own assumptions
    // (SyntheticCalibration), not statistics of a trace; the *_MatchFf66 tests are the validation.
    [Fact]
    public void Corridor_Generator_ObeysItsAssumptions_LitLongerAtLowerLuxAndBusier()
    {
        EnvironmentTrace corridor = SyntheticEnvironment.Generate(SyntheticProfileKind.Corridor, Monday, 28, seed: 6);
        EnvironmentTrace office = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 28, seed: 6);
        float[] medians = MedianByHour(corridor, weekdaysOnly: true, capLux: float.MaxValue);

        foreach (int hour in Enumerable.Range(8, 12)) Assert.InRange(medians[hour], 140f, 160f);
        Assert.InRange(medians[3], 9f, 11f);
        Assert.InRange(corridor.MotionEventUnixSeconds.Length, 2.5 * office.MotionEventUnixSeconds.Length, 3.5 * office.MotionEventUnixSeconds.Length);
    }

    // Generator unit test: the means are SyntheticCalibration's inputs (from ff22/ff90), so this shows the generator obeys
    // them, not that they are right.
    [Theory]
    [InlineData(SyntheticProfileKind.Office, 22.4, 55.6)]
    [InlineData(SyntheticProfileKind.WindowSide, 21.8, 59.5)]
    public void Climate_Generator_ObeysItsCalibratedLevelAndDailyCycle(SyntheticProfileKind kind, double meanCelsius, double meanHumidity)
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(kind, Monday, 140, seed: 9);
        double[] byHour = new double[24];
        for (int i = 0; i < trace.StepCount; i++) byHour[i * trace.StepSeconds % Day / 3600] += trace.TemperatureCelsius[i] / (trace.StepCount / 24.0);

        Assert.InRange(trace.TemperatureCelsius.Average(), meanCelsius - 0.7, meanCelsius + 0.7);
        Assert.InRange(trace.HumidityPercent.Average(), meanHumidity - 3, meanHumidity + 3);
        Assert.All(trace.HumidityPercent, h => Assert.InRange(h, 0f, 100f));
        Assert.InRange(Array.IndexOf(byHour, byHour.Max()), 16, 17); // warmest around 17 h, as ff22/ff90
        Assert.InRange(byHour.Max() - byHour.Min(), 2.0, 4.5);
    }

    [Theory]
    [InlineData("office", SyntheticProfileKind.Office)]
    [InlineData(" Corridor ", SyntheticProfileKind.Corridor)]
    [InlineData("window-side", SyntheticProfileKind.WindowSide)]
    [InlineData("WINDOW", SyntheticProfileKind.WindowSide)]
    public void Parse_AcceptsTheProfileNames(string name, SyntheticProfileKind expected)
    {
        Assert.Equal(expected, SyntheticEnvironment.Parse(name));
        Assert.Equal(expected, SyntheticEnvironment.Parse(SyntheticEnvironment.Name(expected)));
    }

    [Fact]
    public void Parse_UnknownName_ThrowsListingTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticEnvironment.Parse("lab"));

        Assert.Contains("office, corridor or window-side", error.Message);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 0)]
    [InlineData(1, 86_401)]
    public void Generate_RejectsBadDaysOrStep(int days, int step)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, days, 1, step));
    }

    private static bool IsWeekend(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static (double Weekday, double Weekend) EventsPerDayByKind(EnvironmentTrace trace)
    {
        int weekendDays = Enumerable.Range(0, trace.DayCount).Count(d => IsWeekend(trace.FirstDayStartUnixSeconds + (long)d * Day));
        int weekendEvents = trace.MotionEventUnixSeconds.Count(IsWeekend);
        return ((trace.MotionEventUnixSeconds.Length - weekendEvents) / (double)(trace.DayCount - weekendDays),
            weekendEvents / (double)weekendDays);
    }

    private static IEnumerable<float> WeekdayValues(EnvironmentTrace trace) =>
        trace.IlluminanceLux.Where((_, i) => !IsWeekend(trace.StartUnixSeconds + (long)i * trace.StepSeconds));

    private static float[] MedianByHour(EnvironmentTrace trace, bool weekdaysOnly, float capLux)
    {
        var byHour = Enumerable.Range(0, 24).Select(_ => new List<float>()).ToArray();
        for (int i = 0; i < trace.StepCount; i++)
        {
            long t = trace.StartUnixSeconds + (long)i * trace.StepSeconds;
            if (weekdaysOnly && IsWeekend(t)) continue;
            byHour[t % Day / 3600].Add(Math.Min(trace.IlluminanceLux[i], capLux));
        }
        return byHour.Select(values => values.Order().ElementAt(values.Count / 2)).ToArray();
    }
}
