using System.Text.Json;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>Whole wakes, each a reboot over simulated hardware, in the scenarios the field throws at a node.</summary>
public class WakeCycleTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC, a Monday morning

    private static SimulatedNode NewNode(NodeConfig? config = null) => new(config ?? new NodeConfig(), Start, seed: 1);

    /// <summary>Installs a policy table that gives every state the same action.</summary>
    private static void ForcePolicy(SimulatedNode node, bool transmit, bool pir, int intervalIndex = 0)
    {
        var action = new PolicyAction { WakeIntervalIndex = intervalIndex, MotionWakeArmed = pir, Transmit = transmit };
        var codes = Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray();
        byte[] table = PolicyTable.FromActionCodes(99, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
    }

    private static List<uint> DeliveredSequences(SimulatedNode node) =>
        node.Broker.Messages.Where(m => m.Topic.EndsWith("/state"))
            .SelectMany(m => JsonDocument.Parse(m.Payload).RootElement.EnumerateArray()
                .Where(r => r.TryGetProperty("n", out var n) && n.GetString() == "seq")
                .Select(r => (uint)r.GetProperty("v").GetDouble()))
            .ToList();

    [Fact]
    public void TimerWake_StoresReading_AndNextBootContinuesFromFlashAlone()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: true, intervalIndex: 4);

        WakeReport first = node.Wake(WakeCause.Timer);
        node.SleepFor(first.Plan.SleepSeconds * 1000L);
        WakeReport second = node.Wake(WakeCause.Timer);

        Assert.Equal(1u, first.Sequence);
        Assert.Equal(2u, second.Sequence);                    // the counter came back from flash
        int expectedSeconds = node.Config.WakeIntervalsSeconds[4];
        Assert.Equal(expectedSeconds, first.Plan.SleepSeconds); // interval index 4 of the configured set
        Assert.True(node.Sleep.MotionArmed);
        Assert.Equal(expectedSeconds, node.Sleep.ArmedTimerSeconds);
        Assert.Equal(2, second.Backlog);
        Assert.Equal(ReadingFaults.None, second.Faults);
        Assert.True(second.StateRecovered);
        Assert.Equal(0, node.Link.ConnectAttempts);
    }

    [Fact]
    public void MotionWake_RecordsOneEvent_AndRaisesTheEventRate()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: true);
        node.Wake(WakeCause.Timer);
        node.SleepFor(60_000);
        node.Wake(WakeCause.Motion);

        var log = new ReadingLog(node.Flash, WakeCycle.LogFileName, node.Config.LogCapacityReadings);
        log.Open();
        var readings = new Reading[4];
        int n = log.ReadPending(0, readings, 4);
        Assert.Equal(2, n);
        Assert.Equal(0, readings[0].MotionEvents);
        Assert.Equal(1, readings[1].MotionEvents);

        var state = new NodeState();
        Assert.True(new NodeStateStore(node.Flash, WakeCycle.StateFileName).Load(state));
        Assert.True(state.EventRateMilliPerHour >= 900, $"rate {state.EventRateMilliPerHour}");
    }

    [Fact]
    public void TimerWake_Transmits_AndTheBrokerGetsEverySequenceOnce()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false);
        for (int i = 0; i < 5; i++) { node.Wake(WakeCause.Timer); node.SleepFor(15_000); }
        ForcePolicy(node, transmit: true, pir: false);
        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.RadioStarted);
        Assert.Equal(6, report.ReadingsAcknowledged);
        Assert.Equal(0, report.Backlog);
        Assert.Equal(new uint[] { 1, 2, 3, 4, 5, 6 }, DeliveredSequences(node).OrderBy(s => s));
        Assert.False(node.Link.IsUp);                          // radio torn down before sleep
        Assert.False(node.Mqtt.IsConnected);
    }

    [Fact]
    public void LowVoltage_GuardRefusesWifi_AndTheReadingStaysInTheLog()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: true);
        node.Adc.SupercapVolts = 3.05;                         // just above the 3.0 V brown-out

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.GuardRefused);
        Assert.Equal(0, node.Link.ConnectAttempts);
        Assert.Equal(1, report.Backlog);
        Assert.Empty(node.Broker.Messages);
    }

    [Fact]
    public void WifiFailure_KeepsReadings_UntilALaterWakeDeliversThem()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: false);
        node.Link.FailNextConnects(2);

        WakeReport a = node.Wake(WakeCause.Timer); node.SleepFor(15_000);
        WakeReport b = node.Wake(WakeCause.Timer); node.SleepFor(15_000);
        WakeReport c = node.Wake(WakeCause.Timer);

        Assert.True(a.LinkFailed);
        Assert.True(b.LinkFailed);
        Assert.Equal(2, b.Backlog);
        Assert.False(c.LinkFailed);
        Assert.Equal(0, c.Backlog);
        Assert.Equal(new uint[] { 1, 2, 3 }, DeliveredSequences(node).OrderBy(s => s));
        var state = new NodeState();
        new NodeStateStore(node.Flash, WakeCycle.StateFileName).Load(state);
        Assert.Equal(2u, state.LinkFailures);
    }

    [Fact]
    public void BrokerWithoutAck_KeepsReadings_AndResendsThemUnderTheSameSequence()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: false);
        node.Broker.WithholdAcks = true;

        WakeReport noAck = node.Wake(WakeCause.Timer); node.SleepFor(15_000);
        node.Broker.WithholdAcks = false;
        WakeReport acked = node.Wake(WakeCause.Timer);

        Assert.True(noAck.BrokerFailed);
        Assert.Equal(1, noAck.Backlog);
        Assert.Equal(0, acked.Backlog);
        List<uint> seqs = DeliveredSequences(node);
        Assert.Equal(new uint[] { 1, 1, 2 }, seqs.OrderBy(s => s)); // a QoS 1 duplicate, same seq: the gateway dedups
    }

    [Fact]
    public void BrokerUnreachable_CountsAFailure_AndTearsTheLinkDown()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: false);
        node.Broker.Unreachable = true;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.BrokerFailed);
        Assert.False(node.Link.IsUp);
        Assert.Equal(1, report.Backlog);
    }

    [Fact]
    public void SensorFaults_AreReportedAsMissingValues_NeverAsNumbers()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: false);
        node.Sht3x.Present = false;
        node.Opt3001.Present = false;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(ReadingFaults.Climate | ReadingFaults.Light, report.Faults);
        string payload = node.Broker.Messages.Single(m => m.Topic.EndsWith("/state")).PayloadText;
        Assert.DoesNotContain("\"Cel\"", payload);
        Assert.DoesNotContain("\"lx\"", payload);
        Assert.Contains("\"V\"", payload);
    }

    [Fact]
    public void AdcFailure_SleepsTheSafeInterval_WithoutRadio()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: true);
        node.Adc.FailNextConversions(1000);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(node.Config.SafeIntervalSeconds, report.Plan.SleepSeconds);
        Assert.False(report.Plan.MotionWakeArmed);
        Assert.True(report.GuardRefused);
        Assert.Equal(ReadingFaults.Supercap, report.Faults & ReadingFaults.Supercap);
    }

    [Fact]
    public void CorruptPolicyFile_FallsBackToTheBuiltInTable()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false);
        byte[] table = node.Flash.GetFileBytes(PolicyStore.FileName);
        table[table.Length / 2] ^= 0x40;
        node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.NotEqual(PolicyLoadError.None, report.PolicyError);
        Assert.Equal(PolicyTable.BuiltIn().Version, report.PolicyVersion);
    }

    [Fact]
    public void FullLog_DropsTheOldest_CountsThem_AndPublishesTheCount()
    {
        var config = new NodeConfig { LogCapacityReadings = 8 };
        var node = NewNode(config);
        ForcePolicy(node, transmit: false, pir: false);
        node.Link.Unreachable = true; // the node tries to send before overwriting (below), but no access point answers
        for (int i = 0; i < 11; i++) { node.Wake(WakeCause.Timer); node.SleepFor(15_000); }
        node.Link.Unreachable = false;
        ForcePolicy(node, transmit: true, pir: false);
        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(4u, report.DroppedReadings);              // 12 readings, 8 slots
        Assert.Equal(Enumerable.Range(5, 8).Select(i => (uint)i), DeliveredSequences(node).OrderBy(s => s));
        string payload = node.Broker.Messages.First(m => m.Topic.EndsWith("/state")).PayloadText;
        Assert.Contains("dropped", payload);
    }

    [Fact]
    public void ATableThatNeverTransmits_StillSendsBeforeTheLogOverwrites_SoNothingIsLost()
    {
        var config = new NodeConfig { LogCapacityReadings = 16, ReadingsPerMessage = 4 };
        var node = NewNode(config);
        ForcePolicy(node, transmit: false, pir: false);
        var reports = new List<WakeReport>();
        for (int i = 0; i < 40; i++) { reports.Add(node.Wake(WakeCause.Timer)); node.SleepFor(15_000); }

        Assert.All(reports, r => Assert.Equal(0u, r.DroppedReadings));
        // The first send comes when one more message's worth would fill the log (12 of 16 pending), not before.
        int first = reports.FindIndex(r => r.SentBeforeOverwrite);
        Assert.Equal(12, first + 1);
        Assert.True(reports[first].RadioStarted);
        List<uint> delivered = DeliveredSequences(node);
        Assert.Equal(delivered.Distinct().Count(), delivered.Count);
        Assert.True(delivered.Count >= 24, $"{delivered.Count} delivered of 40");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as on the device: the radio works only in a boot that started it, so the send is a radio wake
    public void AfterAnUnrequestedSendFailed_TheNextWaitsUntilTheSupercapCanPayForAnotherFailure(bool bootTimeRadio)
    {
        var config = new NodeConfig { LogCapacityReadings = 16, ReadingsPerMessage = 4 };
        var node = NewNode(config);
        node.ModelBootTimeRadio = bootTimeRadio;
        ForcePolicy(node, transmit: false, pir: false);
        node.Link.Unreachable = true; // the network is down
        node.Adc.SupercapVolts = 3.6; // the transmit guard allows a send; a whole failed association (~3.7 J) it would not
        var reports = new List<WakeReport>();
        for (int i = 0; i < 16; i++)
        {
            WakeReport report = node.Wake(WakeCause.Timer);
            reports.Add(report);
            node.SleepFor(report.Plan.SleepSeconds * 1000L);
        }

        Assert.Equal(1, reports.Count(r => r.RadioStarted)); // one try at 12 pending, then held
        Assert.Contains(reports, r => r.UnrequestedSendHeld);

        node.Adc.SupercapVolts = 5.0; // recharged: it can pay for another failure, and tries again
        WakeReport again = node.Wake(WakeCause.Timer);
        Assert.False(again.UnrequestedSendHeld);
        Assert.True(again.RadioStarted || again.RadioDeferredToNextBoot);
    }

    [Fact]
    public void PowerCutWhileSavingState_NeverReusesASequenceNumber()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false);
        node.Wake(WakeCause.Timer);
        node.SleepFor(15_000);
        // The reading is appended, then the state save is torn: the wake dies as a brown-out.
        node.Flash.CutPowerAfter(0);                           // the next write (the log record) is torn at once...
        Assert.ThrowsAny<Exception>(() => node.Wake(WakeCause.Timer));
        node.SleepFor(15_000);
        WakeReport after = node.Wake(WakeCause.PowerOn);

        Assert.Equal(2u, after.Sequence);                      // the torn record's number is free again, 1 is intact
        var log = new ReadingLog(node.Flash, WakeCycle.LogFileName, node.Config.LogCapacityReadings);
        log.Open();
        var readings = new Reading[8];
        int n = log.ReadPending(0, readings, 8);
        Assert.Equal(new uint[] { 1, 2 }, readings.Take(n).Select(r => r.Sequence));
    }

    [Fact]
    public void LostStateFile_SequenceContinuesFromTheLog()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false);
        for (int i = 0; i < 3; i++) { node.Wake(WakeCause.Timer); node.SleepFor(15_000); }
        Assert.True(node.Flash.Delete(WakeCycle.StateFileName));

        WakeReport report = node.Wake(WakeCause.PowerOn);

        Assert.False(report.StateRecovered);
        Assert.Equal(4u, report.Sequence);                     // never reuse a number the gateway has seen
    }

    [Fact]
    public void AfterPowerLoss_WithoutWallTime_ReadingsAreMarkedTimeUnknown_NotGuessed()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false);
        node.Wake(WakeCause.Timer);
        node.SleepFor(6 * 3600_000L);                          // dead for hours: the RTC lost its time
        node.Clock.WallTimeValid = false;

        WakeReport afterPowerOn = node.Wake(WakeCause.PowerOn);

        Assert.Equal(ReadingFaults.TimeUnknown, afterPowerOn.Faults & ReadingFaults.TimeUnknown);
    }

    [Fact]
    public void TimerWake_WithoutWallTime_EstimatesItFromThePreviousWake()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false, intervalIndex: 2);
        node.Wake(WakeCause.Timer);
        node.SleepFor(node.Config.WakeIntervalsSeconds[2] * 1000L);
        node.Clock.WallTimeValid = false;                      // e.g. the RTC read failed; deep sleep kept counting

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(ReadingFaults.None, report.Faults & ReadingFaults.TimeUnknown);
        var log = new ReadingLog(node.Flash, WakeCycle.LogFileName, node.Config.LogCapacityReadings);
        log.Open();
        var readings = new Reading[2];
        Assert.Equal(2, log.ReadPending(0, readings, 2));
        Assert.InRange(readings[1].UnixSeconds - node.Clock.NowUnixMilliseconds / 1000, -5, 5);
    }

    [Fact]
    public void WithoutWallTime_TheNodeConnectsToSyncIt_EvenWhenThePolicySaysBuffer()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: false);
        node.Clock.WallTimeValid = false;

        WakeReport report = node.Wake(WakeCause.PowerOn);

        Assert.True(report.RadioStarted);                      // otherwise: no time -> "night" -> never transmit -> no time
        Assert.True(node.Clock.WallTimeValid);                 // association synced the clock
        Assert.Equal(0, report.Backlog);
    }

    [Fact]
    public void TornAppendOverAnUnacknowledgedRecord_IsCountedAsDropped()
    {
        var node = NewNode(new NodeConfig { LogCapacityReadings = 8 });
        ForcePolicy(node, transmit: false, pir: false);
        node.Link.Unreachable = true; // nothing can be sent before the log fills
        for (int i = 0; i < 8; i++) { node.Wake(WakeCause.Timer); node.SleepFor(15_000); }
        node.Flash.CutPowerAfter(10);                          // reading 9 tears the slot of unacknowledged reading 1
        Assert.ThrowsAny<Exception>(() => node.Wake(WakeCause.Timer));
        node.SleepFor(15_000);

        WakeReport retry = node.Wake(WakeCause.Timer);

        Assert.Equal(9u, retry.Sequence);
        Assert.Equal(1u, retry.DroppedReadings);               // reading 1 is gone, and it is counted
    }

    [Fact]
    public void TransmittingWake_AnnouncesItsSleep_RetainedOnAvailability()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: true, pir: false, intervalIndex: 3);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.AvailabilityAnnounced);
        var retained = node.Broker.Retained[$"sensornode/{node.Config.NodeId}/availability"];
        Assert.Equal($"sleeping:{node.Config.WakeIntervalsSeconds[3]}", retained.PayloadText);
        Assert.True(retained.Retain);
    }

    [Fact]
    public void GatedDivider_IsSwitchedOnOnlyForTheReading_AndReadsTheSupercap()
    {
        var node = NewNode(new NodeConfig { SupercapGatePin = 25 });
        ForcePolicy(node, transmit: false, pir: false);
        node.Adc.SupercapVolts = 4.2;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(ReadingFaults.None, report.Faults & ReadingFaults.Supercap);
        Assert.Equal(1, node.DividerSwitch.TimesSwitchedOn);
        Assert.False(node.DividerSwitch.On);                   // off again before sleep: no divider current
        var log = new ReadingLog(node.Flash, WakeCycle.LogFileName, node.Config.LogCapacityReadings);
        log.Open();
        var readings = new Reading[1];
        log.ReadPending(0, readings, 1);
        Assert.InRange(readings[0].SupercapMillivolts, 4150, 4250);
    }

    [Fact]
    public void GatedBoard_ConfiguredAsUngated_ReportsASupercapFault_NotZeroVolts()
    {
        var node = NewNode();                                  // config: no gate pin
        node.Adc.Gate = node.DividerSwitch;                    // but the board has a gate, never switched on
        ForcePolicy(node, transmit: true, pir: false);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(ReadingFaults.Supercap, report.Faults & ReadingFaults.Supercap);
        Assert.False(report.RadioStarted);                     // no voltage, no radio
    }

    [Fact]
    public void MotionAfterAQuietGap_IsTheArrivalBin_AndMotionSoonAfterIsNot()
    {
        var node = NewNode();
        ForcePolicy(node, transmit: false, pir: true);
        int gapSeconds = node.Config.ServiceArrivalGapMinutes * 60;

        WakeReport timer = node.Wake(WakeCause.Timer);
        node.SleepFor(60_000);
        WakeReport firstMotion = node.Wake(WakeCause.Motion);      // no motion known before: an arrival
        node.SleepFor(60_000);
        WakeReport soonAfter = node.Wake(WakeCause.Motion);        // 1 min after the last motion
        node.SleepFor((gapSeconds - 120) * 1000L);
        WakeReport timerLater = node.Wake(WakeCause.Timer);
        node.SleepFor(180_000);
        WakeReport afterGap = node.Wake(WakeCause.Motion);         // gap + 1 min (plus wake time) after the last motion

        Assert.Equal(0, StateEncoder.ArrivalBinOf(timer.StateIndex));
        Assert.Equal(1, StateEncoder.ArrivalBinOf(firstMotion.StateIndex));
        Assert.Equal(0, StateEncoder.ArrivalBinOf(soonAfter.StateIndex));
        Assert.Equal(0, StateEncoder.ArrivalBinOf(timerLater.StateIndex));
        Assert.Equal(1, StateEncoder.ArrivalBinOf(afterGap.StateIndex));

        var state = new NodeState();
        Assert.True(new NodeStateStore(node.Flash, WakeCycle.StateFileName).Load(state));
        Assert.True(state.LastMotionUnixSeconds > Start / 1000, $"last motion {state.LastMotionUnixSeconds}");
    }

    [Fact]
    public void ATableThatTransmitsOnlyAtArrivals_ConnectsAtTheArrivalWakeAlone()
    {
        var node = NewNode();
        var codes = new byte[StateEncoder.StateCount];
        for (int s = 0; s < codes.Length; s++)
        {
            bool arrival = StateEncoder.ArrivalBinOf(s) == 1;
            codes[s] = PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = true, Transmit = arrival });
        }
        byte[] table = PolicyTable.FromActionCodes(98, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));

        node.Wake(WakeCause.Timer);
        node.SleepFor(60_000);
        node.Wake(WakeCause.Timer);
        int beforeArrival = node.Link.ConnectAttempts;
        node.SleepFor(60_000);
        node.Wake(WakeCause.Motion);
        int afterArrival = node.Link.ConnectAttempts;
        node.SleepFor(60_000);
        node.Wake(WakeCause.Motion);

        Assert.Equal(0, beforeArrival);
        Assert.True(afterArrival > 0);
        Assert.Equal(afterArrival, node.Link.ConnectAttempts);
        Assert.Equal(new List<uint> { 1, 2, 3 }, DeliveredSequences(node));
    }
}
