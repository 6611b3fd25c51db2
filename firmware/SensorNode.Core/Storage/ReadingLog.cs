using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Storage
{
    /// <summary>
    /// Ring log of <see cref="Reading"/>s in one flash file of fixed 32-byte slots. Reading n lives in slot
    /// (n - 1) % capacity: there is no head pointer to wear out or tear, the newest record is found by scanning.
    /// Every slot carries its own CRC, so a torn write loses at most the record being written. Records leave the
    /// log logically when the caller's acknowledged sequence passes them and physically when a later lap
    /// overwrites them. Layout and rationale: Storage/README.md.
    /// </summary>
    public sealed class ReadingLog
    {
        /// <summary>Size of one slot in the file, bytes.</summary>
        public const int RecordBytes = ReadingRecord.Bytes;
        /// <summary>Smallest capacity the constructor accepts, readings.</summary>
        public const int MinCapacity = 8;
        /// <summary>Largest capacity the constructor accepts, readings (128 KiB of flash).</summary>
        public const int MaxCapacity = 4096;

        // Slots moved per storage call while scanning: fewer file operations for 256 bytes of RAM.
        private const int ChunkSlots = 8;

        private readonly IPersistentStorage _storage;
        private readonly string _fileName;
        private readonly int _capacity;
        private readonly byte[] _chunk = new byte[ChunkSlots * RecordBytes];
        private bool _opened;
        private uint _newestSequence;
        private int _corruptSlots;
        private int _unreadableSlots;

        /// <summary>
        /// A log of <paramref name="capacityReadings"/> slots (8 to 4096) in <paramref name="fileName"/>.
        /// Does no I/O; call <see cref="Open"/> before anything else. Keep the capacity of a file fixed: records
        /// written under another capacity sit in the wrong slots and are ignored.
        /// </summary>
        public ReadingLog(IPersistentStorage storage, string fileName, int capacityReadings)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            if (fileName == null || fileName.Length == 0)
            {
                throw new ArgumentException("fileName must not be empty.");
            }
            if (capacityReadings < MinCapacity || capacityReadings > MaxCapacity)
            {
                throw new ArgumentException("capacityReadings must be 8 to 4096.");
            }
            _storage = storage;
            _fileName = fileName;
            _capacity = capacityReadings;
        }

        /// <summary>Highest sequence of a valid record in the log (updated by <see cref="Append"/>); 0 when empty.</summary>
        public uint NewestSequence
        {
            get { return _newestSequence; }
        }

        /// <summary>
        /// Slots that held neither a valid record nor erased/zeroed bytes at <see cref="Open"/> (torn writes,
        /// bit rot), 0 to capacity. They are skipped; the next lap overwrites them.
        /// </summary>
        public int CorruptSlots
        {
            get { return _corruptSlots; }
        }

        /// <summary>
        /// Slots <see cref="Open"/> could not read because storage reported an I/O error, 0 to capacity. They count
        /// as neither valid nor corrupt, so <see cref="NewestSequence"/> may be low when this is not 0.
        /// </summary>
        public int UnreadableSlots
        {
            get { return _unreadableSlots; }
        }

        /// <summary>Number of slots, readings (8 to 4096).</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>
        /// Reads every existing slot once (capacity x 32 bytes at most; a shorter file is scanned as far as it goes),
        /// finds <see cref="NewestSequence"/> and counts <see cref="CorruptSlots"/>. Never throws on bad data.
        /// </summary>
        public void Open()
        {
            _newestSequence = 0;
            _corruptSlots = 0;
            _unreadableSlots = 0;
            _opened = true;

            int length = _storage.GetLength(_fileName);
            if (length <= 0)
            {
                return;
            }
            // A trailing partial slot is a torn append that extended the file: scan it (it reads as 0xFF-padded).
            int slots = length / RecordBytes + (length % RecordBytes != 0 ? 1 : 0);
            if (slots > _capacity)
            {
                slots = _capacity;
            }

            int slot = 0;
            while (slot < slots)
            {
                int count = slots - slot < ChunkSlots ? slots - slot : ChunkSlots;
                if (!LoadChunk(slot, count))
                {
                    _unreadableSlots += count;
                    slot += count;
                    continue;
                }
                for (int i = 0; i < count; i++)
                {
                    int offset = i * RecordBytes;
                    if (ReadingRecord.IsEmpty(_chunk, offset))
                    {
                        continue;
                    }
                    Reading record;
                    if (!ReadingRecord.TryDecode(_chunk, offset, out record))
                    {
                        _corruptSlots++;
                        continue;
                    }
                    if (SlotOf(record.Sequence) == slot + i && record.Sequence > _newestSequence)
                    {
                        _newestSequence = record.Sequence;
                    }
                }
                slot += count;
            }
        }

        /// <summary>
        /// Opens the log trusting the persisted state's <paramref name="nextSequence"/>: only the slots a power cut
        /// between the log append and the state save could have left ahead of it are read (normally one), instead
        /// of the whole file. Under nanoCLR's interpreter a full scan with CRCs costs a noticeable share of a wake's
        /// energy, so this is the path every wake takes; <see cref="Open"/> (full scan) is for when no state survived.
        /// <see cref="CorruptSlots"/> is not counted on this path.
        /// </summary>
        public void OpenFrom(uint nextSequence)
        {
            if (nextSequence <= 1)
            {
                Open();
                return;
            }
            _newestSequence = nextSequence - 1;
            _corruptSlots = 0;
            _unreadableSlots = 0;
            _opened = true;
            for (int i = 0; i < _capacity; i++)
            {
                uint candidate = _newestSequence + 1;
                if (!LoadChunk(SlotOf(candidate), 1))
                {
                    _unreadableSlots++;
                    return;
                }
                Reading record;
                if (!ReadingRecord.TryDecode(_chunk, 0, out record) || record.Sequence != candidate)
                {
                    return;
                }
                _newestSequence = candidate;
            }
        }

        /// <summary>
        /// Readings written above <paramref name="ackedSequence"/> that the log can still hold, without reading flash
        /// (0 to capacity). Torn slots are included, so this is an upper bound of <see cref="CountPending"/>.
        /// </summary>
        public int PendingUpperBound(uint ackedSequence)
        {
            RequireOpen();
            if (_newestSequence <= ackedSequence)
            {
                return 0;
            }
            uint pending = _newestSequence - ackedSequence;
            return pending > (uint)_capacity ? _capacity : (int)pending;
        }

        /// <summary>
        /// Valid records with a sequence above <paramref name="ackedSequence"/> still in the log (0 to capacity).
        /// Reads flash: one slot per pending sequence, in 256-byte chunks.
        /// </summary>
        public int CountPending(uint ackedSequence)
        {
            return ScanPending(ackedSequence, null, int.MaxValue);
        }

        /// <summary>
        /// Writes <paramref name="reading"/> (its <see cref="Reading.Sequence"/>, 1 or more, set by the caller) into
        /// slot (Sequence - 1) % capacity. <paramref name="droppedUnacknowledged"/> is true when that slot held a valid
        /// record above <paramref name="ackedSequence"/>, which is now lost: the caller counts it. Returns false, with
        /// <paramref name="droppedUnacknowledged"/> false, on a storage read or write error.
        /// </summary>
        public bool Append(Reading reading, uint ackedSequence, out bool droppedUnacknowledged)
        {
            droppedUnacknowledged = false;
            RequireOpen();
            if (reading.Sequence == 0)
            {
                throw new ArgumentException("reading.Sequence must be 1 or more.");
            }

            int slot = SlotOf(reading.Sequence);
            if (!LoadChunk(slot, 1))
            {
                return false;
            }
            // The slot's previous record is lost if it was unacknowledged. A torn slot counts too: a wake that died
            // part way through writing here destroyed the record of the previous lap before it could count it.
            Reading previous;
            bool dropped;
            if (ReadingRecord.TryDecode(_chunk, 0, out previous))
            {
                dropped = previous.Sequence > ackedSequence && previous.Sequence != reading.Sequence;
            }
            else
            {
                dropped = !ReadingRecord.IsEmpty(_chunk, 0) && PreviousLapUnacknowledged(reading.Sequence, ackedSequence);
            }

            ReadingRecord.Encode(reading, _chunk, 0);
            if (!_storage.Write(_fileName, slot * RecordBytes, _chunk, 0, RecordBytes))
            {
                return false;
            }
            if (reading.Sequence > _newestSequence)
            {
                _newestSequence = reading.Sequence;
            }
            droppedUnacknowledged = dropped;
            return true;
        }

        /// <summary>
        /// Copies up to <paramref name="maxCount"/> (and at most buffer.Length) records with a sequence above
        /// <paramref name="ackedSequence"/> into <paramref name="buffer"/>, oldest first. Torn, missing and older-lap
        /// slots are skipped. Returns how many were filled. Allocates nothing.
        /// </summary>
        public int ReadPending(uint ackedSequence, Reading[] buffer, int maxCount)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }
            if (maxCount > buffer.Length)
            {
                maxCount = buffer.Length;
            }
            return ScanPending(ackedSequence, buffer, maxCount);
        }

        // Walks the sequences of the current lap above ackedSequence, oldest first, and counts (or copies into
        // buffer when it is not null) the slots that hold exactly the expected sequence.
        private int ScanPending(uint ackedSequence, Reading[] buffer, int maxCount)
        {
            RequireOpen();
            if (maxCount <= 0 || _newestSequence == 0 || ackedSequence >= _newestSequence)
            {
                return 0;
            }
            uint capacity = (uint)_capacity;
            uint first = ackedSequence + 1;
            if (_newestSequence >= capacity && first < _newestSequence - capacity + 1)
            {
                first = _newestSequence - capacity + 1;
            }

            int found = 0;
            int chunkFirstSlot = 0;
            int chunkSlots = 0;
            bool chunkRead = false;
            uint sequence = first;
            while (found < maxCount)
            {
                int slot = SlotOf(sequence);
                if (slot < chunkFirstSlot || slot >= chunkFirstSlot + chunkSlots)
                {
                    uint remaining = _newestSequence - sequence + 1;
                    int count = remaining < ChunkSlots ? (int)remaining : ChunkSlots;
                    if (count > _capacity - slot)
                    {
                        count = _capacity - slot;
                    }
                    chunkRead = LoadChunk(slot, count);
                    chunkFirstSlot = slot;
                    chunkSlots = count;
                }

                Reading record;
                if (chunkRead
                    && ReadingRecord.TryDecode(_chunk, (slot - chunkFirstSlot) * RecordBytes, out record)
                    && record.Sequence == sequence)
                {
                    if (buffer != null)
                    {
                        buffer[found] = record;
                    }
                    found++;
                }

                if (sequence == _newestSequence)
                {
                    break;
                }
                sequence++;
            }
            return found;
        }

        // Reads count slots from firstSlot into _chunk; bytes past the end of the file read as erased (0xFF).
        private bool LoadChunk(int firstSlot, int count)
        {
            int bytes = count * RecordBytes;
            int read = _storage.Read(_fileName, firstSlot * RecordBytes, _chunk, 0, bytes);
            if (read < 0)
            {
                return false;
            }
            for (int i = read; i < bytes; i++)
            {
                _chunk[i] = 0xFF;
            }
            return true;
        }

        /// <summary>
        /// True when writing <paramref name="sequence"/> overwrites the slot of sequence - capacity and that reading was
        /// not acknowledged yet: it is lost. Pure arithmetic, for records the log no longer holds intact.
        /// </summary>
        public bool PreviousLapUnacknowledged(uint sequence, uint ackedSequence)
        {
            uint capacity = (uint)_capacity;
            return sequence > capacity && sequence - capacity > ackedSequence;
        }

        private int SlotOf(uint sequence)
        {
            return (int)((sequence - 1) % (uint)_capacity);
        }

        private void RequireOpen()
        {
            if (!_opened)
            {
                throw new InvalidOperationException("Call ReadingLog.Open() first.");
            }
        }
    }
}
