namespace SensorNode.Core.Update
{
    /// <summary>Why the loader abandoned an application set (reported on the app topic, docs/mqtt.md).</summary>
    public enum RollbackReason
    {
        /// <summary>No rollback.</summary>
        None = 0,
        /// <summary>The set booted <see cref="AppLoader.MaxFirstWakeAttempts"/> times without reaching its first successful wake.</summary>
        FailedFirstWake = 1,
        /// <summary>The staged image failed its CRC-32 check at boot (flash damaged after staging).</summary>
        BadImage = 2,
        /// <summary>nanoCLR refused an assembly (Assembly.Load returned null or threw), or the entry point is missing.</summary>
        LoadFailed = 3,
    }
}
