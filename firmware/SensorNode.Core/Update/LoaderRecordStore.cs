using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// Keeps the <see cref="LoaderRecord"/> in "boot.bin": two 40-byte copies with a generation counter and a CRC-32,
    /// each save into the copy not holding the newest, so a power cut mid-save leaves the previous record whole (the
    /// same scheme as the node state).
    /// </summary>
    public sealed class LoaderRecordStore
    {
        /// <summary>The record's file.</summary>
        public const string FileName = "boot.bin";

        private readonly IPersistentStorage _storage;
        private readonly byte[] _buffer = new byte[2 * LoaderRecord.Bytes];
        private int _activeCopy = -1;
        private uint _generation;

        /// <summary>A store over <paramref name="storage"/>. Does no I/O.</summary>
        public LoaderRecordStore(IPersistentStorage storage)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            _storage = storage;
        }

        /// <summary>
        /// Loads the newest intact copy into <paramref name="into"/>. False (and a fresh record: the flashed application,
        /// nothing on trial) when there is none: a node that never took an update.
        /// </summary>
        public bool Load(LoaderRecord into)
        {
            _activeCopy = -1;
            _generation = 0;
            int read = _storage.Read(FileName, 0, _buffer, 0, _buffer.Length);
            LoaderRecord candidate = new LoaderRecord();
            for (int copy = 0; copy < 2; copy++)
            {
                uint generation;
                if ((copy + 1) * LoaderRecord.Bytes <= read && LoaderRecord.TryDecode(_buffer, copy * LoaderRecord.Bytes, candidate, out generation)
                    && (_activeCopy < 0 || generation > _generation))
                {
                    _activeCopy = copy;
                    _generation = generation;
                }
            }
            if (_activeCopy < 0)
            {
                Copy(new LoaderRecord(), into);
                return false;
            }
            uint ignored;
            LoaderRecord.TryDecode(_buffer, _activeCopy * LoaderRecord.Bytes, into, out ignored);
            return true;
        }

        /// <summary>Writes <paramref name="record"/> into the older copy with the next generation. False on a storage error.</summary>
        public bool Save(LoaderRecord record)
        {
            int target = _activeCopy == 0 ? 1 : 0;
            uint generation = _generation + 1;
            record.Encode(generation, _buffer, target * LoaderRecord.Bytes);
            if (!_storage.Write(FileName, target * LoaderRecord.Bytes, _buffer, target * LoaderRecord.Bytes, LoaderRecord.Bytes))
            {
                return false;
            }
            _activeCopy = target;
            _generation = generation;
            return true;
        }

        private static void Copy(LoaderRecord from, LoaderRecord to)
        {
            to.ActiveSlot = from.ActiveSlot;
            to.ActiveVersion = from.ActiveVersion;
            to.TrialSlot = from.TrialSlot;
            to.TrialVersion = from.TrialVersion;
            to.TrialAttempts = from.TrialAttempts;
            to.TrialBooting = from.TrialBooting;
            to.RolledBackVersion = from.RolledBackVersion;
            to.RollbackReason = from.RollbackReason;
            to.ReportPending = from.ReportPending;
            to.LastPollUnixSeconds = from.LastPollUnixSeconds;
        }
    }
}
