using SensorNode.Core.Update;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Update;

/// <summary>The loader's decisions (docs/updates.md): trial boots counted, rollback after N failed first wakes, confirmation, reports.</summary>
public class AppLoaderTests
{
    [Fact]
    public void TrialThatNeverReachesItsFirstWake_IsAbandonedAfterNBoots_ForThePreviousSet()
    {
        var record = new LoaderRecord { ActiveSlot = 0, ActiveVersion = 4 };
        AppLoader.Stage(record, AppLoader.DownloadSlot(record), 5);
        Assert.Equal(1, record.TrialSlot);

        for (int attempt = 1; attempt <= AppLoader.MaxFirstWakeAttempts; attempt++)
        {
            Assert.Equal(1, AppLoader.Choose(record, AppLoader.MaxFirstWakeAttempts));
            Assert.True(record.TrialBooting);
            Assert.Equal(5u, record.RunningVersion);
            Assert.Equal(attempt, record.TrialAttempts);
        }
        Assert.Equal(0, AppLoader.Choose(record, AppLoader.MaxFirstWakeAttempts));
        Assert.False(record.TrialBooting);
        Assert.Equal(4u, record.RunningVersion);
        Assert.Equal(5u, record.RolledBackVersion);
        Assert.Equal(RollbackReason.FailedFirstWake, record.RollbackReason);
        Assert.True(record.ReportPending);
        Assert.Equal(-1, record.TrialSlot);
        // Later boots stay on the previous set.
        Assert.Equal(0, AppLoader.Choose(record, AppLoader.MaxFirstWakeAttempts));
        Assert.False(AppLoader.ConfirmSuccessfulWake(record));
    }

    [Fact]
    public void FirstSuccessfulWake_ConfirmsTheTrial_AndFreesTheOtherSlotForTheNextDownload()
    {
        var record = new LoaderRecord();
        Assert.Equal(-1, AppLoader.Choose(record, 3));     // never updated: the flashed application
        AppLoader.Stage(record, AppLoader.DownloadSlot(record), 9);
        AppLoader.Choose(record, 3);
        AppLoader.Choose(record, 3);                        // one failed boot, then a good one
        Assert.True(AppLoader.ConfirmSuccessfulWake(record));
        Assert.Equal(9u, record.ActiveVersion);
        Assert.Equal(0, record.ActiveSlot);
        Assert.Equal(1, AppLoader.DownloadSlot(record));
        Assert.True(record.ReportPending);
        Assert.True(AppLoader.Holds(record, 9));
        Assert.False(AppLoader.Holds(record, 10));
    }

    [Fact]
    public void FlashedApplicationsWake_DoesNotConfirmATrialItDidNotRun()
    {
        var record = new LoaderRecord();
        AppLoader.Stage(record, 0, 2);
        AppLoader.Choose(record, 3);
        record.TrialBooting = false;                        // the set's entry failed; the flashed wake runs instead
        Assert.False(AppLoader.ConfirmSuccessfulWake(record));
        Assert.Equal(0u, record.ActiveVersion);
    }

    [Fact]
    public void Report_NamesTheRunningVersion_AndTheRollback()
    {
        var buffer = new byte[AppReport.MaxLength];
        var record = new LoaderRecord { ActiveSlot = 0, ActiveVersion = 4 };
        Assert.Equal("4", System.Text.Encoding.ASCII.GetString(buffer, 0, AppReport.Write(buffer, record)));
        AppLoader.Stage(record, 1, 4294967295);
        AppLoader.Abandon(record, RollbackReason.FailedFirstWake);
        Assert.Equal("4 rolled-back 4294967295 failed-first-wake", System.Text.Encoding.ASCII.GetString(buffer, 0, AppReport.Write(buffer, record)));
    }

    [Fact]
    public void RecordStore_PowerCutAtEveryByteOfASave_KeepsTheOldOrTheNewRecordWhole()
    {
        for (int cut = 0; cut <= LoaderRecord.Bytes; cut++)
        {
            var flash = new SimulatedFlash();
            var store = new LoaderRecordStore(flash);
            var old = new LoaderRecord { ActiveSlot = 0, ActiveVersion = 3 };
            Assert.True(store.Save(old));
            var next = new LoaderRecord { ActiveSlot = 0, ActiveVersion = 3, TrialSlot = 1, TrialVersion = 4, TrialAttempts = 1, TrialBooting = true };
            flash.CutPowerAfter(cut);
            try { store.Save(next); } catch (SimulatedPowerLossException) { }

            var loaded = new LoaderRecord();
            Assert.True(new LoaderRecordStore(flash).Load(loaded));
            bool isNew = loaded.TrialAttempts == 1;
            Assert.Equal(isNew ? 4u : 0u, loaded.TrialVersion);
            Assert.Equal(isNew, loaded.TrialBooting);
            Assert.Equal(3u, loaded.ActiveVersion);
            Assert.Equal(cut >= LoaderRecord.Bytes, isNew);
        }
    }

    [Fact]
    public void RecordStore_WithoutAFile_IsTheFlashedApplication()
    {
        var record = new LoaderRecord { ActiveVersion = 8 };
        Assert.False(new LoaderRecordStore(new SimulatedFlash()).Load(record));
        Assert.Equal(0u, record.ActiveVersion);
        Assert.Equal(-1, record.ActiveSlot);
    }
}
