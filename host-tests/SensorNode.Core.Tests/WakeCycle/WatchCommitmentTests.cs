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

    private static SimulatedNode NewNode(int commitMinutes = 240, double volts = 4.6)
    {
        var config = new NodeConfig { WatchCommitMinutes = commitMinutes, WatchQuietMinutes = 40, WatchMinMillivolts = 4000 };
        var node = new SimulatedNode(config, Start, seed: 5);
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
