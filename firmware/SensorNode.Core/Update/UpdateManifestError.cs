namespace SensorNode.Core.Update
{
    /// <summary>Why a serialized update manifest was rejected (<see cref="UpdateManifest.TryParse"/>).</summary>
    public enum UpdateManifestError
    {
        /// <summary>Parsed.</summary>
        None = 0,
        /// <summary>Fewer bytes than the fixed header, or than the header says the manifest has.</summary>
        TooShort = 1,
        /// <summary>The first four bytes are not "SNUP".</summary>
        BadMagic = 2,
        /// <summary>A format this firmware does not read, or trailing bytes after the manifest.</summary>
        UnsupportedFormat = 3,
        /// <summary>The manifest's own CRC-32 does not match: damaged bytes.</summary>
        BadCrc = 4,
        /// <summary>Version 0 (reserved for the flashed application).</summary>
        BadVersion = 5,
        /// <summary>Chunk size outside 64..4096 bytes.</summary>
        BadChunkSize = 6,
        /// <summary>Image size 0, above <see cref="UpdateManifest.MaxImageBytes"/>, or chunk count not ceil(size / chunk size).</summary>
        BadSize = 7,
        /// <summary>Assembly count outside 1..8, or the assembly lengths do not add up to the image size.</summary>
        BadAssemblies = 8,
    }
}
