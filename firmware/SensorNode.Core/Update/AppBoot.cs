using SensorNode.Core.Hardware;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// The loader's boot sequence over the node's storage (docs/updates.md), shared by the device and the simulator:
    /// decide with <see cref="AppLoader.Choose"/>, persist the decision before anything of the set runs (so a reset at any
    /// later point is a counted attempt), load the set, and abandon a trial set the platform refuses.
    /// </summary>
    public static class AppBoot
    {
        /// <summary>
        /// Returns the slot whose set <paramref name="loader"/> loaded for this boot, or -1: run the application flashed
        /// with nanoff (no update ever taken, the record unwritable while a trial is due, or a confirmed set that no
        /// longer loads). A trial set that fails to load is abandoned (<see cref="RollbackReason.LoadFailed"/>) and the
        /// choice made again: at most twice, since after an abandon no trial is left.
        /// </summary>
        public static int Run(IPersistentStorage storage, IAppSetLoader loader)
        {
            LoaderRecordStore records = new LoaderRecordStore(storage);
            LoaderRecord record = new LoaderRecord();
            if (!records.Load(record))
            {
                return -1;
            }
            for (int round = 0; round < 2; round++)
            {
                int slot = AppLoader.Choose(record, AppLoader.MaxFirstWakeAttempts);
                bool saved = records.Save(record);
                if (slot < 0 || (!saved && record.TrialBooting))
                {
                    // An attempt that could not be counted could repeat forever: never run the trial without its count.
                    return -1;
                }
                ChunkStore store = new ChunkStore(storage, slot);
                UpdateManifest manifest = store.LoadManifest();
                if (manifest != null && loader.Load(store, manifest))
                {
                    return slot;
                }
                if (!record.TrialBooting)
                {
                    return -1;
                }
                AppLoader.Abandon(record, manifest == null ? RollbackReason.BadImage : RollbackReason.LoadFailed);
                records.Save(record);
            }
            return -1;
        }

        /// <summary>
        /// The set's entry point failed (returned or threw): this boot is no longer the trial's, so the flashed
        /// application's wake that follows in the same boot cannot confirm it. The attempt stays counted.
        /// </summary>
        public static void EntryFailed(IPersistentStorage storage)
        {
            LoaderRecordStore records = new LoaderRecordStore(storage);
            LoaderRecord record = new LoaderRecord();
            if (records.Load(record) && record.TrialBooting)
            {
                record.TrialBooting = false;
                records.Save(record);
            }
        }
    }
}
