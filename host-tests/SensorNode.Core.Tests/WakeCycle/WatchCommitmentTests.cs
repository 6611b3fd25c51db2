using System.Text.Json;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Simulation;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>
/// The watch commitment ([watch], docs/occupancy.md): a node rule on top of a table that never transmits and never arms
/// the PIR, so every transmit and every armed sleep here is the rule's.
/// </summary>
public class WatchCommitmentTests
{
    private const long Start = 1_727_690_400_000; // Monday 2024-09-30 10:00:00 UTC (utc_offset 0)

    private static SimulatedNode NewNode(int commitMinutes = 240, double volts = 4.6, bool overnight = false, long startMs = Start, int minMillivolts = 4000)
    {
        var config = new NodeConfig { WatchCommitMinutes = commitMinutes, WatchQuietMinutes = 40, WatchMinMillivolts = minMillivolts, WatchOvernight = overnight };
        var node = new SimulatedNode(config, startMs, seed: 5);
        node.Adc.SupercapVolts = volts;
        var action = new PolicyAction { WakeIntervalIndex = 7, MotionWakeArmed = false, Transmit = false }; // 2 h, blind, buffer
        var codes = Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray();
        byte[] table = PolicyTable.FromActionCodes(99, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
        return node;
    }

    private static List<JsonElement> StatePacks(SimulatedNode node) =>
        node.Broker.Messages.Where(m => m.Topic.EndsWith("/state")).Select(m => JsonDocument.Parse(m.Payload).RootElement.Clone()).ToList();

    private static double? Record(JsonElement pack, string name)
    {
        foreach (JsonElement r in pack.EnumerateArray())
        {
            if (r.TryGetProperty("n", out JsonElement n) && n.GetString() == name) return r.GetProperty("v").GetDouble();
        }
        return null;
    }

    [Fact]
    public void Off_LeavesTheTablesDecision()
    {
        var node = NewNode(commitMinutes: 0);
        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.False(report.RadioStarted);
        Assert.False(report.Plan.MotionWakeArmed);
        Assert.Equal(7200, report.Plan.SleepSeconds);
    }

    [Fact]
    public void WithEnergy_Commits_ArmsThePir_AndWakesAtTheEndToRenew()
    {
        var node = NewNode();
        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(WatchCommitment.ReasonCommit, report.WatchReason);
        Assert.Equal(240 * 60, report.WatchSeconds);
        Assert.False(report.WatchActive);
        Assert.True(report.Plan.MotionWakeArmed);
        Assert.Equal(7200, report.Plan.SleepSeconds);   // the table's 2 h is within the 4 h commitment
        JsonElement pack = StatePacks(node).Single();
        Assert.Equal(14400, Record(pack, "watch"));
        Assert.Null(Record(pack, "watch_active"));
    }

    [Fact]
    public void BelowTheEnergyGate_NoCommitment_AndThePublishCarriesNone()
    {
        var node = NewNode(volts: 3.8);
        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.False(report.RadioStarted);
        Assert.False(report.Plan.MotionWakeArmed);
    }

    [Fact]
    public void Committed_MotionAfterQuiet_IsTransmittedAtOnce_AsActive_AndTheNodeWakesWhenQuietStarts()
    {
        var node = NewNode();
        node.Wake(WakeCause.Timer);             // commits, quiet
        node.SleepFor(600_000);
        WakeReport arrival = node.Wake(WakeCause.Motion);

        Assert.Equal(WatchCommitment.ReasonArrival, arrival.WatchReason);
        Assert.True(arrival.RadioStarted);
        Assert.True(arrival.WatchActive);
        Assert.Equal(40 * 60, arrival.Plan.SleepSeconds);   // wake when 40 min have passed without motion
        Assert.Equal(1, Record(StatePacks(node).Last(), "watch_active"));

        node.SleepFor(40 * 60 * 1000L);
        WakeReport quiet = node.Wake(WakeCause.Timer);
        Assert.Equal(WatchCommitment.ReasonQuiet, quiet.WatchReason);
        Assert.True(quiet.RadioStarted);
        Assert.False(quiet.WatchActive);
        Assert.Null(Record(StatePacks(node).Last(), "watch_active"));
    }

    [Fact]
    public void Committed_MotionWhileActive_IsNotTransmittedAgain()
    {
        var node = NewNode();
        node.Wake(WakeCause.Timer);
        node.SleepFor(600_000);
        node.Wake(WakeCause.Motion);            // arrival: transmitted
        int messages = StatePacks(node).Count;
        node.SleepFor(300_000);
        WakeReport again = node.Wake(WakeCause.Motion);

        Assert.False(again.RadioStarted);
        Assert.Equal(messages, StatePacks(node).Count);
        Assert.True(again.Plan.MotionWakeArmed);
    }

    [Fact]
    public void CommitmentKept_ThroughLowEnergy_ButNotRenewed()
    {
        var node = NewNode();
        node.Wake(WakeCause.Timer);             // commits 4 h at 4.6 V
        node.Adc.SupercapVolts = 3.8;           // below the gate: no new commitment, the old one still binds
        node.SleepFor(600_000);
        WakeReport arrival = node.Wake(WakeCause.Motion);

        Assert.True(arrival.RadioStarted);      // the report is owed
        Assert.InRange(arrival.WatchSeconds, 13_200, 13_800);   // what is left of it, whole minutes
        Assert.True(arrival.Plan.MotionWakeArmed);
    }

    [Fact]
    public void NoNewCommitment_OutsideTheWindow()
    {
        var config = new NodeConfig { WatchCommitMinutes = 240 };
        Assert.True(WatchCommitment.InWindow(config, Start / 1000));                  // Monday 10:00
        Assert.False(WatchCommitment.InWindow(config, Start / 1000 + 10 * 3600));     // Monday 20:00
        Assert.False(WatchCommitment.InWindow(config, Start / 1000 + 5 * 86400));     // Saturday 10:00
        Assert.True(WatchCommitment.InWindow(config, Start / 1000 + 4 * 86400)); // Friday 10:00
    }

    private const long Hour = 3_600_000;

    [Fact]
    public void Overnight_AnEveningCommitment_RunsToFourHoursAfterTheNextFirstHour_WhenTheSupercapCarriesTheNight()
    {
        var node = NewNode(volts: 5.2, overnight: true, startMs: Start + 7 * Hour);   // Monday 17:00: 4 h would end at 21:00
        WakeReport report = node.Wake(WakeCause.Timer);

        // To Tuesday 11:00 is 18 h = 1080 min; over 255 min the state record holds 16-minute units: 1072 min.
        Assert.Equal(WatchCommitment.ReasonCommit, report.WatchReason);
        Assert.Equal(1072 * 60, report.WatchSeconds);
        Assert.Equal(1072 * 60, Record(StatePacks(node).Single(), "watch"));
        Assert.True(report.Plan.MotionWakeArmed);

        node.SleepFor(14 * Hour);                // Tuesday 07:00, the node still bound
        node.Adc.SupercapVolts = 3.8;            // below the gate: no renewal, what is left carries on
        WakeReport morning = node.Wake(WakeCause.Motion);
        Assert.Equal(WatchCommitment.ReasonArrival, morning.WatchReason);
        Assert.True(morning.RadioStarted);
        Assert.InRange(morning.WatchSeconds, 3 * 3600, 4 * 3600);
    }

    [Fact]
    public void Overnight_WithoutTheChargeForTheNight_CommitsTheUsualLength()
    {
        // 3.6 V holds 9.7 J on the 1.5 F supercap; 14 h of 15 uA sleep (2.7 J) and two reports' budget (1.2 J) would leave
        // it at 2.8 V, under the brown-out guard's start voltage (3.2 V).
        var node = NewNode(volts: 3.6, overnight: true, startMs: Start + 7 * Hour, minMillivolts: 3500);
        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(WatchCommitment.ReasonCommit, report.WatchReason);
        Assert.Equal(240 * 60, report.WatchSeconds);
    }

    [Fact]
    public void Overnight_OnAFridayEvening_DoesNotSpanTheWeekend()
    {
        var config = new NodeConfig { WatchCommitMinutes = 240, WatchOvernight = true };
        long friday17 = Start / 1000 + 4 * 86400 + 7 * 3600;
        // To Monday 11:00 would be 66 h: over the 24 h a gateway accepts, so the usual 4 h.
        Assert.Equal(Start / 1000 + 7 * 86400 - 3 * 3600, WatchCommitment.NextWindowStart(config, friday17));
        Assert.Equal(240 * 60, WatchCommitment.CommitSeconds(config, friday17));
        config.WatchWeekdaysOnly = false;   // Saturday is a window day then: to Saturday 11:00, 18 h
        Assert.Equal(1072 * 60, WatchCommitment.CommitSeconds(config, friday17));

        var node = NewNode(volts: 5.2, overnight: true, startMs: friday17 * 1000);
        Assert.Equal(240 * 60, node.Wake(WakeCause.Timer).WatchSeconds);
    }

    [Fact]
    public void Overnight_ACommitmentEndingInsideTheWindow_KeepsItsLength()
    {
        var config = new NodeConfig { WatchCommitMinutes = 240, WatchOvernight = true };
        Assert.Equal(240 * 60, WatchCommitment.CommitSeconds(config, Start / 1000));              // Monday 10:00 -> 14:00
        Assert.Equal(240 * 60, WatchCommitment.CommitSeconds(config, Start / 1000 + 5 * 3600 - 1)); // ends 18:59:59
        Assert.True(WatchCommitment.CommitSeconds(config, Start / 1000 + 5 * 3600) > 240 * 60);     // ends at 19:00
        config.WatchOvernight = false;
        Assert.Equal(240 * 60, WatchCommitment.CommitSeconds(config, Start / 1000 + 7 * 3600));
    }

    [Theory]
    [InlineData(120, 16 * 3600 + 30 * 60, 976)]    // Monday 18:30 local (16:30 UTC) -> Tuesday 11:00 local: 990 min, held as 976
    [InlineData(-300, 23 * 3600 + 30 * 60, 976)]   // Monday 18:30 local (23:30 UTC) -> Tuesday 11:00 local (16:00 UTC): the same 990 min
    public void Overnight_CountsTheWindowInLocalTime(int utcOffsetMinutes, long utcSecondsIntoMonday, int expectedMinutes)
    {
        var config = new NodeConfig { WatchCommitMinutes = 240, WatchOvernight = true, UtcOffsetMinutes = utcOffsetMinutes };
        long mondayUtc = Start / 1000 - 10 * 3600;   // Monday 2024-09-30 00:00 UTC

        Assert.True(WatchCommitment.InWindow(config, mondayUtc + utcSecondsIntoMonday - 3600));   // 17:30 local
        Assert.False(WatchCommitment.InWindow(config, mondayUtc + utcSecondsIntoMonday + 3600));  // 19:30 local
        Assert.Equal(expectedMinutes * 60, WatchCommitment.CommitSeconds(config, mondayUtc + utcSecondsIntoMonday));
    }

    [Theory]
    [InlineData(255 * 60 + 59, 255 * 60)]          // whole minutes up to 255
    [InlineData(256 * 60, 256 * 60)]               // 16 units of 16 min
    [InlineData(271 * 60, 256 * 60)]               // rounded down to 16 minutes: never announce more than is kept
    [InlineData(100 * 3600, WatchCommitment.MaxMinutes * 60)]    // at most 24 h
    public void Holdable_IsALengthTheStateRecordKeepsExactly(long seconds, int expected)
    {
        Assert.Equal(expected, WatchCommitment.Holdable(seconds));
        var store = new NodeStateStore(new SimulatedFlash(), "s.bin");
        Assert.True(store.Save(new NodeState { WatchMinutes = expected / 60, LastTransmitUnixSeconds = 1000 }));
        var loaded = new NodeState();
        Assert.True(store.Load(loaded));
        Assert.Equal(expected / 60, loaded.WatchMinutes);
    }

    [Fact]
    public void StateRecord_KeepsTheCommitment_AndAnOlderRecordReadsAsNone()
    {
        var state = new NodeState { WatchMinutes = 240, WatchReportedActive = true, LastTransmitUnixSeconds = 1000 };
        var store = new NodeStateStore(new SimulatedFlash(), "s.bin");
        Assert.True(store.Save(state));
        var loaded = new NodeState();
        Assert.True(store.Load(loaded));
        Assert.Equal(240, loaded.WatchMinutes);
        Assert.True(loaded.WatchReportedActive);

        var older = new NodeState();
        Assert.Equal(0, older.WatchMinutes);
        Assert.Equal(0, WatchCommitment.RemainingSeconds(older, 2000));
    }
}
