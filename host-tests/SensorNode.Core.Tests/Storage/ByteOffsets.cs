using Xunit;

namespace SensorNode.Core.Tests.Storage;

/// <summary>Theory data for power-cut tests: every prefix length of a write that stays incomplete.</summary>
public static class ByteOffsets
{
    /// <summary>0 to <paramref name="count"/> - 1.</summary>
    public static TheoryData<int> Below(int count)
    {
        var data = new TheoryData<int>();
        for (int k = 0; k < count; k++)
        {
            data.Add(k);
        }
        return data;
    }
}
