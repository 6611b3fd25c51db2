using System;
using System.Diagnostics;
using System.Reflection;
using SensorNode.Core.Update;

namespace SensorNode.Firmware.Loader
{
    /// <summary>
    /// The thin loader (docs/updates.md): before the flashed application runs its wake, it asks the core's
    /// <see cref="AppLoader"/> which application set this boot runs, persists the decision (the boot attempt is counted
    /// before any code of the set runs), loads the set's assemblies with <c>System.Reflection.Assembly.Load(byte[])</c>
    /// and finds its entry point (the decision itself is the core's AppBoot, shared with the simulator).
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
    public sealed class AssemblySetLoader : IAppSetLoader
    {
        /// <summary>Type in the set's last assembly whose static <see cref="EntryMethodName"/>() runs one whole wake and deep-sleeps.</summary>
        public const string EntryTypeName = "SensorNode.App.Application";
        /// <summary>Static method, no parameters: it never returns on success (the deep sleep resets the chip).</summary>
        public const string EntryMethodName = "Run";

        /// <summary>The entry point of the set the last <see cref="Load"/> accepted; null before.</summary>
        public MethodInfo Entry;

        /// <summary>The slot's assemblies in load order, then the entry point; false when anything is missing or refused.</summary>
        public bool Load(ChunkStore store, UpdateManifest manifest)
        {
            Entry = null;
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
                        return false;
                    }
                }
                Type entryType = last.GetType(EntryTypeName);
                Entry = entryType == null ? null : entryType.GetMethod(EntryMethodName, BindingFlags.Public | BindingFlags.Static);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Application set " + manifest.Version.ToString() + " refused: " + ex.Message);
                Entry = null;
            }
            return Entry != null;
        }
    }
}
