using System;
using System.Diagnostics;
using System.Reflection;
using SensorNode.Core.Hardware;
using SensorNode.Core.Update;

namespace SensorNode.Firmware.Loader
{
    /// <summary>
    /// The thin loader (docs/updates.md): before the flashed application runs its wake, it asks the core's
    /// <see cref="AppLoader"/> which application set this boot runs, persists the decision (the boot attempt is counted
    /// before any code of the set runs), loads the set's assemblies with <c>System.Reflection.Assembly.Load(byte[])</c>
    /// and returns its entry point. Null means: run the application flashed with nanoff (version 0).
    ///
    /// What nanoCLR does with the bytes (read in nanoframework/nf-interpreter at d53a334733da901c9e1d24e2169fcf4b5e8f5d57,
    /// src/CLR/CorLib/corlib_native_System_Reflection_Assembly.cpp, Load___STATIC__SystemReflectionAssembly__SZARRAY_U1):
    /// the array's first bytes are taken as the assembly header; only when <c>header->GoodAssembly()</c> holds (header
    /// CRC, string-table version, "NFMRK2" marker and the CRC of the whole assembly: src/CLR/Core/TypeSystem.cpp) is it
    /// linked (<c>CLR_RT_Assembly::CreateInstance</c>, <c>m_pFile = array</c> so the array stays referenced, then
    /// <c>ResolveAll</c> and <c>PrepareForExecution</c>). A bad image is not an exception: Load returns null, which is
    /// why a null here is <see cref="RollbackReason.LoadFailed"/>. The managed declaration is
    /// nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/Reflection/Assembly.cs
    /// (5942dc0ab1e479e62e87649bb976588549cdc94e): <c>public static extern Assembly Load(byte[] rawAssembly)</c>,
    /// under NANOCLR_REFLECTION, present in the mscorlib 1.17.11 this project compiles against. No nanoFramework sample
    /// that updates assemblies this way was found in the sources searched; nothing here ran on nanoCLR.
    /// </summary>
    public static class AssemblySetLoader
    {
        /// <summary>Type in the set's last assembly whose static <see cref="EntryMethodName"/>() runs one whole wake and deep-sleeps.</summary>
        public const string EntryTypeName = "SensorNode.App.Application";
        /// <summary>Static method, no parameters: it never returns on success (the deep sleep resets the chip).</summary>
        public const string EntryMethodName = "Run";

        /// <summary>
        /// Chooses, persists and loads the set this boot runs; null for the flashed application (no update ever taken,
        /// the record unwritable while a trial is due, or a confirmed set that no longer loads). A trial set that fails to
        /// load is abandoned at once and the choice is made again (at most twice: after an abandon no trial is left).
        /// </summary>
        public static MethodInfo Prepare(IPersistentStorage storage)
        {
            LoaderRecordStore records = new LoaderRecordStore(storage);
            LoaderRecord record = new LoaderRecord();
            if (!records.Load(record))
            {
                return null;
            }
            for (int round = 0; round < 2; round++)
            {
                int slot = AppLoader.Choose(record, AppLoader.MaxFirstWakeAttempts);
                if (!records.Save(record))
                {
                    // An uncounted attempt could repeat forever: without a saved count, never run the trial.
                    return record.TrialBooting ? null : Load(storage, slot);
                }
                if (slot < 0)
                {
                    return null;
                }
                MethodInfo entry = Load(storage, slot);
                if (entry != null || !record.TrialBooting)
                {
                    return entry;
                }
                AppLoader.Abandon(record, RollbackReason.LoadFailed);
                records.Save(record);
            }
            return null;
        }

        /// <summary>
        /// The set's entry point failed (it returned or threw): this boot is no longer the trial's, so the flashed
        /// application's wake that follows cannot confirm it. The attempt stays counted.
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

        // The slot's assemblies in load order, then the entry point; null when anything is missing or refused.
        private static MethodInfo Load(IPersistentStorage storage, int slot)
        {
            if (slot < 0)
            {
                return null;
            }
            ChunkStore store = new ChunkStore(storage, slot);
            UpdateManifest manifest = store.LoadManifest();
            if (manifest == null)
            {
                return null;
            }
            Assembly last = null;
            try
            {
                for (int i = 0; i < manifest.AssemblyBytes.Length; i++)
                {
                    byte[] bytes = store.ReadAssembly(manifest, i);
                    // nanoCLR checks the assembly's own CRCs here (GoodAssembly) and returns null for a damaged image.
                    last = bytes == null ? null : Assembly.Load(bytes);
                    if (last == null)
                    {
                        return null;
                    }
                }
                Type entryType = last.GetType(EntryTypeName);
                return entryType == null ? null : entryType.GetMethod(EntryMethodName, BindingFlags.Public | BindingFlags.Static);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Application set " + manifest.Version.ToString() + " refused: " + ex.Message);
                return null;
            }
        }
    }
}
