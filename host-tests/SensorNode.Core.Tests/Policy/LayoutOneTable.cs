using SensorNode.Core.Numerics;

namespace SensorNode.Core.Tests.Policy;

/// <summary>
/// A table file as firmware of layout 1 wrote it (before the wake-cause bin): 864 codes, layout id 1, 882 bytes,
/// valid CRC. Built byte by byte from the documented format, not with this firmware's PolicyTable.
/// </summary>
internal static class LayoutOneTable
{
    public const int States = 864;
    public const int Length = 14 + States + 4;

    public static byte[] Bytes(uint version = 101)
    {
        var data = new byte[Length];
        data[0] = (byte)'S'; data[1] = (byte)'N'; data[2] = (byte)'P'; data[3] = (byte)'T';
        LittleEndian.WriteUInt16(data, 4, 1);       // format version
        LittleEndian.WriteUInt16(data, 6, 1);       // layout id 1
        LittleEndian.WriteUInt16(data, 8, States);
        LittleEndian.WriteUInt32(data, 10, version);
        for (int i = 0; i < States; i++) data[14 + i] = (byte)(i % 32);
        LittleEndian.WriteUInt32(data, Length - 4, Crc32.Compute(data, 0, Length - 4));
        return data;
    }
}
