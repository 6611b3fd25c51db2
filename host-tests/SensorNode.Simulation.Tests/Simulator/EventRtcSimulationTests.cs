using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Simulator;

/// <summary>The event RTC through the real core and the simulator (docs/hardware.md "Event RTC").</summary>
public class EventRtcSimulationTests
{
    private const long Start = 1_704_067_200; // 2024-01-01, a Monday

    private static NodeConfig Config(bool rtc)
    {
        var config = new NodeConfig();
        config.RtcFitted = rtc;
        return config;
    }

    private static HardwareProfile Profile(double rcDriftPpm)
    {
        string json = HardwareProfile.DefaultJson().Replace("\"rc_clock_drift_ppm\": { \"value\": 0,", $"\"rc_clock_drift_ppm\": {{ \"value\": {rcDriftPpm},");
        return HardwareProfile.Parse(json, "test");
    }

    private static SimulationMetrics Run(bool rtc, double rcDriftPpm = 0, int days = 7)
    {
        var setup = new SimulationSetup
        {
            Config = Config(rtc),
            Profile = Profile(rcDriftPpm),
            Environment = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Start, days, seed: 3),
        };
        return new NodeSimulator(setup, 0, recordTimeline: false).Run().Metrics;
    }

    [Fact]
    public void WithTheRtc_MotionIsCountedWithoutWakingForIt()
    {
        SimulationMetrics without = Run(rtc: false);
        SimulationMetrics with = Run(rtc: true);

        Assert.True(with.EventsTotal > 50, $"{with.EventsTotal} events");
        Assert.True(with.EventsCaptured >= 0.99 * with.EventsTotal, $"rtc: {with.EventsCaptured} of {with.EventsTotal} counted");
        Assert.True(with.MotionWakes < without.MotionWakes / 2, $"motion wakes {without.MotionWakes} -> {with.MotionWakes}");
        Assert.True(with.Brownouts <= without.Brownouts);
    }

    [Fact]
    public void TheRcClockDrifts_TheRtcKeepsTimeUnderTwoSecondsADay()
    {
        SimulationMetrics rc = Run(rtc: false, rcDriftPpm: 20_000);
        SimulationMetrics crystal = Run(rtc: true, rcDriftPpm: 20_000);

        Assert.True(rc.TimeDriftSecondsPerDay > 100, $"RC clock: {rc.TimeDriftSecondsPerDay:F1} s/day");
        Assert.True(crystal.TimeDriftSecondsPerDay < 2, $"RTC: {crystal.TimeDriftSecondsPerDay:F2} s/day");
    }

    [Fact]
    public void AWake_ReadsTheCountAndStamp_AndTakesItsTimeFromTheRtc_WhenTheChipLostIts()
    {
        var node = new SimulatedNode(Config(rtc: true), Start * 1000, seed: 1);
        node.Wake(WakeCause.PowerOn);
        // A transmitting wake sets the RTC after SNTP (EventRtc.SyncFrom); here the driver does it directly.
        Assert.True(new Core.Drivers.Rv3028Clock(node.Rtc!).TrySetTime(node.Clock.NowUnixMilliseconds / 1000));
        node.SleepFor(60_000);
        WakeReport first = node.Wake(WakeCause.Timer);
        Assert.Equal(0, first.RtcEvents);

        long now = node.Clock.NowUnixMilliseconds;
        node.Rtc!.Event(now + 100_000, 0);
        node.Rtc.Event(now + 200_000, 1);
        node.SleepFor(300_000);
        node.Clock.WallTimeValid = false; // as after a brown-out: only the RTC still knows the time
        WakeReport second = node.Wake(WakeCause.Timer);

        Assert.Equal(2, second.RtcEvents);
        Assert.False(second.RtcFault);
        Assert.NotEqual(0, second.ReadingUnixSeconds);
        Assert.InRange(second.ReadingUnixSeconds - node.CoreStartUnixMilliseconds / 1000, -2, 2);
        Assert.Equal(new[] { 0, 1 }, node.Rtc.TakeDrained());
    }
    [Fact]
    public void MotionInTheLastSleep_IsCountedByTheRtc_NotChargedAsAMiss()
    {
        // A layout-3 table that never wakes on motion and sleeps 30 min: the last event, a minute before the run
        // ends, is still in the RTC's counter (read at the next wake, after the run). Counted, not delivered.
        var quiet = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Start, 2, seed: 3);
        long[] events = quiet.MotionEventUnixSeconds.Append(quiet.EndUnixSeconds - 60).ToArray();
        var environment = new EnvironmentTrace("office-last-event", quiet.StartUnixSeconds, quiet.StepSeconds, quiet.IlluminanceLux,
            quiet.TemperatureCelsius, quiet.HumidityPercent, events, quiet.Diagnostics);
        byte[] codes = Enumerable.Repeat((byte)7, StateEncoder.StateCount).ToArray();
        var setup = new SimulationSetup
        {
            Config = Config(rtc: true),
            Profile = Profile(0),
            Environment = environment,
            Policy = PolicySpec.FromTable("count-only", PolicyTable.FromActionCodesFor(7, codes, StateEncoder.RtcLayoutId)),
        };
        NodeRunResult run = new NodeSimulator(setup, 0, recordTimeline: true).Run();

        Assert.Equal(0, run.Metrics.Brownouts);
        Assert.Equal(events.Length, run.Metrics.EventsCaptured);
        Assert.Empty(run.Timeline!.MissedEventTimes);
        Assert.True(run.Metrics.EventsDelivered < events.Length, "the held event has not reached the broker");
    }
    [Fact]
    public void AWakeAfterRecentMotion_CountsUntilTheArrivalGapEnds_ThenArmsForTheArrival()
    {
        // A layout-3 table that always asks for the motion wake and sleeps 7200 s (interval index 7).
        byte[] codes = Enumerable.Repeat((byte)(7 | PolicyTable.MotionBit), StateEncoder.StateCount).ToArray();
        PolicyTable table = PolicyTable.FromActionCodesFor(7, codes, StateEncoder.RtcLayoutId);
        var node = new SimulatedNode(Config(rtc: true), Start * 1000, seed: 1);
        int gap = node.Config.ServiceArrivalGapMinutes * 60;
        node.Wake(WakeCause.PowerOn, table);
        Assert.True(new Core.Drivers.Rv3028Clock(node.Rtc!).TrySetTime(node.Clock.NowUnixMilliseconds / 1000));
        node.SleepFor(60_000);
        Assert.True(node.Wake(WakeCause.Timer, table).Plan.MotionWakeArmed, "no motion known: the next motion is an arrival");

        long motionMs = node.Clock.NowUnixMilliseconds + 100_000;
        node.Rtc!.Event(motionMs, 0);
        node.SleepFor(300_000);
        WakeReport counted = node.Wake(WakeCause.Timer, table);
        Assert.Equal(1, counted.RtcEvents);
        Assert.False(counted.Plan.MotionWakeArmed);
        long gapEndsAt = motionMs / 1000 + gap;
        Assert.InRange(node.Clock.NowUnixMilliseconds / 1000 + counted.Plan.SleepSeconds, gapEndsAt - 2, gapEndsAt + 2);

        node.SleepFor(counted.Plan.SleepSeconds * 1000L);
        WakeReport atGapEnd = node.Wake(WakeCause.Timer, table);
        Assert.True(atGapEnd.Plan.MotionWakeArmed);
        Assert.Equal(7200, atGapEnd.Plan.SleepSeconds);
    }

    [Fact]
    public void WithTheRtc_EachReadingIsWatchedToItsEnd_AndItsLastMotionStampIsTheLastEventOfItsInterval()
    {
        // What occupancy rests on (docs/occupancy.md): a counting sleep watches the room as well as an armed one, and
        // the RTC's stamp places the interval's last motion where it happened, not at the wake.
        EnvironmentTrace env = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Start, 7, seed: 3);
        var setup = new SimulationSetup { Config = Config(rtc: true), Profile = Profile(0), Environment = env };
        IReadOnlyList<ObservedReading> readings = new NodeSimulator(setup, 0, recordTimeline: false).Run().Readings;

        var placed = readings.Where(r => r is { Brownout: false, TimeUnknown: false } && r.ArmedSeconds > 0).ToList();
        Assert.True(placed.Count > 20, $"{placed.Count} watched readings");
        var withMotion = placed.Where(r => r.MotionEvents > 0 && r.LastMotionAgeSeconds >= 0).ToList();
        Assert.True(withMotion.Count > 10, $"{withMotion.Count} readings with a stamped motion");
        foreach (ObservedReading r in withMotion)
        {
            long stamped = r.UnixSeconds - r.LastMotionAgeSeconds;
            long trueLast = env.MotionEventUnixSeconds.Where(t => t > r.UnixSeconds - r.ArmedSeconds - 2 && t <= r.UnixSeconds + 2).DefaultIfEmpty(-1).Max();
            Assert.True(trueLast > 0, $"reading {r.Sequence}: motion stamped at {stamped} but no event in its interval");
            Assert.InRange(stamped, trueLast - 2, trueLast + 2);
        }
        // Counting sleeps (the node not woken by motion) count as watched: nearly the whole week is covered.
        long watched = placed.Sum(r => (long)r.ArmedSeconds);
        Assert.True(watched > 0.9 * 7 * 86400, $"watched {watched} s of {7 * 86400}");
    }
}
