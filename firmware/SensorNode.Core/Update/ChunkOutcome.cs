namespace SensorNode.Core.Update
{
    /// <summary>What <see cref="ChunkStore.Store"/> did with one received chunk.</summary>
    public enum ChunkOutcome
    {
        /// <summary>Written, read back, matched its CRC-32, and then marked present.</summary>
        Stored = 0,
        /// <summary>Already marked present: nothing written (a resent chunk costs no flash wear).</summary>
        AlreadyPresent = 1,
        /// <summary>Index out of range, wrong length, or its CRC-32 is not the manifest's: nothing written. Acked "bad-chunk".</summary>
        BadChunk = 2,
        /// <summary>Flash refused the write, or the bytes read back differ: not marked. Acked "write-failed".</summary>
        WriteFailed = 3,
    }
}
