using Xunit;
using SensorNode.Core.Drivers;

namespace SensorNode.Core.Tests.Drivers.Sht3x;

public class Sht3xCodecTests
{
    [Fact]
    public void Crc8_MatchesDatasheetExample_BeefGives0x92()
    {
        Assert.Equal(0x92, Sht3xCodec.Crc8(new byte[] { 0xBE, 0xEF }, 0, 2));
    }

    [Fact]
    public void Crc8_CoversOnlyTheGivenRange()
    {
        Assert.Equal(0x92, Sht3xCodec.Crc8(new byte[] { 0x11, 0xBE, 0xEF, 0x22 }, 1, 2));
    }

    [Theory]
    [InlineData(0x66, 0x66, 0x93)]
    [InlineData(0x80, 0x00, 0xA2)]
    [InlineData(0x00, 0x00, 0x81)]
    [InlineData(0xFF, 0xFF, 0xAC)]
    public void IsWordValid_AcceptsTheMatchingCrcOnly(byte msb, byte lsb, byte crc)
    {
        Assert.True(Sht3xCodec.IsWordValid(new byte[] { msb, lsb, crc }, 0));
        Assert.False(Sht3xCodec.IsWordValid(new byte[] { msb, lsb, (byte)(crc ^ 0x01) }, 0));
        Assert.False(Sht3xCodec.IsWordValid(new byte[] { (byte)(msb ^ 0x80), lsb, crc }, 0));
    }

    [Theory]
    [InlineData(0x0000, -4500)]   // -45.00 degC, bottom of the output range
    [InlineData(0xFFFF, 13000)]   // 130.00 degC, top
    [InlineData(0x6666, 2500)]    // 26214 / 65535 = 0.4 exactly: -45 + 70 = 25.00 degC
    [InlineData(0x8000, 4250)]    // 42.5013 degC
    [InlineData(0x0002, -4499)]   // -44.9947 rounds up, truncation would give -45.00
    public void TemperatureCentiCelsius_FollowsDatasheetFormula(int raw, int expected)
    {
        Assert.Equal(expected, Sht3xCodec.TemperatureCentiCelsius(raw));
    }

    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0xFFFF, 10000)]
    [InlineData(0x8000, 5000)]    // 50.0008 %RH
    [InlineData(0x4000, 2500)]    // 25.0004 %RH
    [InlineData(0x0004, 1)]       // 0.0061 %RH rounds to 0.01
    public void HumidityCentiPercent_FollowsDatasheetFormula(int raw, int expected)
    {
        Assert.Equal(expected, Sht3xCodec.HumidityCentiPercent(raw));
    }

    [Fact]
    public void Conversions_MatchFloatingPointFormulaForEveryRawWord()
    {
        for (int raw = 0; raw <= 0xFFFF; raw++)
        {
            double expectedT = Math.Round((-45.0 + 175.0 * raw / 65535.0) * 100.0, MidpointRounding.AwayFromZero);
            double expectedRh = Math.Round(100.0 * raw / 65535.0 * 100.0, MidpointRounding.AwayFromZero);
            Assert.Equal((int)expectedT, Sht3xCodec.TemperatureCentiCelsius(raw));
            Assert.Equal((int)expectedRh, Sht3xCodec.HumidityCentiPercent(raw));
        }
    }

    [Theory]
    [InlineData(Sht3xRepeatability.High, 0x2400, 16)]
    [InlineData(Sht3xRepeatability.Medium, 0x240B, 7)]
    [InlineData(Sht3xRepeatability.Low, 0x2416, 5)]
    public void SingleShotCommand_IsDatasheetTable9WithoutClockStretching(Sht3xRepeatability repeatability, int command, int waitMilliseconds)
    {
        Assert.Equal(command, (int)Sht3xCodec.SingleShotCommand(repeatability));
        Assert.Equal(waitMilliseconds, Sht3xCodec.MeasurementMilliseconds(repeatability));
    }

    [Fact]
    public void MeasurementMilliseconds_Throws_ForUndefinedRepeatability()
    {
        var error = Assert.Throws<ArgumentException>(() => Sht3xCodec.MeasurementMilliseconds((Sht3xRepeatability)3));
        Assert.Contains("High, Medium or Low", error.Message);
    }
}
