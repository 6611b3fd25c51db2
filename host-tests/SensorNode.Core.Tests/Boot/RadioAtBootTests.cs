using SensorNode.Core;
using SensorNode.Core.Hardware;
using SensorNode.Simulation;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Boot;

/// <summary>
/// Issue 9 item 5: nanoCLR starts the radio at boot whenever its stored station configuration is enabled, and a boot
/// that started with it disabled cannot connect at all. Every path to sleep must leave it disabled unless the next
/// boot is a planned radio wake, and a radio-free wake must not write it.
/// </summary>
public class RadioAtBootTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00 UTC

    private static SimulatedNode NewNode()
    {
        var node = new SimulatedNode(new Core.Config.NodeConfig(), Start, seed: 3) { ModelBootTimeRadio = true };
        return node;
    }

    [Fact]
    public void RadioFreeTimerWakes_NeverWriteTheStoredConfiguration()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: false, pir: false);
        for (int i = 0; i < 5; i++) { node.Wake(WakeCause.Timer); node.SleepFor(15_000); }

        Assert.Equal(0, node.RadioConfig.Writes);
        Assert.False(node.RadioConfig.Stored);
        Assert.Equal(0, node.Link.ConnectAttempts);
    }

    [Fact]
    public void PirWake_EndsDisabled_WithoutAWrite()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: false, pir: true);
        WakeReport report = node.Wake(WakeCause.Motion);

        Assert.False(report.Plan.RadioAtNextBoot);
        Assert.False(node.RadioConfig.Stored);
        Assert.Equal(0, node.RadioConfig.Writes);
    }

    [Fact]
    public void FirstBootAfterAnOlderFirmware_FindsItEnabled_AndDisablesItOnce()
    {
        var node = NewNode();
        node.RadioConfig.Stored = true;                      // left AutoConnect by WifiNetworkHelper.ConnectDhcp
        ForcedPolicy.Install(node, transmit: false, pir: false);
        node.Broker.Unreachable = true;                       // whatever the radio does, the wake must end disabled

        node.Wake(WakeCause.PowerOn); node.SleepFor(15_000);
        node.Wake(WakeCause.Timer); node.SleepFor(15_000);
        node.Wake(WakeCause.Timer);

        Assert.False(node.RadioConfig.Stored);
        Assert.Equal(1, node.RadioConfig.Writes);
    }

    [Fact]
    public void TransmitDecision_WithTheRadioOffAtBoot_EnablesIt_AndSleepsOneSecondIntoTheRadioWake()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: true, pir: true);

        WakeReport first = node.Wake(WakeCause.Timer);

        Assert.True(first.RadioDeferredToNextBoot);
        Assert.False(first.RadioStarted);
        Assert.Equal(0, node.Link.ConnectAttempts);          // a connect could not work in this boot
        Assert.True(node.RadioConfig.Stored);
        Assert.Equal(SleepPlan.RadioBootDelaySeconds, node.Sleep.ArmedTimerSeconds);
        Assert.False(node.Sleep.MotionArmed);

        node.SleepFor(first.Plan.SleepSeconds * 1000L);
        WakeReport second = node.Wake(WakeCause.Timer);

        Assert.True(second.RadioOnAtBoot);
        Assert.True(second.RadioStarted);
        Assert.Equal(2, second.ReadingsAcknowledged);
        Assert.False(second.Plan.RadioAtNextBoot);
        Assert.False(node.RadioConfig.Stored);
        Assert.Equal(2, node.RadioConfig.Writes);             // one radio cycle = enable + disable
    }

    [Fact]
    public void RadioWake_TransmitsEvenWhenItsOwnPolicySaysNo_BecauseTheRadioIsAlreadyPaidFor()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: false, pir: false);
        node.RadioConfig.Stored = true;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.RadioStarted);
        Assert.Equal(1, report.ReadingsAcknowledged);
        Assert.False(node.RadioConfig.Stored);
    }

    [Fact]
    public void LowVoltage_RadioWake_EndsDisabled_AndDoesNotPlanAnother()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: true, pir: false);
        node.RadioConfig.Stored = true;
        node.Adc.SupercapVolts = 3.05;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.GuardRefused);
        Assert.False(report.Plan.RadioAtNextBoot);
        Assert.False(node.RadioConfig.Stored);
    }

    [Fact]
    public void LowVoltage_RadioFreeWake_DoesNotEnableTheRadio()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: true, pir: false);
        node.Adc.SupercapVolts = 3.05;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.GuardRefused);
        Assert.False(node.RadioConfig.Stored);
        Assert.Equal(0, node.RadioConfig.Writes);
    }

    [Fact]
    public void WifiFailure_InTheRadioWake_EndsDisabled()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: true, pir: false);
        node.RadioConfig.Stored = true;
        node.Link.FailNextConnects(1);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.LinkFailed);
        Assert.False(report.Plan.RadioAtNextBoot);
        Assert.False(node.RadioConfig.Stored);
    }

    [Fact]
    public void AdapterException_InTheRadioWake_EndsDisabled()
    {
        var node = NewNode();
        ForcedPolicy.Install(node, transmit: true, pir: false);
        node.RadioConfig.Stored = true;
        node.ReplaceMqtt(new ThrowingSession());

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.BrokerFailed);
        Assert.False(node.RadioConfig.Stored);
    }

    [Fact]
    public void SafePlan_OfTheFailurePath_DisablesAnEnabledConfiguration()
    {
        var store = new SimulatedRadioConfig { Stored = true };
        store.Boot();
        var sleep = new SimulatedSleepController();

        int writes = SleepPlan.Safe(600).Enter(sleep, store);

        Assert.Equal(1, writes);
        Assert.False(store.Stored);
        Assert.True(sleep.Sleeping);
        Assert.Equal(600, sleep.ArmedTimerSeconds);
    }

    [Fact]
    public void StoreThatThrowsOnRead_IsDisabledAnyway_AndTheNodeStillSleeps()
    {
        var store = new SimulatedRadioConfig { Stored = true, FailNext = true };
        var sleep = new SimulatedSleepController();

        SleepPlan.IntoRadioWake().Enter(sleep, store);        // even a planned radio wake is dropped when the state is unknown

        Assert.False(store.Stored);
        Assert.True(sleep.Sleeping);
    }

    [Fact]
    public void WithoutAStore_TheHostModelTransmitsInTheSameWake()
    {
        var node = new SimulatedNode(new Core.Config.NodeConfig(), Start, seed: 3);
        ForcedPolicy.Install(node, transmit: true, pir: false);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.RadioStarted);
        Assert.False(report.RadioDeferredToNextBoot);
    }

    private sealed class ThrowingSession : IMqttSession
    {
        public bool Connect(string clientId, string willTopic, string willMessage, int timeoutMilliseconds) => throw new InvalidOperationException("adapter bug");
        public MqttPublishResult PublishQos1(string topic, byte[] payload, int length, bool retain, int ackTimeoutMilliseconds) => throw new InvalidOperationException();
        public int ReceiveRetained(string topicFilter, byte[] buffer, int timeoutMilliseconds) => throw new InvalidOperationException();
        public void Disconnect() { }
    }
}
