using SensorNode.Core;
using Xunit;

namespace SensorNode.Core.Tests;

/// <summary>[rtc] low_charge_sleep_seconds: the longest sleep grows at low charge on a node with the event RTC.</summary>
public class EventRtcLowChargeTests
{
    private static readonly int[] Intervals = { 15, 60, 300, 600, 900, 1800, 3600, 7200 };
    private const int Brownout = 3000, Max = 5400; // bin low: under 3480 mV; bin fair from 3480 mV

    private static SleepPlan Stretch(int intervalIndex, int millivolts, int lowChargeSeconds) =>
        EventRtc.StretchAtLowCharge(new SleepPlan { SleepSeconds = Intervals[intervalIndex] }, intervalIndex, Intervals, millivolts,
            Brownout, Max, lowChargeSeconds);

    [Theory]
    [InlineData(3100)] // critical
    [InlineData(3479)] // low, 1 mV under fair
    public void TheLongestInterval_AtLowCharge_SleepsTheLowChargeSleep(int millivolts)
    {
        Assert.Equal(86400, Stretch(7, millivolts, 86400).SleepSeconds);
    }

    [Fact]
    public void AtFairCharge_TheLongestIntervalIsKept()
    {
        Assert.Equal(7200, Stretch(7, 3480, 86400).SleepSeconds);
    }

    [Fact]
    public void AShorterInterval_IsNeverStretched()
    {
        Assert.Equal(3600, Stretch(6, 3100, 86400).SleepSeconds);
    }

    [Theory]
    [InlineData(0)]    // off
    [InlineData(7200)] // not longer than the longest interval
    public void OffOrNotLonger_KeepsThePlan(int lowChargeSeconds)
    {
        Assert.Equal(7200, Stretch(7, 3100, lowChargeSeconds).SleepSeconds);
    }

    [Fact]
    public void AStretchedSleep_KeepsTheMotionWake()
    {
        SleepPlan plan = EventRtc.StretchAtLowCharge(new SleepPlan { SleepSeconds = 7200, MotionWakeArmed = true }, 7, Intervals, 3100,
            Brownout, Max, 14400);
        Assert.True(plan.MotionWakeArmed);
        Assert.Equal(14400, plan.SleepSeconds);
    }
}
