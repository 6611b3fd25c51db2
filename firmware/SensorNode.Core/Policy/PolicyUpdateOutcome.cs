namespace SensorNode.Core.Policy
{
    /// <summary>What a wake did with a "policy" command (<see cref="PolicyUpdate"/>).</summary>
    public enum PolicyUpdateOutcome
    {
        /// <summary>No command: none retained, not looked for (no radio, supercap below the safe voltage), or the receive failed.</summary>
        None = 0,
        /// <summary>The table was written to flash; it decides from the next wake on. Acked "&lt;id&gt;".</summary>
        Applied = 1,
        /// <summary>Flash already holds an intact table of this version: nothing written. Acked "&lt;id&gt;".</summary>
        AlreadyInEffect = 2,
        /// <summary>The payload is not "&lt;id&gt;\n&lt;table&gt;". Acked "0 rejected bad-command".</summary>
        BadCommand = 3,
        /// <summary>The body fails <see cref="PolicyTable.TryLoad"/>. Acked "&lt;id&gt; rejected bad-table"; flash untouched.</summary>
        BadTable = 4,
        /// <summary>Flash refused the write. Acked "&lt;id&gt; rejected write-failed".</summary>
        WriteFailed = 5,
    }
}
