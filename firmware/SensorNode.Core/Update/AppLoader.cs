namespace SensorNode.Core.Update
{
    /// <summary>
    /// The loader's decisions, as pure functions over a <see cref="LoaderRecord"/> (docs/updates.md): which set this
    /// boot runs, counting the trial set's boots, abandoning it after <see cref="MaxFirstWakeAttempts"/> boots without a
    /// successful wake (or when it fails its checks or nanoCLR refuses it), confirming it at its first successful wake,
    /// and staging a newly verified set. The device's Program and the simulator both call these; the caller persists the
    /// record (<see cref="LoaderRecordStore"/>) before it runs anything, so a reset at any point is counted.
    /// </summary>
    public static class AppLoader
    {
        /// <summary>Boots a trial set gets to reach its first successful wake before it is abandoned for the previous set.</summary>
        public const int MaxFirstWakeAttempts = 3;

        /// <summary>
        /// Decides this boot. With a set on trial and attempts left: counts one more attempt, marks the boot as the
        /// trial's and returns its slot. With a trial out of attempts: abandons it (<see cref="RollbackReason.FailedFirstWake"/>)
        /// and falls back. Otherwise the confirmed set's slot, or -1 for the flashed application.
        /// </summary>
        public static int Choose(LoaderRecord record, int maxAttempts)
        {
            if (record.TrialSlot >= 0)
            {
                if (record.TrialAttempts < maxAttempts)
                {
                    record.TrialAttempts++;
                    record.TrialBooting = true;
                    return record.TrialSlot;
                }
                Abandon(record, RollbackReason.FailedFirstWake);
            }
            record.TrialBooting = false;
            return record.ActiveSlot;
        }

        /// <summary>Abandons the set on trial for the confirmed one (or the flashed application), remembering why.</summary>
        public static void Abandon(LoaderRecord record, RollbackReason reason)
        {
            if (record.TrialSlot < 0)
            {
                return;
            }
            record.RolledBackVersion = record.TrialVersion;
            record.RollbackReason = reason;
            record.TrialSlot = -1;
            record.TrialVersion = 0;
            record.TrialAttempts = 0;
            record.TrialBooting = false;
            record.ReportPending = true;
        }

        /// <summary>
        /// The running application reached a successful wake. When it is the trial set's first, the trial becomes the
        /// confirmed set (the old one's slot is free for the next download). True when the record changed.
        /// </summary>
        public static bool ConfirmSuccessfulWake(LoaderRecord record)
        {
            if (!record.TrialBooting || record.TrialSlot < 0)
            {
                return false;
            }
            record.ActiveSlot = record.TrialSlot;
            record.ActiveVersion = record.TrialVersion;
            record.TrialSlot = -1;
            record.TrialVersion = 0;
            record.TrialAttempts = 0;
            record.TrialBooting = false;
            record.ReportPending = true;
            return true;
        }

        /// <summary>The slot a download goes to: never the confirmed set's.</summary>
        public static int DownloadSlot(LoaderRecord record)
        {
            return record.ActiveSlot == 0 ? 1 : 0;
        }

        /// <summary>A verified set in <paramref name="slot"/> goes on trial from the next boot (replacing any set still on trial).</summary>
        public static void Stage(LoaderRecord record, int slot, uint version)
        {
            record.TrialSlot = slot;
            record.TrialVersion = version;
            record.TrialAttempts = 0;
            record.TrialBooting = false;
        }

        /// <summary>Whether <paramref name="version"/> is already confirmed or staged (a resent manifest starts nothing).</summary>
        public static bool Holds(LoaderRecord record, uint version)
        {
            return version != 0 && (record.ActiveVersion == version || (record.TrialSlot >= 0 && record.TrialVersion == version));
        }

        /// <summary>
        /// Whether <paramref name="version"/> is the set this node last abandoned: never staged again (it would fail again);
        /// a fixed set comes with a new version number.
        /// </summary>
        public static bool Refuses(LoaderRecord record, uint version)
        {
            return version != 0 && record.RolledBackVersion == version;
        }
    }
}
