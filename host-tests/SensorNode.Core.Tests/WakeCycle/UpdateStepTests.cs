using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Telemetry;
using SensorNode.Core.Update;
using SensorNode.Simulation;
using SensorNode.Simulation.Updates;
using Xunit;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>
/// The wake's update step (docs/updates.md) through whole wakes of a simulated node: only where updates are enabled,
/// only above the safe level, the manifest looked for at most every 6 h, chunks fetched, the set staged, then tried,
/// confirmed and reported on the app topic.
/// </summary>
public class UpdateStepTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC
    private static readonly NodeConfig Config = new();

    private static SimulatedNode NewNode(bool updates)
    {
        var node = new SimulatedNode(Config, Start, seed: 1) { ModelLoader = updates };
        var action = new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = false, Transmit = true };
        byte[] table = PolicyTable.FromActionCodes(99, Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray()).Serialize();
        node.Flash.SetFileBytes(PolicyStore.FileName, table);
        return node;
    }

    private static UpdateGatewaySession Gateway(SimulatedNode node, UpdateImage image)
    {
        var session = new UpdateGatewaySession(node.Mqtt, node.Broker, node.Clock, node.Flash, new MqttTopics(Config.TopicPrefix, Config.NodeId), image);
        node.ReplaceMqtt(session);
        return session;
    }

    private static WakeReport WakeAndSleep(SimulatedNode node, long sleepMilliseconds = 15_000)
    {
        WakeReport report = node.Wake(WakeCause.Timer);
        node.SleepFor(sleepMilliseconds);
        return report;
    }

    [Fact]
    public void UpdatesDisabled_TheWakeIsAsBefore_NoSubscribeNoBootFile()
    {
        var node = NewNode(updates: false);
        Gateway(node, FleetUpdateSimulation.Synthetic(2, 4096, 1024, 1));

        WakeReport report = WakeAndSleep(node);

        Assert.True(report.RadioStarted);
        Assert.False(report.UpdateChecked);
        Assert.Equal(1, node.Mqtt.Subscriptions);                       // cmd/policy only
        Assert.Equal(0, node.Flash.GetLength(LoaderRecordStore.FileName));
    }

    [Fact]
    public void WholeSet_IsFetchedStagedTriedConfirmedAndReported()
    {
        var node = NewNode(updates: true);
        UpdateImage image = FleetUpdateSimulation.Synthetic(2, 4000, 1024, 1);
        UpdateGatewaySession gateway = Gateway(node, image);

        WakeReport fetch = WakeAndSleep(node);
        Assert.True(fetch.UpdateChecked);
        Assert.Equal(2u, fetch.UpdateManifestVersion);
        Assert.True(fetch.UpdateManifestStarted);
        Assert.Equal(4, fetch.UpdateChunksStored);
        Assert.Equal(2u, fetch.UpdateStagedVersion);
        Assert.Equal(4, gateway.ChunksAcked);
        Assert.Equal(0u, fetch.AppVersion);

        WakeReport trial = WakeAndSleep(node);                          // the loader boots the trial; its wake confirms it
        Assert.True(trial.AppConfirmed);
        Assert.Equal(2u, trial.AppVersion);
        Assert.Equal(0u, gateway.ReportedVersion);                      // the confirmation comes after this wake's radio
        WakeAndSleep(node);
        Assert.Equal(2u, gateway.ReportedVersion);                      // the next transmitting wake reports it
        var record = new LoaderRecord();
        new LoaderRecordStore(node.Flash).Load(record);
        Assert.Equal(2u, record.ActiveVersion);
        Assert.Equal(AppLoader.DownloadSlot(new LoaderRecord()), record.ActiveSlot);
    }

    [Fact]
    public void Manifest_IsLookedForAtMostEverySixHours()
    {
        var node = NewNode(updates: true);
        WakeAndSleep(node);                                              // first look: nothing retained
        int afterFirst = node.Mqtt.Subscriptions;
        WakeAndSleep(node, 3600_000);                                    // 15 s after the first look: none
        Assert.Equal(afterFirst + 1, node.Mqtt.Subscriptions);           // cmd/policy only
        node.SleepFor(UpdateReceiver.PollIntervalSeconds * 1000L);
        WakeReport later = WakeAndSleep(node);                           // more than 6 h after the first look
        Assert.Equal(afterFirst + 3, node.Mqtt.Subscriptions);           // cmd/policy and cmd/update
        Assert.True(later.UpdateChecked);
    }

    [Fact]
    public void BelowTheSafeLevel_NothingIsFetched_AboveItTheSetIs()
    {
        var node = NewNode(updates: true);
        UpdateGatewaySession gateway = Gateway(node, FleetUpdateSimulation.Synthetic(2, 2048, 1024, 1));
        var supercap = new Energy.SupercapModel(Config.CapacitanceMillifarads, Config.EsrMilliohms, Config.BrownoutMillivolts, Config.MaxMillivolts);
        int floor = new Energy.BrownoutGuard(supercap, Config.RadioPeakMilliamps, Config.TransmitBudgetMillijoules).MinimumStartMillivolts;
        int safe = UpdateFetchBudget.SafeMillivolts(supercap, floor, 1024, Config.RadioMilliamps);
        node.Adc.SupercapVolts = (floor + 5) / 1000.0;                  // the guard lets it transmit; below the update's level

        WakeReport low = WakeAndSleep(node);
        Assert.True(low.RadioStarted);
        Assert.False(low.UpdateChecked);
        Assert.Equal(0, gateway.ChunksAcked);

        node.Adc.SupercapVolts = (safe + 300) / 1000.0;
        WakeReport charged = WakeAndSleep(node);
        Assert.True(charged.UpdateChecked);
        Assert.Equal(2, gateway.ChunksAcked);
    }
}
