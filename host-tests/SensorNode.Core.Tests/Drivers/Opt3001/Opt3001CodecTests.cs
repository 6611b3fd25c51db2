using Xunit;
using SensorNode.Core.Drivers;

namespace SensorNode.Core.Tests.Drivers.Opt3001;

public class Opt3001CodecTests
{
    [Theory]
    // The datasheet's result-register examples table: lux = 0.01 * 2^E * R.
    [InlineData(0b0000_0000_0000_0001, 1)]          // 0.01 lx
    [InlineData(0b0000_1111_1111_1111, 4095)]       // 40.95 lx
    [InlineData(0b0011_0100_0101_0110, 8880)]       // E=3, R=0x456: 88.80 lx
    [InlineData(0b0111_1000_1001_1010, 281856)]     // E=7, R=0x89A: 2818.56 lx
    [InlineData(0b1000_1000_0000_0000, 524288)]     // E=8, R=0x800: 5242.88 lx
    [InlineData(0b1001_0100_0000_0000, 524288)]     // E=9, R=0x400: the same lux, another range
    [InlineData(0b1010_0010_0000_0000, 524288)]     // E=10, R=0x200
    [InlineData(0b1011_0001_0000_0000, 524288)]     // E=11, R=0x100
    [InlineData(0b1011_0000_0000_0001, 2048)]       // 20.48 lx
    [InlineData(0b1011_1111_1111_1111, 8386560)]    // E=0xB, R=0xFFF: full scale 83865.60 lx
    [InlineData(0x0000, 0)]                         // dark
    public void TryDecodeCentiLux_MatchesDatasheetExamples(int register, int expectedCentiLux)
    {
        Assert.True(Opt3001Codec.TryDecodeCentiLux(register, out int centiLux));
        Assert.Equal(expectedCentiLux, centiLux);
    }

    [Theory]
    [InlineData(0xC000)]
    [InlineData(0xD123)]
    [InlineData(0xFFFF)]
    public void TryDecodeCentiLux_RejectsReservedExponents(int register)
    {
        Assert.False(Opt3001Codec.TryDecodeCentiLux(register, out int centiLux));
        Assert.Equal(0, centiLux);
    }

    [Fact]
    public void TryDecodeCentiLux_MatchesTheFloatingPointFormulaForEveryValidRegister()
    {
        for (int register = 0; register < 0xC000; register++)
        {
            double lux = 0.01 * Math.Pow(2, register >> 12) * (register & 0xFFF);
            Assert.True(Opt3001Codec.TryDecodeCentiLux(register, out int centiLux));
            Assert.Equal((int)Math.Round(lux * 100), centiLux);
        }
    }

    [Fact]
    public void MaxCentiLux_IsTheDatasheetFullScale()
    {
        Assert.Equal(8386560, Opt3001Codec.MaxCentiLux);
    }

    [Fact]
    public void SingleShotConfiguration_IsAutoRange100MsSingleShotWithResetLatch()
    {
        // RN=1100 (auto), CT=0 (100 ms), M=01 (single shot), L=1 (reset default), everything else 0.
        Assert.Equal(0b1100_0_01_0_0_0_0_1_0_0_00, Opt3001Codec.SingleShotAutomaticRange100Milliseconds);
        Assert.Equal(0xC210, Opt3001Codec.SingleShotAutomaticRange100Milliseconds);
    }
}
