namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// The CRC-8 Sensirion puts after every 16-bit word (SHT3x-DIS datasheet 4.12, SHT4x datasheet 4.4): polynomial
    /// 0x31, init 0xFF, no reflection, no final xor. CRC(0xBEEF) = 0x92 in both datasheets.
    /// </summary>
    public static class SensirionCrc8
    {
        /// <summary>CRC-8 of <paramref name="count"/> bytes from <paramref name="offset"/>.</summary>
        public static byte Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
                }
            }
            return (byte)crc;
        }

        /// <summary>True when the two data bytes at <paramref name="offset"/> match the CRC byte after them.</summary>
        public static bool IsWordValid(byte[] data, int offset)
        {
            return Compute(data, offset, 2) == data[offset + 2];
        }
    }
}
