using Xunit;
using System.Text;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Tests.Numerics;

public class AsciiTextTests
{
    private static string Fixed(long value, int decimals)
    {
        var buffer = new byte[32];
        int length = AsciiText.WriteFixedPoint(buffer, 0, value, decimals);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    [Theory]
    [InlineData(2153L, 2, "21.53")]
    [InlineData(-5L, 2, "-0.05")]
    [InlineData(2150L, 2, "21.5")]
    [InlineData(2000L, 2, "20")]
    [InlineData(-100L, 2, "-1")]
    [InlineData(0L, 3, "0")]
    [InlineData(4123L, 3, "4.123")]
    [InlineData(3000L, 3, "3")]
    [InlineData(350L, 6, "0.00035")]
    [InlineData(-1500L, 6, "-0.0015")]
    [InlineData(1L, 18, "0.000000000000000001")]
    [InlineData(-600L, 0, "-600")]
    [InlineData(1767225600L, 0, "1767225600")]
    [InlineData(long.MaxValue, 0, "9223372036854775807")]
    [InlineData(long.MinValue, 0, "-9223372036854775808")]
    [InlineData(long.MinValue, 18, "-9.223372036854775808")]
    public void WriteFixedPoint_WritesShortestExactDecimal(long value, int decimals, string expected)
    {
        Assert.Equal(expected, Fixed(value, decimals));
    }

    [Fact]
    public void WriteFixedPoint_MatchesDecimalArithmetic_ForManyValues()
    {
        var random = new Random(99);
        for (int i = 0; i < 20000; i++)
        {
            long value = random.NextInt64(-1_000_000_000_000, 1_000_000_000_000) >> random.Next(0, 40);
            int decimals = random.Next(0, 7);
            string text = Fixed(value, decimals);
            decimal parsed = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(value, (long)(parsed * (decimal)Math.Pow(10, decimals)));
            Assert.False(text.Contains('.') && text.EndsWith('0'), text);
        }
    }

    [Fact]
    public void WriteFixedPoint_ReturnsMinusOneAndLeavesBufferUntouched_WhenTooSmall()
    {
        var buffer = new byte[] { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA };
        Assert.Equal(-1, AsciiText.WriteFixedPoint(buffer, 0, -2153, 2));  // "-21.53" is 6 bytes
        Assert.Equal(-1, AsciiText.WriteFixedPoint(buffer, 1, 2153, 2));   // 5 bytes from offset 1
        Assert.All(buffer, b => Assert.Equal(0xAA, b));
        Assert.Equal(5, AsciiText.WriteFixedPoint(buffer, 0, 2153, 2));
        Assert.Equal("21.53", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public void WriteInt64_WritesAtOffset()
    {
        var buffer = new byte[8];
        Assert.Equal(3, AsciiText.WriteInt64(buffer, 2, -42));
        Assert.Equal(new byte[] { 0, 0, (byte)'-', (byte)'4', (byte)'2', 0, 0, 0 }, buffer);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(19)]
    public void WriteFixedPoint_Throws_ForDecimalsOutOfRange(int decimals)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AsciiText.WriteFixedPoint(new byte[32], 0, 1, decimals));
    }

    [Fact]
    public void WriteString_CopiesAsciiAndReplacesOthers()
    {
        var buffer = new byte[6];
        Assert.Equal(4, AsciiText.WriteString(buffer, 1, "a\"é~"));
        Assert.Equal(new byte[] { 0, (byte)'a', (byte)'"', (byte)'?', (byte)'~', 0 }, buffer);
        Assert.Equal(-1, AsciiText.WriteString(buffer, 3, "abcd"));
    }
}
