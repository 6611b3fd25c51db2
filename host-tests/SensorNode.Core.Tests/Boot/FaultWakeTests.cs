using System.Text;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;
using SensorNode.Core.Tests.Config;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.Boot;

/// <summary>
/// Issue 9 items 6 and 7: a node without a trustworthy configuration sleeps long, never publishes as a configured
/// node, and reports its fault under a MAC-derived identity only when it has network settings it can trust.
/// </summary>
public class FaultWakeTests
{
    private const long Start = 1_727_690_400_000;
    private static readonly byte[] Mac = { 0xA4, 0xCF, 0x12, 0x9B, 0x0E, 0x44 };
    private const string Identity = "unconfigured-a4cf129b0e44";

    private static BootConfiguration Boot(string? config, string? secrets = "[wifi]\npassword = correct-horse\n")
    {
        var storage = new FakeStorage();
        if (config != null) storage.Put("nf.config", Encoding.ASCII.GetBytes(ConfigSeal.Seal(config)));
        if (secrets != null) storage.Put("secrets.config", Encoding.ASCII.GetBytes(ConfigSeal.Seal(secrets)));
        return BootConfiguration.Load(storage, new[] { "state.bin" });
    }

    private static BootConfiguration BadPin() => Boot(RepoFiles.ReadText("nf.config").Replace("pir = 27", "pir = 5"));

    private static NodeHardware Hardware(SimulatedNode node) => new()
    {
        SupercapAdc = node.Adc, Clock = node.Clock, Delay = node.Clock, Storage = node.Flash,
        Link = node.Link, Mqtt = node.Mqtt, RadioConfig = node.RadioConfig,
    };

    private static (SleepPlan, FaultWakeReport) Run(SimulatedNode node, BootConfiguration boot, WakeCause cause, string? identity = Identity)
    {
        node.Clock.Boot();
        node.Sleep.Boot(cause);
        node.RadioConfig.Boot();
        var hardware = Hardware(node);
        var wake = new FaultWake(boot, hardware, identity);
        SleepPlan plan = wake.Run(cause);
        plan.Enter(node.Sleep, hardware.RadioConfig);
        return (plan, wake.LastReport);
    }

    [Fact]
    public void IdentityFromTheMac_IsAValidNodeIdThatNoConfigCanUse()
    {
        string id = UnconfiguredIdentity.FromMac(Mac)!;

        Assert.Equal(Identity, id);
        _ = new MqttTopics("sensornode", id);                 // a valid topic level
        Assert.Null(UnconfiguredIdentity.FromMac(new byte[6]));
        Assert.Null(UnconfiguredIdentity.FromMac(new byte[] { 1, 2, 3 }));
        Assert.Null(UnconfiguredIdentity.FromMac(null!));
    }

    [Fact]
    public void TrustedNetwork_ReportsTheFault_InTwoBoots_UnderTheUnconfiguredIdentity_AndSleepsLong()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 9);
        node.Adc.SupercapVolts = 4.8;
        var boot = BadPin();

        var (first, firstReport) = Run(node, boot, WakeCause.Timer);
        Assert.True(firstReport.RadioDeferredToNextBoot);
        Assert.True(node.RadioConfig.Stored);
        Assert.Equal(SleepPlan.RadioBootDelaySeconds, first.SleepSeconds);

        node.SleepFor(1000);
        var (second, report) = Run(node, boot, WakeCause.Timer);

        Assert.True(report.Reported, report.Reason);
        Assert.Equal(FaultWake.FaultSleepSeconds, second.SleepSeconds);
        Assert.False(node.RadioConfig.Stored);
        var message = Assert.Single(node.Broker.Messages);
        Assert.Equal("sensornode/" + Identity + "/fault", message.Topic);
        Assert.True(message.Retain);
        Assert.StartsWith("fault:config-invalid cfg=" + boot.ConfigCrc.ToString("X8") + "\nnf.config:line ", message.PayloadText);
        Assert.Contains("[pins] pir", message.PayloadText);
        Assert.DoesNotContain(node.Broker.Messages, m => m.Topic.Contains("node-01"));
        Assert.DoesNotContain("correct-horse", message.PayloadText);
    }

    [Fact]
    public void MissingConfig_HasNothingToTrust_OnlySleepsLong_WithoutTheRadio()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 9);
        node.Adc.SupercapVolts = 4.8;

        var (plan, report) = Run(node, Boot(null), WakeCause.Timer);

        Assert.False(report.Reported);
        Assert.Equal("no trustworthy network settings", report.Reason);
        Assert.Equal(FaultWake.FaultSleepSeconds, plan.SleepSeconds);
        Assert.False(node.RadioConfig.Stored);
        Assert.Equal(0, node.RadioConfig.Writes);
        Assert.Equal(0, node.Link.ConnectAttempts);
        Assert.Empty(node.Broker.Messages);
    }

    [Fact]
    public void UnreadableMac_NeverPublishes()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 9);
        node.RadioConfig.Stored = true;

        var (_, report) = Run(node, BadPin(), WakeCause.Timer, identity: null);

        Assert.False(report.Reported);
        Assert.Empty(node.Broker.Messages);
        Assert.False(node.RadioConfig.Stored);                // the radio left on by an older firmware is switched off
    }

    [Fact]
    public void LowSupercap_DoesNotStartTheRadio()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 9);
        node.Adc.SupercapVolts = 3.05;

        var (_, report) = Run(node, BadPin(), WakeCause.Timer);

        Assert.Equal("supercap too low for the radio", report.Reason);
        Assert.False(node.RadioConfig.Stored);
    }

    [Fact]
    public void FaultyNode_KeepsTheMaintenanceWindow_AfterAPowerOn_SoTheFilesCanBeRedeployed()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 9);
        node.Adc.SupercapVolts = 5.0;

        var (_, report) = Run(node, Boot(null), WakeCause.PowerOn);

        Assert.Equal(30, report.MaintenanceSeconds);
    }

    [Fact]
    public void FaultyNode_NeverTouchesTheReadingLogOrState()
    {
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 9);
        node.Adc.SupercapVolts = 4.8;
        var boot = BadPin();

        Run(node, boot, WakeCause.Timer); node.SleepFor(1000);
        Run(node, boot, WakeCause.Timer);

        Assert.Equal(0, node.Flash.GetLength(WakeCycle.LogFileName));
        Assert.Equal(0, node.Flash.GetLength(WakeCycle.StateFileName));
    }

    [Fact]
    public void FaultReport_ListsTheFirstErrors_WithFileLineAndField()
    {
        var errors = new System.Collections.ArrayList();
        ConfigParser.Parse("[pins]\npir = 5\ni2c_data = 6\n[mqtt]\nport = 0\nnode_id = x\n", "nf.config", errors);
        byte[] buffer = new byte[FaultReport.MaxLength];

        int length = FaultReport.Write(buffer, "config-invalid", 0x1A2B3C4D, errors);
        string[] lines = Encoding.ASCII.GetString(buffer, 0, length).Split('\n');

        Assert.Equal("fault:config-invalid cfg=1A2B3C4D", lines[0]);
        Assert.Equal(1 + FaultReport.MaxErrors, lines.Length);
        Assert.Equal(((ConfigError)errors[0]!).ToString(), lines[1]);                // in the parser's order
        Assert.Contains(lines, l => l.StartsWith("nf.config:line 2: [pins] pir: "));
        Assert.All(lines, l => Assert.True(l.Length <= FaultReport.MaxErrorLength));
        Assert.Equal("fault:storage-empty cfg=none", Encoding.ASCII.GetString(buffer, 0, FaultReport.Write(buffer, "storage-empty", 0, null!)));
    }
}
