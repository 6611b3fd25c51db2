using SensorNode.Core.Numerics;

namespace SensorNode.Core.Storage
{
    /// <summary>
    /// The integrity check shared by every fixed-size flash record: the last 4 bytes hold the CRC-32
    /// (little-endian) of all bytes before them. A torn write changes the covered bytes without the matching
    /// CRC, so the record reads as invalid.
    /// </summary>
    internal static class RecordCrc
    {
        /// <summary>Size of the trailing CRC field, bytes.</summary>
        internal const int Bytes = 4;

        /// <summary>Writes the CRC of the first <paramref name="recordBytes"/> - 4 bytes into the last 4.</summary>
        internal static void Seal(byte[] buffer, int offset, int recordBytes)
        {
            int covered = recordBytes - Bytes;
            LittleEndian.WriteUInt32(buffer, offset + covered, Crc32.Compute(buffer, offset, covered));
        }

        /// <summary>True when the stored CRC matches the covered bytes.</summary>
        internal static bool IsSealed(byte[] buffer, int offset, int recordBytes)
        {
            int covered = recordBytes - Bytes;
            return LittleEndian.ReadUInt32(buffer, offset + covered) == Crc32.Compute(buffer, offset, covered);
        }
    }
}
