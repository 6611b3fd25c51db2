using Xunit;
using SensorNode.Core.Drivers;

namespace SensorNode.Core.Tests.Drivers.Supercap;

public class SupercapMonitorConfigTests
{
    [Theory]
    [InlineData(999, 410, 480, 3686, 2560, 8, "dividerRatioMilli must be 1000 to 100000")]
    [InlineData(100001, 410, 480, 3686, 2560, 8, "dividerRatioMilli must be 1000 to 100000")]
    [InlineData(2000, 410, 480, 3686, 2560, 0, "samples must be 1 to 64")]
    [InlineData(2000, 410, 480, 3686, 2560, 65, "samples must be 1 to 64")]
    [InlineData(2000, 0, 480, 3686, 2560, 8, "calibrationLowRaw must be 1 to 4093")]
    [InlineData(2000, 4094, 480, 4094, 2560, 8, "calibrationLowRaw must be 1 to 4093")]
    [InlineData(2000, 410, 480, 410, 2560, 8, "calibrationHighRaw must be 411 to 4094")]
    [InlineData(2000, 410, 480, 300, 2560, 8, "calibrationHighRaw must be 411 to 4094")]
    [InlineData(2000, 410, 480, 4095, 2560, 8, "calibrationHighRaw must be 411 to 4094")]
    [InlineData(2000, 410, -1, 3686, 2560, 8, "calibrationLowMillivolts must be 0 to 4999")]
    [InlineData(2000, 410, 480, 3686, 480, 8, "calibrationHighMillivolts must be 481 to 5000")]
    [InlineData(2000, 410, 480, 3686, 5001, 8, "calibrationHighMillivolts must be 481 to 5000")]
    public void Constructor_Throws_WithTheValidRangeInTheMessage(int ratio, int lowRaw, int lowMillivolts, int highRaw, int highMillivolts, int samples, string expectedMessage)
    {
        var adc = new ScriptedAdc();

        var error = Assert.Throws<ArgumentException>(
            () => new SupercapMonitor(adc, ratio, lowRaw, lowMillivolts, highRaw, highMillivolts, samples));

        Assert.Contains(expectedMessage, error.Message);
        Assert.Equal(0, adc.ConversionCount);
    }

    [Fact]
    public void Constructor_Throws_ForNullAdc()
    {
        Assert.Throws<ArgumentNullException>(() => new SupercapMonitor(null!, 2000, 410, 480, 3686, 2560, 8));
    }

    [Theory]
    [InlineData(1000, 1, 0, 4094, 5000, 1)]
    [InlineData(100000, 410, 480, 3686, 2560, 64)]
    public void Constructor_Accepts_TheEdgesOfEachRange(int ratio, int lowRaw, int lowMillivolts, int highRaw, int highMillivolts, int samples)
    {
        var monitor = new SupercapMonitor(new ScriptedAdc(), ratio, lowRaw, lowMillivolts, highRaw, highMillivolts, samples);
        Assert.Equal(SensorError.None, monitor.LastError);
    }
}
