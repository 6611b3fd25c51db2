using SensorNode.Core;
using Xunit;

namespace SensorNode.Core.Tests;

/// <summary>Layout 3's motion bit made exact with the RTC's stamp: arm for an arrival, count until the quiet gap ends.</summary>
public class EventRtcArrivalTests
{
    private const long Now = 1_704_067_200;
    private const int Gap = 1800;

    private static SleepPlan Plan(int seconds, bool armed) => new SleepPlan { SleepSeconds = seconds, MotionWakeArmed = armed };

    [Fact]
    public void AQuietRoom_StaysArmed_ForTheWholeInterval()
    {
        SleepPlan plan = EventRtc.WatchForArrivals(Plan(7200, true), true, Now, Now - Gap, Gap);
        Assert.True(plan.MotionWakeArmed);
        Assert.Equal(7200, plan.SleepSeconds);
    }

    [Fact]
    public void RecentMotion_CountsUntilTheGapEnds_ThenTheNextWakeCanArm()
    {
        SleepPlan plan = EventRtc.WatchForArrivals(Plan(7200, true), true, Now, Now - 600, Gap);
        Assert.False(plan.MotionWakeArmed);
        Assert.Equal(Gap - 600, plan.SleepSeconds);

        // The wake at the gap's end: no motion since, so the next motion is an arrival.
        SleepPlan next = EventRtc.WatchForArrivals(Plan(7200, true), true, Now + Gap - 600, Now - 600, Gap);
        Assert.True(next.MotionWakeArmed);
    }

    [Fact]
    public void AShorterInterval_IsKept_AndOnlyCounts()
    {
        SleepPlan plan = EventRtc.WatchForArrivals(Plan(300, true), true, Now, Now - 600, Gap);
        Assert.False(plan.MotionWakeArmed);
        Assert.Equal(300, plan.SleepSeconds);
    }

    [Fact]
    public void WithinAMinuteOfTheGapsEnd_ItStaysArmed_RatherThanPayABootForTheRest()
    {
        SleepPlan plan = EventRtc.WatchForArrivals(Plan(7200, true), true, Now, Now - Gap + EventRtc.MinimumCountingSleepSeconds, Gap);
        Assert.True(plan.MotionWakeArmed);
        Assert.Equal(7200, plan.SleepSeconds);
    }

    [Theory]
    [InlineData(false, true, Now - 600)]   // the table (or an unknown voltage) says count: nothing to make exact
    [InlineData(true, false, Now - 600)]   // no wall time: the gap cannot be measured
    [InlineData(true, true, 0)]            // no motion known yet: any motion is an arrival
    [InlineData(true, true, Now + 60)]     // a stamp ahead of the clock: not trusted
    public void WithoutWhatItNeeds_ThePlanIsLeftAsItIs(bool armed, bool timeKnown, long lastMotion)
    {
        SleepPlan plan = EventRtc.WatchForArrivals(Plan(7200, armed), timeKnown, Now, lastMotion, Gap);
        Assert.Equal(armed, plan.MotionWakeArmed);
        Assert.Equal(7200, plan.SleepSeconds);
    }
}
