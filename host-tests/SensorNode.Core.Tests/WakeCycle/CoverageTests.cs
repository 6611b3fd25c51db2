using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>Each reading tells how long the PIR watched since the previous one, and whether the node was dead in between.</summary>
public class CoverageTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC

    private static SimulatedNode NewNode() => new(new NodeConfig(), Start, seed: 3);

    private static void ForcePolicy(SimulatedNode node, bool pir, int intervalIndex)
    {
        var action = new PolicyAction { WakeIntervalIndex = intervalIndex, MotionWakeArmed = pir, Transmit = false };
        var codes = Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray();
        byte[] table = PolicyTable.FromActionCodes(99, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
    }

    private static Reading[] Logged(SimulatedNode node)
    {
        var log = new ReadingLog(node.Flash, WakeCycle.LogFileName, node.Config.LogCapacityReadings);
        log.Open();
        var readings = new Reading[16];
        int n = log.ReadPending(0, readings, readings.Length);
        return readings.Take(n).ToArray();
    }

    [Fact]
    public void ArmedSleep_CountsAsWatched_UntilTheMotionThatEndedIt()
    {
        var node = NewNode();
        ForcePolicy(node, pir: true, intervalIndex: 4);
        WakeReport first = node.Wake(WakeCause.Timer);
        Assert.True(first.Plan.MotionWakeArmed);
        node.SleepFor(200_000);                 // motion after 200 s of a longer sleep
        node.Wake(WakeCause.Motion);

        Reading[] readings = Logged(node);
        Assert.Equal(-1, readings[0].ArmedSeconds);   // the very first reading: nothing known before it
        Assert.InRange(readings[1].ArmedSeconds, 199, 201);
        Assert.Equal(ReadingFaults.None, readings[1].Faults & ReadingFaults.BrownoutBefore);
    }

    [Fact]
    public void DisarmedSleep_IsZeroWatched()
    {
        var node = NewNode();
        ForcePolicy(node, pir: false, intervalIndex: 2);
        WakeReport first = node.Wake(WakeCause.Timer);
        node.SleepFor(first.Plan.SleepSeconds * 1000L);
        node.Wake(WakeCause.Timer);

        Assert.Equal(0, Logged(node)[1].ArmedSeconds);
    }

    [Fact]
    public void PowerOnAfterALife_IsFlaggedBrownout_AndClaimsNoWatchedTime()
    {
        var node = NewNode();
        ForcePolicy(node, pir: true, intervalIndex: 2);
        node.Wake(WakeCause.Timer);
        node.SleepFor(3_600_000);
        node.Clock.WallTimeValid = false;       // a brown-out also loses the RTC
        WakeReport afterDeath = node.Wake(WakeCause.PowerOn);

        Reading[] readings = Logged(node);
        Assert.True(afterDeath.StateRecovered);
        Assert.Equal(ReadingFaults.BrownoutBefore, readings[1].Faults & ReadingFaults.BrownoutBefore);
        Assert.Equal(0, readings[1].ArmedSeconds);
    }

    [Fact]
    public void FirstPowerOnOfAFreshNode_IsNoBrownout()
    {
        var node = NewNode();
        node.Wake(WakeCause.PowerOn);

        Reading reading = Logged(node)[0];
        Assert.Equal(ReadingFaults.None, reading.Faults & ReadingFaults.BrownoutBefore);
        Assert.Equal(-1, reading.ArmedSeconds);
    }

    private sealed class Disarmed : IWakePolicy
    {
        public PolicyAction Decide(int stateIndex, PolicyObservation observation) =>
            new() { WakeIntervalIndex = 4, MotionWakeArmed = false, Transmit = false };
    }

    [Fact]
    public void WithTheEventRtc_ASleepThatOnlyCounts_IsWatched()
    {
        // The RTC counts and stamps every motion whether or not it wakes the node: the room was seen all along.
        var config = new NodeConfig { RtcFitted = true };
        var node = new SimulatedNode(config, Start, seed: 3);
        WakeReport first = node.Wake(WakeCause.Timer, new Disarmed());
        Assert.False(first.Plan.MotionWakeArmed);
        Assert.False(first.RtcFault);
        node.SleepFor(first.Plan.SleepSeconds * 1000L);
        node.Wake(WakeCause.Timer, new Disarmed());

        Assert.InRange(Logged(node)[1].ArmedSeconds, first.Plan.SleepSeconds - 2, first.Plan.SleepSeconds + 2);
    }

    [Fact]
    public void WithTheEventRtc_ASleepAfterAnRtcFault_IsNotWatched()
    {
        var config = new NodeConfig { RtcFitted = true };
        var node = new SimulatedNode(config, Start, seed: 3);
        node.Rtc!.Present = false;            // off the bus for this wake
        WakeReport first = node.Wake(WakeCause.Timer, new Disarmed());
        Assert.True(first.RtcFault);
        node.Rtc.Present = true;
        node.SleepFor(first.Plan.SleepSeconds * 1000L);
        node.Wake(WakeCause.Timer, new Disarmed());

        Assert.Equal(0, Logged(node)[1].ArmedSeconds);
    }
}
