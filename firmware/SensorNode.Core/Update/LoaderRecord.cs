using SensorNode.Core.Numerics;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// What the loader knows across boots (docs/updates.md): the confirmed set it runs, the staged set on trial and its
    /// boot attempts, and the last rollback. Version 0 and slot -1 name the application flashed with nanoff, which is
    /// always there. Serialized in 40 bytes (<see cref="Encode"/>), kept by <see cref="LoaderRecordStore"/>.
    /// </summary>
    public sealed class LoaderRecord
    {
        /// <summary>Serialized length, bytes.</summary>
        public const int Bytes = 40;
        private const uint Magic = 0x4C444E53; // "SNDL"

        /// <summary>The confirmed set: its slot (-1: the flashed application) and version (0: the flashed one).</summary>
        public int ActiveSlot = -1;
        public uint ActiveVersion;
        /// <summary>The staged, verified set not yet confirmed by a successful wake: slot (-1: none) and version.</summary>
        public int TrialSlot = -1;
        public uint TrialVersion;
        /// <summary>Boots of the trial set so far that did not (yet) reach a successful wake.</summary>
        public int TrialAttempts;
        /// <summary>This boot runs the trial set: its first successful wake confirms it.</summary>
        public bool TrialBooting;
        /// <summary>The last abandoned set's version (0: none) and why.</summary>
        public uint RolledBackVersion;
        public RollbackReason RollbackReason;
        /// <summary>A change (confirmation, rollback) not yet published on the app topic.</summary>
        public bool ReportPending;
        /// <summary>When the node last looked for a manifest (cmd/update), Unix s; 0: never (or no wall time then).</summary>
        public uint LastPollUnixSeconds;

        /// <summary>The version this boot runs: the trial's while <see cref="TrialBooting"/>, else the active one.</summary>
        public uint RunningVersion
        {
            get { return TrialBooting ? TrialVersion : ActiveVersion; }
        }

        /// <summary>Writes the record with <paramref name="generation"/> at <paramref name="offset"/>, CRC-32 last.</summary>
        public void Encode(uint generation, byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt32(buffer, offset, Magic);
            LittleEndian.WriteUInt32(buffer, offset + 4, generation);
            LittleEndian.WriteInt32(buffer, offset + 8, ActiveSlot);
            LittleEndian.WriteUInt32(buffer, offset + 12, ActiveVersion);
            LittleEndian.WriteInt32(buffer, offset + 16, TrialSlot);
            LittleEndian.WriteUInt32(buffer, offset + 20, TrialVersion);
            buffer[offset + 24] = (byte)(TrialAttempts > 255 ? 255 : TrialAttempts);
            buffer[offset + 25] = (byte)((TrialBooting ? 1 : 0) | (ReportPending ? 2 : 0));
            buffer[offset + 26] = (byte)RollbackReason;
            buffer[offset + 27] = 0;
            LittleEndian.WriteUInt32(buffer, offset + 28, RolledBackVersion);
            LittleEndian.WriteUInt32(buffer, offset + 32, LastPollUnixSeconds);
            LittleEndian.WriteUInt32(buffer, offset + 36, Crc32.Compute(buffer, offset, 36));
        }

        /// <summary>Reads a record; false (and <paramref name="generation"/> 0) when the bytes are not an intact record.</summary>
        public static bool TryDecode(byte[] buffer, int offset, LoaderRecord into, out uint generation)
        {
            generation = 0;
            if (LittleEndian.ReadUInt32(buffer, offset) != Magic || Crc32.Compute(buffer, offset, 36) != LittleEndian.ReadUInt32(buffer, offset + 36))
            {
                return false;
            }
            int activeSlot = LittleEndian.ReadInt32(buffer, offset + 8);
            int trialSlot = LittleEndian.ReadInt32(buffer, offset + 16);
            if (activeSlot < -1 || activeSlot >= ChunkStore.SlotCount || trialSlot < -1 || trialSlot >= ChunkStore.SlotCount)
            {
                return false;
            }
            generation = LittleEndian.ReadUInt32(buffer, offset + 4);
            into.ActiveSlot = activeSlot;
            into.ActiveVersion = LittleEndian.ReadUInt32(buffer, offset + 12);
            into.TrialSlot = trialSlot;
            into.TrialVersion = LittleEndian.ReadUInt32(buffer, offset + 20);
            into.TrialAttempts = buffer[offset + 24];
            into.TrialBooting = (buffer[offset + 25] & 1) != 0;
            into.ReportPending = (buffer[offset + 25] & 2) != 0;
            into.RollbackReason = (RollbackReason)buffer[offset + 26];
            into.RolledBackVersion = LittleEndian.ReadUInt32(buffer, offset + 28);
            into.LastPollUnixSeconds = LittleEndian.ReadUInt32(buffer, offset + 32);
            return true;
        }
    }
}
