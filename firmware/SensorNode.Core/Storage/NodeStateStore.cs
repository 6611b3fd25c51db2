using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Storage
{
    /// <summary>
    /// Keeps the <see cref="NodeState"/> in one flash file of two 80-byte slots (A at 0, B at 80), each with a
    /// generation counter and a CRC-32. <see cref="Save"/> always writes the slot not holding the newest state, so a
    /// power cut mid-save leaves the previous state readable: a load returns either the old or the new state in full,
    /// never a mix.
    /// </summary>
    public sealed class NodeStateStore
    {
        private const int SlotCount = 2;

        private readonly IPersistentStorage _storage;
        private readonly string _fileName;
        private readonly byte[] _buffer = new byte[SlotCount * NodeStateRecord.Bytes];
        // What the last successful scan found: the slot with the newest valid state (-1 when none) and its generation.
        private bool _scanned;
        private int _activeSlot = -1;
        private uint _generation;

        /// <summary>A store in <paramref name="fileName"/>. Does no I/O.</summary>
        public NodeStateStore(IPersistentStorage storage, string fileName)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            if (fileName == null || fileName.Length == 0)
            {
                throw new ArgumentException("fileName must not be empty.");
            }
            _storage = storage;
            _fileName = fileName;
        }

        /// <summary>
        /// Loads the valid slot with the higher generation into <paramref name="into"/> and returns true. When neither
        /// slot is valid (fresh flash, both torn or corrupt) or storage cannot be read, returns false and leaves a
        /// fresh state in <paramref name="into"/>: NextSequence = 1, everything else 0.
        /// </summary>
        public bool Load(NodeState into)
        {
            if (!Scan() || _activeSlot < 0)
            {
                into.CopyFrom(new NodeState());
                return false;
            }
            NodeStateRecord.Decode(_buffer, _activeSlot * NodeStateRecord.Bytes, into);
            return true;
        }

        /// <summary>
        /// Writes <paramref name="state"/> into the slot not holding the newest state, with generation + 1.
        /// Returns false on a storage error (the previous state stays loadable). When no earlier scan succeeded it
        /// reads the slots first, and refuses to write blind if that read fails.
        /// </summary>
        public bool Save(NodeState state)
        {
            if (!_scanned && !Scan())
            {
                return false;
            }
            int target = _activeSlot == 0 ? 1 : 0;
            uint generation = _generation + 1;
            NodeStateRecord.Encode(state, generation, _buffer, 0);
            if (!_storage.Write(_fileName, target * NodeStateRecord.Bytes, _buffer, 0, NodeStateRecord.Bytes))
            {
                return false;
            }
            _activeSlot = target;
            _generation = generation;
            return true;
        }

        // Reads both slots and picks the valid one with the newer generation. False on a read error.
        private bool Scan()
        {
            _scanned = false;
            _activeSlot = -1;
            _generation = 0;
            int read = _storage.Read(_fileName, 0, _buffer, 0, _buffer.Length);
            if (read < 0)
            {
                return false;
            }
            for (int i = read; i < _buffer.Length; i++)
            {
                _buffer[i] = 0xFF;
            }

            // The newer slot by generation first, the other only when its CRC fails: one CRC per wake instead of
            // two under nanoCLR's interpreter, the same slot as checking both and taking the newer valid one.
            uint generationA, generationB;
            bool formatA = NodeStateRecord.TryPeekGeneration(_buffer, 0, out generationA);
            bool formatB = NodeStateRecord.TryPeekGeneration(_buffer, NodeStateRecord.Bytes, out generationB);
            // Serial-number comparison, so the counter may wrap after 2^32 saves; a tie keeps A.
            bool bNewer = formatB && (!formatA || (int)(generationB - generationA) > 0);
            if (!TryTake(bNewer ? 1 : 0, bNewer ? formatB : formatA, bNewer ? generationB : generationA))
            {
                TryTake(bNewer ? 0 : 1, bNewer ? formatA : formatB, bNewer ? generationA : generationB);
            }
            _scanned = true;
            return true;
        }

        // Makes the slot the active one when it has the format byte and its CRC matches.
        private bool TryTake(int slot, bool hasFormat, uint generation)
        {
            if (!hasFormat || !NodeStateRecord.IsSealed(_buffer, slot * NodeStateRecord.Bytes))
            {
                return false;
            }
            _activeSlot = slot;
            _generation = generation;
            return true;
        }
    }
}
