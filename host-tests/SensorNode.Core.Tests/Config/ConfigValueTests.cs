using Xunit;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

public class ConfigValueTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("007", 7)]
    public void TryParseInt_AcceptsPlainDecimal(string text, int expected)
    {
        Assert.True(ConfigValue.TryParseInt(text, out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("2147483648")]
    [InlineData("12345678901")]
    [InlineData("1_000")]
    [InlineData("0x10")]
    public void TryParseInt_RejectsAnythingElse(string text)
    {
        Assert.False(ConfigValue.TryParseInt(text, out _));
    }

    [Theory]
    [InlineData("0x0", 0)]
    [InlineData("0xff", 255)]
    [InlineData("0X7FFFFFFF", int.MaxValue)]
    public void TryParseHex_AcceptsPrefixedHex(string text, int expected)
    {
        Assert.True(ConfigValue.TryParseHex(text, out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("ff")]
    [InlineData("0x")]
    [InlineData("0x80000000")]
    [InlineData("0x123456789")]
    [InlineData("0x-1")]
    public void TryParseHex_RejectsAnythingElse(string text)
    {
        Assert.False(ConfigValue.TryParseHex(text, out _));
    }

    [Theory]
    [InlineData("0.001", 1)]
    [InlineData("0.1", 100)]
    [InlineData("0.10", 100)]
    [InlineData("999999.999", 999999999)]
    [InlineData("-1.25", -1250)]
    public void TryParseMilli_IsExact(string text, int expected)
    {
        Assert.True(ConfigValue.TryParseMilli(text, out int milli));
        Assert.Equal(expected, milli);
    }

    [Theory]
    [InlineData("--1.0")]
    [InlineData("1.2.3")]
    [InlineData("1.-5")]
    [InlineData("1000000")]
    public void TryParseMilli_RejectsMalformed(string text)
    {
        Assert.False(ConfigValue.TryParseMilli(text, out _));
    }

    [Fact]
    public void TryParseDottedQuad_IsBigEndian()
    {
        Assert.True(ConfigValue.TryParseDottedQuad("192.168.1.50", out uint address));
        Assert.Equal(0xC0A80132u, address);
    }

    [Theory]
    [InlineData(0x44, 2, "0x44")]
    [InlineData(0x5, 2, "0x05")]
    [InlineData(0x1E0000, 6, "0x1E0000")]
    [InlineData(0x10000, 6, "0x010000")]
    [InlineData(0, 1, "0x0")]
    public void FormatHex_PadsToTheDigitCount(int value, int digits, string expected)
    {
        Assert.Equal(expected, ConfigValue.FormatHex(value, digits));
    }

    [Theory]
    [InlineData(2000, "2.000")]
    [InlineData(1, "0.001")]
    [InlineData(-1500, "-1.500")]
    public void FormatMilli_HasThreeDecimals(int milli, string expected)
    {
        Assert.Equal(expected, ConfigValue.FormatMilli(milli));
    }
}
