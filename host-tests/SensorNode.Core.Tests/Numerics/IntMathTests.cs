using Xunit;
using System.Numerics;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Tests.Numerics;

public class IntMathTests
{
    [Theory]
    [InlineData(3, 5, 3, 5)]
    [InlineData(5, 3, 3, 5)]
    [InlineData(-7, -7, -7, -7)]
    [InlineData(int.MinValue, int.MaxValue, int.MinValue, int.MaxValue)]
    public void MinMax_Int_PickTheSmallerAndLarger(int a, int b, int min, int max)
    {
        Assert.Equal(min, IntMath.Min(a, b));
        Assert.Equal(max, IntMath.Max(a, b));
    }

    [Fact]
    public void MinMax_Long_PickTheSmallerAndLarger()
    {
        Assert.Equal(long.MinValue, IntMath.Min(long.MinValue, 0L));
        Assert.Equal(long.MaxValue, IntMath.Max(long.MaxValue, -1L));
        Assert.Equal(4_000_000_000L, IntMath.Max(4_000_000_000L, 3_999_999_999L));
    }

    [Theory]
    [InlineData(-1, 0, 7, 0)]
    [InlineData(0, 0, 7, 0)]
    [InlineData(4, 0, 7, 4)]
    [InlineData(7, 0, 7, 7)]
    [InlineData(8, 0, 7, 7)]
    [InlineData(5, 5, 5, 5)]
    public void Clamp_Int_LimitsToInclusiveRange(int value, int min, int max, int expected)
    {
        Assert.Equal(expected, IntMath.Clamp(value, min, max));
        Assert.Equal((long)expected, IntMath.Clamp((long)value, min, max));
    }

    [Fact]
    public void Clamp_Throws_WhenMinAboveMax()
    {
        Assert.Throws<ArgumentException>(() => IntMath.Clamp(1, 2, 1));
        Assert.Throws<ArgumentException>(() => IntMath.Clamp(1L, 2L, 1L));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, 1L)]
    [InlineData(2L, 1L)]
    [InlineData(3L, 1L)]
    [InlineData(4L, 2L)]
    [InlineData(15L, 3L)]
    [InlineData(16L, 4L)]
    [InlineData(1_000_000L, 1000L)]
    [InlineData(9_223_372_030_926_249_000L, 3_037_000_498L)]   // 3037000499^2 - 1
    [InlineData(9_223_372_030_926_249_001L, 3_037_000_499L)]   // 3037000499^2
    [InlineData(long.MaxValue, 3_037_000_499L)]
    public void Isqrt_ReturnsFloorOfSquareRoot(long value, long expected)
    {
        Assert.Equal(expected, IntMath.Isqrt(value));
    }

    [Fact]
    public void Isqrt_IsExactFloor_ForManyValues()
    {
        var random = new Random(1234);
        for (int i = 0; i < 20000; i++)
        {
            long value = random.NextInt64(0, long.MaxValue);
            if (i % 2 == 0)
            {
                value >>= random.Next(0, 62);
            }
            BigInteger root = IntMath.Isqrt(value);
            Assert.True(root * root <= value, $"{root}^2 > {value}");
            Assert.True((root + 1) * (root + 1) > value, $"({root}+1)^2 <= {value}");
        }
    }

    [Fact]
    public void Isqrt_Throws_ForNegative()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IntMath.Isqrt(-1));
    }
}
