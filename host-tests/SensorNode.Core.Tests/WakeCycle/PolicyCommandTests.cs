using System.Text;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Telemetry;
using SensorNode.Simulation;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>
/// The wake's command step: a retained "policy" command on cmd/policy is taken by a transmitting wake above
/// [power] policy_update_min_millivolts, validated, written to flash and acknowledged (docs/mqtt.md).
/// </summary>
public class PolicyCommandTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC
    private const string CommandTopic = "sensornode/node-01/cmd/policy";
    private const string AckTopic = "sensornode/node-01/ack";
    private const uint InstalledVersion = 99;

    private static PolicyTable Uniform(uint version, bool transmit)
    {
        var action = new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = false, Transmit = transmit };
        return PolicyTable.FromActionCodes(version, Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray());
    }

    /// <summary>A node whose flash table (version 99) transmits on every wake, with the supercap at 4.5 V.</summary>
    private static SimulatedNode NewNode(NodeConfig? config = null)
    {
        var node = new SimulatedNode(config ?? new NodeConfig(), Start, seed: 1);
        byte[] table = Uniform(InstalledVersion, transmit: true).Serialize();
        node.Flash.SetFileBytes(PolicyStore.FileName, table);
        return node;
    }

    private static byte[] Command(uint id, byte[] body) => [.. Encoding.ASCII.GetBytes(id + "\n"), .. body];

    /// <summary>The gateway's retained QoS 1 command (an empty payload clears it, as in MQTT).</summary>
    private static void Retain(SimulatedNode node, byte[] payload) =>
        node.Broker.Record("gateway", CommandTopic, payload, payload.Length, retain: true, node.Clock.NowUnixMilliseconds);

    private static List<string> Acks(SimulatedNode node) =>
        node.Broker.Messages.Where(m => m.Topic == AckTopic).Select(m => m.PayloadText).ToList();

    private static WakeReport WakeAndSleep(SimulatedNode node, IWakePolicy? policy = null)
    {
        WakeReport report = node.Wake(WakeCause.Timer, policy);
        node.SleepFor(report.Plan.SleepSeconds * 1000L);
        return report;
    }

    [Fact]
    public void RetainedValidTable_IsWrittenAcked_AndDecidesFromTheNextWake()
    {
        var node = NewNode();
        byte[] table = Uniform(7, transmit: true).Serialize();
        Retain(node, Command(42, table));

        WakeReport report = WakeAndSleep(node);
        WakeReport next = WakeAndSleep(node);

        Assert.True(report.PolicyCommandChecked);
        Assert.Equal(PolicyUpdateOutcome.Applied, report.PolicyOutcome);
        Assert.True(report.PolicyApplied);
        Assert.Null(report.PolicyRejectedReason);
        Assert.Equal(42u, report.PolicyCommandId);
        Assert.Equal(7u, report.PolicyCommandVersion);
        Assert.True(report.PolicyAckPublished);
        Assert.Equal(InstalledVersion, report.PolicyVersion);             // this wake still decided with the old table
        Assert.Equal(table, node.Flash.GetFileBytes(PolicyStore.FileName));
        Assert.Equal(7u, next.PolicyVersion);
        Assert.Equal(PolicyLoadError.None, next.PolicyError);
        Assert.Equal("42", Acks(node)[0]);
        // The ack goes after the readings and before the sleeping announcement.
        var topics = node.Broker.Messages.Where(m => m.ClientId != "gateway").Take(3).Select(m => m.Topic.Split('/')[^1]).ToList();
        Assert.Equal(new[] { "state", "ack", "availability" }, topics);
    }

    [Fact]
    public void EveryStatePack_NamesTheTableThatDecidedItsWake_NotTheOneLastAcked()
    {
        var node = NewNode();
        Retain(node, Command(42, Uniform(7, transmit: true).Serialize()));
        WakeAndSleep(node);                                                 // decided by 99, applies 7
        WakeAndSleep(node);                                                 // decided by 7
        Retain(node, []);
        node.Flash.SetFileBytes(PolicyStore.FileName, Uniform(55, transmit: true).Serialize()); // flash rewritten (nanoff): no ack says so
        WakeAndSleep(node);
        WakeAndSleep(node, Uniform(1, transmit: true));                     // an injected table (the simulator's) is reported as its own

        List<double?> versions = node.Broker.Messages.Where(m => m.Topic.EndsWith("/state"))
            .Select(m => PolicyRecord(m.PayloadText)).ToList();
        Assert.Equal(new double?[] { InstalledVersion, 7, 55, 1 }, versions);
    }

    private static double? PolicyRecord(string pack)
    {
        foreach (System.Text.Json.JsonElement r in System.Text.Json.JsonDocument.Parse(pack).RootElement.EnumerateArray())
        {
            if (r.GetProperty("n").GetString() == SensorNode.Core.Telemetry.SenmlSchema.PolicyVersion) return r.GetProperty("v").GetDouble();
        }
        return null;
    }

    [Fact]
    public void SameVersionAgain_IsAckedWithoutRewritingFlash()
    {
        var node = NewNode();
        WakeAndSleep(node);                                                // a wake without a command, for its flash traffic
        long plainBytes = node.Flash.BytesWritten;
        WakeAndSleep(node);
        long plainWake = node.Flash.BytesWritten - plainBytes;
        Retain(node, Command(43, Uniform(InstalledVersion, transmit: true).Serialize()));

        long before = node.Flash.BytesWritten;
        WakeReport report = WakeAndSleep(node);

        Assert.Equal(PolicyUpdateOutcome.AlreadyInEffect, report.PolicyOutcome);
        Assert.True(report.PolicyApplied);
        Assert.Equal(new[] { "43" }, Acks(node));
        Assert.Equal(plainWake, node.Flash.BytesWritten - before);        // log record and state only: no table write
    }

    [Fact]
    public void CorruptedTable_IsRejectedAsBadTable_AndThePreviousTableStays()
    {
        var node = NewNode();
        byte[] before = node.Flash.GetFileBytes(PolicyStore.FileName);
        byte[] table = Uniform(7, transmit: true).Serialize();
        table[100] ^= 0x01;                                                // one flipped bit in an action code
        Retain(node, Command(44, table));

        WakeReport report = WakeAndSleep(node);
        WakeReport next = WakeAndSleep(node);

        Assert.Equal(PolicyUpdateOutcome.BadTable, report.PolicyOutcome);
        Assert.Equal(PolicyLoadError.BadCrc, report.PolicyCommandError);
        Assert.False(report.PolicyApplied);
        Assert.Equal("bad-table", report.PolicyRejectedReason);
        Assert.Equal("44 rejected bad-table", Acks(node)[0]);
        Assert.Equal(before, node.Flash.GetFileBytes(PolicyStore.FileName));
        Assert.Equal(InstalledVersion, next.PolicyVersion);
    }

    [Fact]
    public void PayloadWithoutAReadableId_IsRejectedAsBadCommand_WithIdZero()
    {
        var node = NewNode();
        Retain(node, Encoding.ASCII.GetBytes("policy please"));

        WakeReport report = WakeAndSleep(node);

        Assert.Equal(PolicyUpdateOutcome.BadCommand, report.PolicyOutcome);
        Assert.Equal(new[] { "0 rejected bad-command" }, Acks(node));
    }

    [Fact]
    public void BelowTheSafeVoltage_NothingIsSubscribed_AndALaterWakeTakesTheRetainedCommand()
    {
        var node = NewNode();
        Retain(node, Command(45, Uniform(7, transmit: true).Serialize()));
        node.Adc.SupercapVolts = 3.8;                                      // transmits (guard), but below the 4.0 V default

        WakeReport low = WakeAndSleep(node);

        Assert.True(low.RadioStarted);
        Assert.Equal(0, node.Mqtt.Subscriptions);
        Assert.False(low.PolicyCommandChecked);
        Assert.Equal(PolicyUpdateOutcome.None, low.PolicyOutcome);
        Assert.Empty(Acks(node));
        Assert.Equal(Uniform(InstalledVersion, transmit: true).Serialize(), node.Flash.GetFileBytes(PolicyStore.FileName));

        node.Adc.SupercapVolts = 4.5;
        WakeReport charged = WakeAndSleep(node);

        Assert.Equal(1, node.Mqtt.Subscriptions);
        Assert.Equal(PolicyUpdateOutcome.Applied, charged.PolicyOutcome);
        Assert.Equal(new[] { "45" }, Acks(node));
    }

    [Fact]
    public void NoRetainedCommand_CostsOneSubscription_AndNoAck()
    {
        var node = NewNode();

        WakeReport report = WakeAndSleep(node);

        Assert.True(report.PolicyCommandChecked);
        Assert.False(report.PolicyCommandReceiveFailed);
        Assert.Equal(1, node.Mqtt.Subscriptions);
        Assert.Equal(PolicyUpdateOutcome.None, report.PolicyOutcome);
        Assert.Empty(Acks(node));
        Assert.True(report.AvailabilityAnnounced);
    }

    [Fact]
    public void NonTransmittingWake_NeverStartsTheRadioForACommand()
    {
        var node = NewNode();
        node.Flash.SetFileBytes(PolicyStore.FileName, Uniform(InstalledVersion, transmit: false).Serialize());
        WakeAndSleep(node);                                                // the first wake connects anyway to learn the time
        Retain(node, Command(46, Uniform(7, transmit: true).Serialize()));
        int linkAttempts = node.Link.ConnectAttempts;

        WakeReport report = WakeAndSleep(node);

        Assert.False(report.RadioStarted);
        Assert.Equal(linkAttempts, node.Link.ConnectAttempts);
        Assert.Empty(Acks(node));
    }

    [Fact]
    public void OneReadingPerMessage_UsesItsOwnCommandBuffer_AndStillApplies()
    {
        // CapacityFor(1) = 701 bytes cannot hold a 1757-byte command: the wake allocates a dedicated buffer.
        var node = NewNode(new NodeConfig { ReadingsPerMessage = 1 });
        Retain(node, Command(4294967295, Uniform(7, transmit: true).Serialize()));

        WakeReport report = WakeAndSleep(node);

        Assert.Equal(PolicyUpdateOutcome.Applied, report.PolicyOutcome);
        Assert.Equal(new[] { "4294967295" }, Acks(node));
    }

    [Fact]
    public void MessageLongerThanTheBuffer_IsAReceiveFailure_AndNotAcked()
    {
        var node = NewNode();
        // Longer than both buffers the wake may receive into: the SenML buffer and the dedicated command buffer.
        Retain(node, new byte[Math.Max(SenmlWriter.CapacityFor(node.Config.ReadingsPerMessage), PolicyUpdate.MaxPayloadLength) + 1]);

        WakeReport report = WakeAndSleep(node);

        Assert.True(report.PolicyCommandReceiveFailed);
        Assert.Equal(PolicyUpdateOutcome.None, report.PolicyOutcome);
        Assert.Empty(Acks(node));
        Assert.True(report.AvailabilityAnnounced);
    }

    [Fact]
    public void TornTableWrite_FallsBackToTheBuiltInTable_AndTheUnackedCommandIsWrittenAgain()
    {
        var node = NewNode();
        byte[] table = Uniform(7, transmit: true).Serialize();
        Retain(node, Command(47, table));
        var tearing = new TearingStorage(node.Flash, PolicyStore.FileName, bytesBeforeCut: 300);

        // The power cut throws out of the flash write; the wake's radio step catches it like any adapter fault.
        WakeReport torn = CustomWake.Run(node, WakeCause.Timer, storage: tearing);
        node.SleepFor(torn.Plan.SleepSeconds * 1000L);

        Assert.True(tearing.Cut);
        Assert.Empty(Acks(node));                                          // never acked: the command stays retained
        Assert.Equal(PolicyLoadError.BadCrc, PolicyTable.TryLoad(node.Flash.GetFileBytes(PolicyStore.FileName), PolicyTable.SerializedLength, out _, out var error) ? PolicyLoadError.None : error);

        // Next wake: the torn file fails its CRC, so the built-in table decides and the error is reported.
        WakeReport fallback = WakeAndSleep(node, policy: null);
        Assert.Equal(PolicyLoadError.BadCrc, fallback.PolicyError);
        Assert.Equal(PolicyTable.BuiltIn().Version, fallback.PolicyVersion);

        // A transmitting wake finds the command still retained and, the flash table being damaged, writes it again.
        WakeReport healed = fallback.RadioStarted ? fallback : WakeAndSleep(node, Uniform(1, transmit: true));
        Assert.Equal(PolicyUpdateOutcome.Applied, healed.PolicyOutcome);
        Assert.Equal(new[] { "47" }, Acks(node));
        Assert.Equal(table, node.Flash.GetFileBytes(PolicyStore.FileName));
        Assert.Equal(7u, WakeAndSleep(node).PolicyVersion);
    }

    /// <summary>Flash that loses power part-way through the first write to one file (<see cref="SimulatedFlash.CutPowerAfter"/>).</summary>
    private sealed class TearingStorage(SimulatedFlash flash, string fileName, int bytesBeforeCut) : IPersistentStorage
    {
        public bool Cut { get; private set; }

        public int GetLength(string name) => flash.GetLength(name);

        public int Read(string name, int position, byte[] buffer, int offset, int count) => flash.Read(name, position, buffer, offset, count);

        public bool Write(string name, int position, byte[] data, int offset, int count)
        {
            if (name == fileName && !Cut)
            {
                Cut = true;
                flash.CutPowerAfter(bytesBeforeCut);
            }
            return flash.Write(name, position, data, offset, count);
        }

        public bool Delete(string name) => flash.Delete(name);
    }
}
