using Xunit;
using SensorNode.Core.Drivers;

namespace SensorNode.Core.Tests.Drivers.Bh1750;

public class Bh1750CodecTests
{
    [Theory]
    [InlineData(0x8390, 2806667)]  // datasheet read-format example: 1000_0011 1001_0000 -> 28067 lx
    [InlineData(0x0000, 0)]
    [InlineData(0x0001, 83)]       // 0.8333 lx
    [InlineData(0x000C, 1000)]     // 12 / 1.2 = 10.00 lx exactly
    [InlineData(0xFFFF, 5461250)]  // full scale 54612.50 lx
    public void CentiLuxFromRaw_DividesBy1Point2(int raw, int expectedCentiLux)
    {
        Assert.Equal(expectedCentiLux, Bh1750Codec.CentiLuxFromRaw(raw));
    }

    [Fact]
    public void CentiLuxFromRaw_MatchesTheFloatingPointFormulaForEveryRawWord()
    {
        for (int raw = 0; raw <= 0xFFFF; raw++)
        {
            Assert.Equal((int)Math.Round(raw / 1.2 * 100.0), Bh1750Codec.CentiLuxFromRaw(raw));
        }
    }

    [Fact]
    public void MaxCentiLux_IsRawFullScale()
    {
        Assert.Equal(5461250, Bh1750Codec.MaxCentiLux);
        Assert.Equal(Bh1750Codec.MaxCentiLux, Bh1750Codec.CentiLuxFromRaw(0xFFFF));
    }
}
