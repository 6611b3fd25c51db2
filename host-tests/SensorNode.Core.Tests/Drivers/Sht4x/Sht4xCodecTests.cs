using Xunit;
using SensorNode.Core.Drivers;

namespace SensorNode.Core.Tests.Drivers.Sht4x;

public class Sht4xCodecTests
{
    [Theory]
    [InlineData(Sht4xPrecision.High, 0xFD, 10)]    // datasheet Table 7 command, Table 4 maximum 8.3 ms, rounded up + 1
    [InlineData(Sht4xPrecision.Medium, 0xF6, 6)]   // 4.5 ms
    [InlineData(Sht4xPrecision.Low, 0xE0, 3)]      // 1.6 ms
    public void Commands_AndWaits_AreTheDatasheets(Sht4xPrecision precision, int command, int waitMilliseconds)
    {
        Assert.Equal(command, Sht4xCodec.MeasureCommand(precision));
        Assert.Equal(waitMilliseconds, Sht4xCodec.MeasurementMilliseconds(precision));
    }

    [Fact]
    public void UndefinedPrecision_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Sht4xCodec.MeasureCommand((Sht4xPrecision)7));
        Assert.Throws<ArgumentException>(() => Sht4xCodec.MeasurementMilliseconds((Sht4xPrecision)7));
    }

    [Fact]
    public void Crc8_IsSensirions_BeefGives0x92()
    {
        Assert.Equal(0x92, SensirionCrc8.Compute(new byte[] { 0xBE, 0xEF }, 0, 2));
    }

    [Theory]
    [InlineData(0x0000, -4500)]   // -45.00 degC
    [InlineData(0xFFFF, 13000)]   // 130.00 degC
    [InlineData(0x6666, 2500)]    // 0.4 of full scale: -45 + 70 = 25.00 degC
    public void TemperatureCentiCelsius_FollowsDatasheetFormula(int raw, int expected)
    {
        Assert.Equal(expected, Sht4xCodec.TemperatureCentiCelsius(raw));
    }

    [Theory]
    [InlineData(0x0000, 0)]       // -6 %RH, cropped to 0 as the datasheet advises
    [InlineData(0x0C49, 0)]       // 3145: -0.0013 %RH, cropped to 0.00
    [InlineData(0x0C4A, 0)]       // 3146: 0.0006 %RH rounds to 0.00
    [InlineData(0x6666, 4400)]    // 0.4 of full scale: -6 + 50 = 44.00 %RH
    [InlineData(0x8000, 5650)]    // 56.5010 %RH
    [InlineData(0xD90A, 9998)]    // 55562: 99.9777 %RH
    [InlineData(0xFFFF, 10000)]   // 119 %RH, cropped to 100
    public void HumidityCentiPercent_FollowsDatasheetFormula_CroppedTo0To100(int raw, int expected)
    {
        Assert.Equal(expected, Sht4xCodec.HumidityCentiPercent(raw));
    }

    [Fact]
    public void Conversions_MatchFloatingPointFormulaForEveryRawWord()
    {
        for (int raw = 0; raw <= 0xFFFF; raw++)
        {
            double expectedT = Math.Round((-45.0 + 175.0 * raw / 65535.0) * 100.0, MidpointRounding.AwayFromZero);
            double expectedRh = Math.Clamp(Math.Round((-6.0 + 125.0 * raw / 65535.0) * 100.0, MidpointRounding.AwayFromZero), 0, 10000);
            Assert.Equal((int)expectedT, Sht4xCodec.TemperatureCentiCelsius(raw));
            Assert.Equal((int)expectedRh, Sht4xCodec.HumidityCentiPercent(raw));
        }
    }
}
