using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Reporting;

public sealed class PlotTimeTests
{
    [Fact]
    public void X_IsTheOleAutomationDateOfTheUtcTime()
        => Assert.Equal(new DateTime(2026, 3, 1, 6, 0, 0, DateTimeKind.Utc).ToOADate(), PlotTime.X(SyntheticRun.Start + 6 * 3600));

    [Theory]
    [InlineData(SyntheticRun.Start, SyntheticRun.Start)]
    [InlineData(SyntheticRun.Start + 86_399, SyntheticRun.Start)]
    [InlineData(SyntheticRun.Start + 86_400, SyntheticRun.Start + 86_400)]
    [InlineData(-1, -86_400)]
    public void DayStart_IsTheUtcMidnightAtOrBefore(long unixSeconds, long expected)
        => Assert.Equal(expected, PlotTime.DayStart(unixSeconds));

    [Fact]
    public void Span_CoversEveryListInTheTimeline()
    {
        var timeline = new NodeTimeline { StartUnixSeconds = SyntheticRun.Start };
        timeline.MissedEventTimes.Add(SyntheticRun.Start + 500);
        timeline.BrownoutTimes.Add(SyntheticRun.Start + 900);
        timeline.CapturedEventTimes.Add(SyntheticRun.Start - 100);

        Assert.Equal((SyntheticRun.Start - 100, SyntheticRun.Start + 900), PlotTime.Span(timeline));
    }

    [Fact]
    public void Span_OfAnEmptyTimeline_IsItsStart()
        => Assert.Equal((SyntheticRun.Start, SyntheticRun.Start), PlotTime.Span(new NodeTimeline { StartUnixSeconds = SyntheticRun.Start }));

    [Fact]
    public void Limits_GiveAnHourEitherSide_WhenTheSpanIsEmpty()
    {
        (double left, double right) = PlotTime.Limits(SyntheticRun.Start, SyntheticRun.Start);

        Assert.Equal(2.0 / 24, right - left, 9);
    }

    [Fact]
    public void EventsPerDay_CountsByUtcDay_MidnightStartingTheNextDay()
    {
        long[] times = { SyntheticRun.Start, SyntheticRun.Start + 86_399, SyntheticRun.Start + 86_400, SyntheticRun.Start + 3 * 86_400 + 5 };

        Assert.Equal(new[] { 2, 1, 0, 1 }, EventsPlot.PerDay(times, SyntheticRun.Start, days: 4));
    }
}
