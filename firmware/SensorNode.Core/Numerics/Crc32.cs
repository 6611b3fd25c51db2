namespace SensorNode.Core.Numerics
{
    /// <summary>CRC-32 (IEEE 802.3, reflected poly 0xEDB88320, init and final xor 0xFFFFFFFF), table-free so it needs no static state.</summary>
    public static class Crc32
    {
        /// <summary>CRC of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>. "123456789" gives 0xCBF43926.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }
            return ~crc;
        }
    }
}
