namespace SensorNode.Core.Update
{
    /// <summary>
    /// Loads one application set for <see cref="AppBoot"/>: on the device, each assembly through
    /// System.Reflection.Assembly.Load(byte[]) and the entry point found (firmware Loader/AssemblySetLoader.cs); in the
    /// simulator, the cost of doing so. False when the platform refuses the set.
    /// </summary>
    public interface IAppSetLoader
    {
        /// <summary>Loads the set in <paramref name="store"/> described by <paramref name="manifest"/>; false when it cannot run.</summary>
        bool Load(ChunkStore store, UpdateManifest manifest);
    }
}
