using SensorNode.Core.Numerics;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// The manifest of an application set (docs/updates.md): the body of the "update" command. Little-endian:
    /// "SNUP", format u8 (1), assembly count u8 (1-8), chunk size u16 (64-4096), version u32 (1 and up), image size u32,
    /// image CRC-32 u32, chunk count u16, reserved u16 (0); then each assembly's length u32 (the image is the .pe files
    /// back to back, in load order); then each chunk's CRC-32 u32; then the CRC-32 of everything before it. The core
    /// writes it (host tools: <see cref="Write"/>) and reads it (the node: <see cref="TryParse"/>), so both sides share
    /// one rule.
    /// </summary>
    public sealed class UpdateManifest
    {
        /// <summary>"SNUP" read as a little-endian u32.</summary>
        public const uint Magic = 0x50554E53;
        /// <summary>The only format this firmware reads.</summary>
        public const int Format = 1;
        /// <summary>Bytes before the assembly lengths.</summary>
        public const int HeaderBytes = 24;
        /// <summary>Most assemblies in one set.</summary>
        public const int MaxAssemblies = 8;
        /// <summary>Most chunks of one image: bounds the manifest (and the marker file) to about 1 KiB.</summary>
        public const int MaxChunks = 256;
        /// <summary>Smallest and largest chunk, bytes.</summary>
        public const int MinChunkBytes = 64;
        public const int MaxChunkBytes = 4096;
        /// <summary>Largest image, bytes: what one application slot on the 256 KiB config partition can hold next to the other.</summary>
        public const int MaxImageBytes = 96 * 1024;
        /// <summary>Longest serialized manifest, bytes.</summary>
        public const int MaxBytes = HeaderBytes + MaxAssemblies * 4 + MaxChunks * 4 + 4;

        /// <summary>Version of the set (1 and up; 0 names the flashed application).</summary>
        public uint Version;
        /// <summary>Image bytes: the assemblies back to back.</summary>
        public int ImageBytes;
        /// <summary>Bytes per chunk (the last may be shorter).</summary>
        public int ChunkBytes;
        /// <summary>ceil(<see cref="ImageBytes"/> / <see cref="ChunkBytes"/>).</summary>
        public int ChunkCount;
        /// <summary>CRC-32 of the whole image.</summary>
        public uint ImageCrc;
        /// <summary>Each assembly's length, bytes, in load order.</summary>
        public int[] AssemblyBytes;
        /// <summary>Each chunk's CRC-32.</summary>
        public uint[] ChunkCrcs;

        /// <summary>Serialized length of this manifest, bytes.</summary>
        public int SerializedLength
        {
            get { return HeaderBytes + AssemblyBytes.Length * 4 + ChunkCount * 4 + 4; }
        }

        /// <summary>Length of chunk <paramref name="index"/>, bytes: the chunk size, or what is left for the last one.</summary>
        public int ChunkLength(int index)
        {
            int start = index * ChunkBytes;
            int left = ImageBytes - start;
            return left < ChunkBytes ? left : ChunkBytes;
        }

        /// <summary>
        /// Builds the manifest of <paramref name="image"/> (the assemblies back to back, lengths in
        /// <paramref name="assemblyBytes"/>). Throws <see cref="System.ArgumentException"/> on a set the format cannot carry.
        /// </summary>
        public static UpdateManifest Build(uint version, byte[] image, int[] assemblyBytes, int chunkBytes)
        {
            UpdateManifest m = new UpdateManifest();
            m.Version = version;
            m.ImageBytes = image == null ? 0 : image.Length;
            m.ChunkBytes = chunkBytes;
            m.AssemblyBytes = assemblyBytes;
            m.ChunkCount = chunkBytes > 0 ? (m.ImageBytes + chunkBytes - 1) / chunkBytes : 0;
            UpdateManifestError error = m.Check();
            if (error != UpdateManifestError.None)
            {
                throw new System.ArgumentException("update manifest: " + ErrorText(error));
            }
            m.ImageCrc = Crc32.Compute(image, 0, image.Length);
            m.ChunkCrcs = new uint[m.ChunkCount];
            for (int i = 0; i < m.ChunkCount; i++)
            {
                m.ChunkCrcs[i] = Crc32.Compute(image, i * chunkBytes, m.ChunkLength(i));
            }
            return m;
        }

        /// <summary>Serializes into a new array of <see cref="SerializedLength"/> bytes.</summary>
        public byte[] Write()
        {
            byte[] b = new byte[SerializedLength];
            LittleEndian.WriteUInt32(b, 0, Magic);
            b[4] = Format;
            b[5] = (byte)AssemblyBytes.Length;
            LittleEndian.WriteUInt16(b, 6, ChunkBytes);
            LittleEndian.WriteUInt32(b, 8, Version);
            LittleEndian.WriteUInt32(b, 12, (uint)ImageBytes);
            LittleEndian.WriteUInt32(b, 16, ImageCrc);
            LittleEndian.WriteUInt16(b, 20, ChunkCount);
            LittleEndian.WriteUInt16(b, 22, 0);
            int at = HeaderBytes;
            for (int i = 0; i < AssemblyBytes.Length; i++, at += 4)
            {
                LittleEndian.WriteUInt32(b, at, (uint)AssemblyBytes[i]);
            }
            for (int i = 0; i < ChunkCount; i++, at += 4)
            {
                LittleEndian.WriteUInt32(b, at, ChunkCrcs[i]);
            }
            LittleEndian.WriteUInt32(b, at, Crc32.Compute(b, 0, at));
            return b;
        }

        /// <summary>
        /// Reads the manifest in the first <paramref name="length"/> bytes of <paramref name="data"/> from
        /// <paramref name="offset"/>. On failure <paramref name="manifest"/> is null and <paramref name="error"/> says why.
        /// Never throws for bad contents.
        /// </summary>
        public static bool TryParse(byte[] data, int offset, int length, out UpdateManifest manifest, out UpdateManifestError error)
        {
            manifest = null;
            if (data == null || offset < 0 || length < HeaderBytes + 8 || offset + length > data.Length)
            {
                error = UpdateManifestError.TooShort;
                return false;
            }
            if (LittleEndian.ReadUInt32(data, offset) != Magic)
            {
                error = UpdateManifestError.BadMagic;
                return false;
            }
            int assemblies = data[offset + 5];
            int chunkCount = LittleEndian.ReadUInt16(data, offset + 20);
            if (data[offset + 4] != Format || LittleEndian.ReadUInt16(data, offset + 22) != 0)
            {
                error = UpdateManifestError.UnsupportedFormat;
                return false;
            }
            if (assemblies < 1 || assemblies > MaxAssemblies || chunkCount < 1 || chunkCount > MaxChunks)
            {
                // Checked before the length so the expected length below cannot be absurd.
                error = assemblies < 1 || assemblies > MaxAssemblies ? UpdateManifestError.BadAssemblies : UpdateManifestError.BadSize;
                return false;
            }
            int expected = HeaderBytes + assemblies * 4 + chunkCount * 4 + 4;
            if (length < expected)
            {
                error = UpdateManifestError.TooShort;
                return false;
            }
            if (length > expected)
            {
                error = UpdateManifestError.UnsupportedFormat;
                return false;
            }
            if (Crc32.Compute(data, offset, expected - 4) != LittleEndian.ReadUInt32(data, offset + expected - 4))
            {
                error = UpdateManifestError.BadCrc;
                return false;
            }
            UpdateManifest m = new UpdateManifest();
            m.ChunkBytes = LittleEndian.ReadUInt16(data, offset + 6);
            m.Version = LittleEndian.ReadUInt32(data, offset + 8);
            uint size = LittleEndian.ReadUInt32(data, offset + 12);
            m.ImageBytes = size > MaxImageBytes ? -1 : (int)size;
            m.ImageCrc = LittleEndian.ReadUInt32(data, offset + 16);
            m.ChunkCount = chunkCount;
            m.AssemblyBytes = new int[assemblies];
            int at = offset + HeaderBytes;
            for (int i = 0; i < assemblies; i++, at += 4)
            {
                uint a = LittleEndian.ReadUInt32(data, at);
                m.AssemblyBytes[i] = a > MaxImageBytes ? -1 : (int)a;
            }
            m.ChunkCrcs = new uint[chunkCount];
            for (int i = 0; i < chunkCount; i++, at += 4)
            {
                m.ChunkCrcs[i] = LittleEndian.ReadUInt32(data, at);
            }
            error = m.Check();
            if (error != UpdateManifestError.None)
            {
                return false;
            }
            manifest = m;
            return true;
        }

        // The rules between fields (also what Build refuses).
        private UpdateManifestError Check()
        {
            if (Version == 0)
            {
                return UpdateManifestError.BadVersion;
            }
            if (ChunkBytes < MinChunkBytes || ChunkBytes > MaxChunkBytes)
            {
                return UpdateManifestError.BadChunkSize;
            }
            if (ImageBytes < 1 || ImageBytes > MaxImageBytes || ChunkCount < 1 || ChunkCount > MaxChunks
                || ChunkCount != (ImageBytes + ChunkBytes - 1) / ChunkBytes)
            {
                return UpdateManifestError.BadSize;
            }
            if (AssemblyBytes == null || AssemblyBytes.Length < 1 || AssemblyBytes.Length > MaxAssemblies)
            {
                return UpdateManifestError.BadAssemblies;
            }
            long sum = 0;
            for (int i = 0; i < AssemblyBytes.Length; i++)
            {
                if (AssemblyBytes[i] < 1)
                {
                    return UpdateManifestError.BadAssemblies;
                }
                sum += AssemblyBytes[i];
            }
            return sum == ImageBytes ? UpdateManifestError.None : UpdateManifestError.BadAssemblies;
        }

        /// <summary>A short English text for <paramref name="error"/> (CLI messages, logs).</summary>
        public static string ErrorText(UpdateManifestError error)
        {
            switch (error)
            {
                case UpdateManifestError.None: return "ok";
                case UpdateManifestError.TooShort: return "too short for its header or its chunk table";
                case UpdateManifestError.BadMagic: return "not an update manifest (magic is not SNUP)";
                case UpdateManifestError.UnsupportedFormat: return "unsupported format, reserved bits or trailing bytes";
                case UpdateManifestError.BadCrc: return "CRC-32 mismatch (damaged)";
                case UpdateManifestError.BadVersion: return "version 0 is reserved for the flashed application";
                case UpdateManifestError.BadChunkSize: return "chunk size outside 64..4096 bytes";
                case UpdateManifestError.BadSize: return "image size 0, above the slot size, or chunk count not ceil(size / chunk size)";
                case UpdateManifestError.BadAssemblies: return "assembly count outside 1..8 or lengths not adding up to the image size";
                default: return "unknown error";
            }
        }
    }
}
