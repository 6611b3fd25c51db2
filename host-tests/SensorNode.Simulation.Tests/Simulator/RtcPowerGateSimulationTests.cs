using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Simulator;

/// <summary>The event RTC as the ESP32's power switch ([rtc] power_hold_pin), through the real core and the simulator.</summary>
public class RtcPowerGateSimulationTests
{
    private const long Start = 1_704_067_200; // 2024-01-01, a Monday

    private static NodeConfig Config(bool gated)
    {
        var config = new NodeConfig { RtcFitted = true };
        if (gated) config.RtcPowerHoldPin = 33;
        return config;
    }

    private static SimulationMetrics Run(bool gated, SyntheticProfileKind kind, int days, int seed, string? profileJson = null)
    {
        var setup = new SimulationSetup
        {
            Config = Config(gated),
            Profile = HardwareProfile.Parse(profileJson ?? HardwareProfile.DefaultJson(), "test"),
            Environment = SyntheticEnvironment.Generate(kind, Start, days, seed),
        };
        return new NodeSimulator(setup, 0, recordTimeline: false).Run().Metrics;
    }

    [Fact]
    public void AGatedNode_SleepsWithTheEsp32Off_AndTheRtcSwitchesItBackOnAtTheCountdownsEnd()
    {
        var node = new SimulatedNode(Config(gated: true), Start * 1000, seed: 1);
        node.Wake(WakeCause.PowerOn);
        Assert.True(node.PoweredOff);
        Assert.False(node.PowerHold.On);
        long sleptAt = node.Clock.NowUnixMilliseconds;
        long endsAt = node.Rtc!.CountdownEndsAtMilliseconds!.Value;
        Assert.Equal(node.LastReport!.Plan.SleepSeconds * 1000L, endsAt - sleptAt, 1000.0); // the countdown times the plan's sleep

        node.SleepFor(endsAt - sleptAt);
        node.Rtc.ExpireCountdown();
        Assert.True(node.Rtc.InterruptAsserted); // TF with TIE: INT low, the switch closes
        WakeReport wake = node.Wake(WakeCause.PowerOn);

        Assert.Equal(WakeCause.Timer, wake.Cause); // from the RTC's TF: the chip itself saw a power-on
        Assert.True(node.PowerHold.TimesSwitchedOn >= 2); // held at each wake
    }

    [Fact]
    public void AfterABrownOut_TheGatedNodesWakeIsAPowerOn_FromTheBackupSwitchoverFlag()
    {
        var node = new SimulatedNode(Config(gated: true), Start * 1000, seed: 1);
        node.Wake(WakeCause.PowerOn);
        node.SleepFor(60_000);
        node.Rtc!.ExpireCountdown();
        node.Rtc.SwitchToBackup();

        WakeReport wake = node.Wake(WakeCause.PowerOn);

        Assert.Equal(WakeCause.PowerOn, wake.Cause);
        // The next sleep starts clean: TF and BSF cleared by the countdown's start.
        Assert.True(node.PoweredOff);
        Assert.False(node.Rtc.InterruptAsserted);
    }

    [Fact]
    public void AGatedNodeWithoutTheFigure_SleepsAtTheDeepSleepCurrent_LikeTheUngatedOne()
    {
        // A profile written before the gate: no saving is assumed, and the two designs run alike.
        string old = HardwareProfile.DefaultJson();
        int at = old.IndexOf("\"gated_sleep_microamps\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        string without = old[..old.LastIndexOf(',', at)] + old[old.IndexOf('}', at)..][1..];
        SimulationMetrics gated = Run(gated: true, SyntheticProfileKind.Office, 7, 3, without);
        SimulationMetrics plain = Run(gated: false, SyntheticProfileKind.Office, 7, 3, without);
        // Alike to the millijoule: the gated sleeps are timed by the RTC's crystal (3 ppm), the others by the chip.
        Assert.Equal(plain.EnergySpentJ, gated.EnergySpentJ, 0.01);
        Assert.Equal(plain.ReadingsDelivered, gated.ReadingsDelivered);
        Assert.Equal(plain.Brownouts, gated.Brownouts);
    }

    [Fact]
    public void OnTheCorridor_TheGatedNodeSpendsLessAsleep_AndBrownsOutNoMoreThanWithTheEsp32AsleepInstead()
    {
        SimulationMetrics gated = Run(gated: true, SyntheticProfileKind.Corridor, 14, 7);
        SimulationMetrics asleep = Run(gated: false, SyntheticProfileKind.Corridor, 14, 7);

        Assert.True(gated.EnergySpentByPhaseJ["sleep"] < 0.5 * asleep.EnergySpentByPhaseJ["sleep"],
            $"sleep {asleep.EnergySpentByPhaseJ["sleep"]:F1} J -> {gated.EnergySpentByPhaseJ["sleep"]:F1} J");
        Assert.True(gated.Brownouts <= asleep.Brownouts, $"brown-outs {asleep.Brownouts} -> {gated.Brownouts}");
        Assert.True(gated.EventsCaptured >= 0.99 * gated.EventsTotal, $"{gated.EventsCaptured} of {gated.EventsTotal} counted");
    }
}
