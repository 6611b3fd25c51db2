using System;
using SensorNode.Core.Hardware;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// One application slot in the node's storage, filled chunk by chunk across wakes (docs/updates.md): "app&lt;n&gt;.man"
    /// (the manifest as received), "app&lt;n&gt;.img" (the image, chunk i at i x chunk size) and "app&lt;n&gt;.map" (one
    /// byte per chunk, <see cref="PresentMarker"/> once the chunk is in). A chunk is written, read back and checked
    /// against the manifest's CRC-32, and only then is its marker written: a power cut at any step leaves either an
    /// unmarked chunk (fetched again) or a marked chunk that was verified. <see cref="Verify"/> checks every chunk and
    /// the whole image again before the set is staged, and clears the marker of any chunk that fails (fetched again).
    /// </summary>
    public sealed class ChunkStore
    {
        /// <summary>Marker byte of a present chunk; anything else (erased 0xFF, torn) means absent.</summary>
        public const byte PresentMarker = 0xA5;
        /// <summary>Number of slots: the running set's and the one being filled.</summary>
        public const int SlotCount = 2;

        private readonly IPersistentStorage _storage;
        private byte[] _scratch;

        /// <summary>Slot <paramref name="slot"/> (0 or 1) of <paramref name="storage"/>. Does no I/O.</summary>
        public ChunkStore(IPersistentStorage storage, int slot)
        {
            if (storage == null)
            {
                throw new ArgumentNullException("storage");
            }
            if (slot < 0 || slot >= SlotCount)
            {
                throw new ArgumentException("slot must be 0 or 1");
            }
            _storage = storage;
            Slot = slot;
            string stem = "app" + slot.ToString();
            ManifestFile = stem + ".man";
            ImageFile = stem + ".img";
            MapFile = stem + ".map";
        }

        /// <summary>The slot number.</summary>
        public int Slot { get; private set; }
        /// <summary>File names of this slot.</summary>
        public string ManifestFile { get; private set; }
        public string ImageFile { get; private set; }
        public string MapFile { get; private set; }

        /// <summary>The slot's manifest, or null when there is none or it fails its checks (a torn write: the set is fetched again).</summary>
        public UpdateManifest LoadManifest()
        {
            int length = _storage.GetLength(ManifestFile);
            if (length <= 0 || length > UpdateManifest.MaxBytes)
            {
                return null;
            }
            byte[] data = new byte[length];
            if (_storage.Read(ManifestFile, 0, data, 0, length) != length)
            {
                return null;
            }
            UpdateManifest manifest;
            UpdateManifestError error;
            return UpdateManifest.TryParse(data, 0, length, out manifest, out error) ? manifest : null;
        }

        /// <summary>
        /// Starts a new set in this slot: removes the old map, image and manifest, then writes the manifest
        /// (<paramref name="length"/> bytes of <paramref name="manifestBytes"/> from <paramref name="offset"/>, already
        /// parsed). A power cut part-way leaves no valid manifest, so the next wake starts again. False on a storage error.
        /// </summary>
        public bool Begin(byte[] manifestBytes, int offset, int length)
        {
            // The map first: a chunk marked in an old map must never be taken for a chunk of the new image.
            if (!_storage.Delete(MapFile) || !_storage.Delete(ImageFile) || !_storage.Delete(ManifestFile))
            {
                return false;
            }
            return _storage.Write(ManifestFile, 0, manifestBytes, offset, length);
        }

        /// <summary>Whether chunk <paramref name="index"/> is marked present.</summary>
        public bool IsPresent(int index)
        {
            byte[] one = Scratch(1);
            return _storage.Read(MapFile, index, one, 0, 1) == 1 && one[0] == PresentMarker;
        }

        /// <summary>Chunks marked present, of <paramref name="manifest"/>'s count (reads the map once).</summary>
        public int CountPresent(UpdateManifest manifest)
        {
            byte[] map = Scratch(manifest.ChunkCount);
            int read = _storage.Read(MapFile, 0, map, 0, manifest.ChunkCount);
            int present = 0;
            for (int i = 0; i < read; i++)
            {
                if (map[i] == PresentMarker)
                {
                    present++;
                }
            }
            return present;
        }

        /// <summary>
        /// Stores chunk <paramref name="index"/> of <paramref name="manifest"/> from <paramref name="length"/> bytes of
        /// <paramref name="data"/> at <paramref name="offset"/>: checked, written, read back, checked, then marked.
        /// </summary>
        public ChunkOutcome Store(UpdateManifest manifest, int index, byte[] data, int offset, int length)
        {
            if (index < 0 || index >= manifest.ChunkCount || length != manifest.ChunkLength(index)
                || Crc32.Compute(data, offset, length) != manifest.ChunkCrcs[index])
            {
                return ChunkOutcome.BadChunk;
            }
            if (IsPresent(index))
            {
                return ChunkOutcome.AlreadyPresent;
            }
            int position = index * manifest.ChunkBytes;
            if (!_storage.Write(ImageFile, position, data, offset, length))
            {
                return ChunkOutcome.WriteFailed;
            }
            byte[] back = Scratch(length);
            if (_storage.Read(ImageFile, position, back, 0, length) != length || Crc32.Compute(back, 0, length) != manifest.ChunkCrcs[index])
            {
                return ChunkOutcome.WriteFailed;
            }
            back[0] = PresentMarker;
            return _storage.Write(MapFile, index, back, 0, 1) ? ChunkOutcome.Stored : ChunkOutcome.WriteFailed;
        }

        /// <summary>
        /// Checks every chunk against its CRC-32 and the whole image against the image CRC-32. A marked chunk that fails
        /// is unmarked (it will be fetched again). True only when every chunk is present and both checks pass.
        /// </summary>
        public bool Verify(UpdateManifest manifest)
        {
            bool complete = true;
            uint imageCrc = 0;
            for (int i = 0; i < manifest.ChunkCount; i++)
            {
                int length = manifest.ChunkLength(i);
                byte[] buffer = Scratch(length);
                bool present = IsPresent(i);
                if (_storage.Read(ImageFile, i * manifest.ChunkBytes, buffer, 0, length) != length)
                {
                    complete = false;
                    continue;
                }
                uint crc = Crc32.Compute(buffer, 0, length);
                imageCrc = Crc32.Append(imageCrc, buffer, 0, length);
                if (crc != manifest.ChunkCrcs[i] || !present)
                {
                    complete = false;
                    if (present)
                    {
                        buffer[0] = 0xFF;
                        _storage.Write(MapFile, i, buffer, 0, 1);
                    }
                }
            }
            return complete && imageCrc == manifest.ImageCrc;
        }

        /// <summary>
        /// Reads assembly <paramref name="assembly"/> of a verified set into a new array (what the loader hands to
        /// Assembly.Load); null on a read error.
        /// </summary>
        public byte[] ReadAssembly(UpdateManifest manifest, int assembly)
        {
            int start = 0;
            for (int i = 0; i < assembly; i++)
            {
                start += manifest.AssemblyBytes[i];
            }
            int length = manifest.AssemblyBytes[assembly];
            byte[] bytes = new byte[length];
            return _storage.Read(ImageFile, start, bytes, 0, length) == length ? bytes : null;
        }

        // One buffer per store, grown to the largest chunk seen (at most 4 KiB).
        private byte[] Scratch(int length)
        {
            if (_scratch == null || _scratch.Length < length)
            {
                _scratch = new byte[length < 64 ? 64 : length];
            }
            return _scratch;
        }
    }
}
