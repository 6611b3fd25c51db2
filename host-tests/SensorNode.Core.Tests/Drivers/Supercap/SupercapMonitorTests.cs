using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Supercap;

public class SupercapMonitorTests
{
    // The reference board's calibration (NodeConfig defaults): raw 410 = 480 mV, raw 3686 = 2560 mV at the pin.
    private const int LowRaw = 410;
    private const int LowMillivolts = 480;
    private const int HighRaw = 3686;
    private const int HighMillivolts = 2560;

    [Fact]
    public void ReadmeUsage_ReadsTheSupercapVoltage()
    {
        var adc = new SimulatedAdc(dividerRatioMilli: 2000, gain: 1.0, offsetMillivolts: 0.0, noiseMillivoltsRms: 0.0, seed: 1)
        {
            SupercapVolts = 4.2,
        };

        // --- README snippet starts
        // Two equal resistors (ratio 2000); bench points: raw 1241 read at 1000 mV, raw 3102 at 2500 mV on the pin.
        var supercap = new SupercapMonitor(adc, 2000, 1241, 1000, 3102, 2500, samples: 8);
        if (supercap.TryReadMillivolts(out int supercapMillivolts))
        {
            // supercapMillivolts is 4200 (+- a count of quantisation)
        }
        // --- README snippet ends

        Assert.Equal(SensorError.None, supercap.LastError);
        Assert.InRange(supercapMillivolts, 4198, 4202);
    }

    [Theory]
    [InlineData(2048, 2000, 3040)]   // pin 480 + 1638 x 2080 / 3276 = 1520 mV, x2
    [InlineData(2048, 3000, 4560)]   // same pin voltage, 3:1 divider
    [InlineData(2048, 1000, 1520)]   // no divider
    [InlineData(LowRaw, 2000, 960)]  // exactly the low calibration point
    [InlineData(HighRaw, 2000, 5120)] // exactly the high calibration point
    [InlineData(100, 2000, 566)]     // below the low point: the line extrapolates (283.1 mV pin)
    public void TryReadMillivolts_AppliesTwoPointCalibrationThenTheDivider(int raw, int dividerRatioMilli, int expected)
    {
        var monitor = new SupercapMonitor(new ScriptedAdc(raw), dividerRatioMilli, LowRaw, LowMillivolts, HighRaw, HighMillivolts, 1);

        Assert.True(monitor.TryReadMillivolts(out int millivolts));

        Assert.Equal(expected, millivolts);
        Assert.Equal(SensorError.None, monitor.LastError);
    }

    [Fact]
    public void TryReadMillivolts_AveragesTheConfiguredNumberOfConversions()
    {
        var adc = new ScriptedAdc(2000, 2096, 2000, 2096);
        var monitor = new SupercapMonitor(adc, 2000, LowRaw, LowMillivolts, HighRaw, HighMillivolts, 4);

        Assert.True(monitor.TryReadMillivolts(out int millivolts));

        Assert.Equal(3040, millivolts); // the mean raw, 2048
        Assert.Equal(4, adc.ConversionCount);
    }

    [Fact]
    public void TryReadMillivolts_KeepsTheFractionOfTheAverage()
    {
        // Mean raw 2047.75: 3039.68 mV rounds to 3040; truncating the mean to 2047 first would give 3039.
        var monitor = new SupercapMonitor(new ScriptedAdc(2047, 2048, 2048, 2048), 2000, LowRaw, LowMillivolts, HighRaw, HighMillivolts, 4);

        Assert.True(monitor.TryReadMillivolts(out int millivolts));

        Assert.Equal(3040, millivolts);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    public void TryReadMillivolts_ReportsOutOfRange_ForASaturatedConversion(int saturatedRaw)
    {
        var adc = new ScriptedAdc(2048, saturatedRaw, 2048, 2048);
        var monitor = new SupercapMonitor(adc, 2000, LowRaw, LowMillivolts, HighRaw, HighMillivolts, 4);

        Assert.False(monitor.TryReadMillivolts(out int millivolts));

        Assert.Equal(SensorError.OutOfRange, monitor.LastError);
        Assert.Equal(0, millivolts);
        Assert.Equal(2, adc.ConversionCount); // stops at the first fault: no energy spent on a lost reading
    }

    [Fact]
    public void TryReadMillivolts_ReportsBusError_ForAFailedConversion_AndTheNextReadingWorks()
    {
        var adc = new ScriptedAdc(2048, null);
        var monitor = new SupercapMonitor(adc, 2000, LowRaw, LowMillivolts, HighRaw, HighMillivolts, 2);

        Assert.False(monitor.TryReadMillivolts(out int millivolts));
        Assert.Equal(SensorError.BusError, monitor.LastError);
        Assert.Equal(0, millivolts);

        adc.Enqueue(2048, 2048);
        Assert.True(monitor.TryReadMillivolts(out millivolts));
        Assert.Equal(3040, millivolts);
        Assert.Equal(SensorError.None, monitor.LastError);
    }

    [Fact]
    public void TryReadMillivolts_ReportsOutOfRange_WhenTheCalibrationLineGoesBelowZero()
    {
        // 1 mV per count through (1000, 100 mV): raw 50 extrapolates to -850 mV.
        var monitor = new SupercapMonitor(new ScriptedAdc(50), 2000, 1000, 100, 2000, 1100, 1);

        Assert.False(monitor.TryReadMillivolts(out int millivolts));

        Assert.Equal(SensorError.OutOfRange, monitor.LastError);
        Assert.Equal(0, millivolts);
    }

    [Fact]
    public void BenchCalibration_RecoversTheVoltage_OfAnAdcWithGainAndOffsetError()
    {
        // An ESP32-like converter: 27 % gain error and -280 mV offset, quantised to 12 bits.
        var adc = new SimulatedAdc(2000, 1.27, -280.0, 0.0, seed: 7);
        // The bench procedure: apply two known voltages and note the raw counts.
        int lowRaw = ReadRawAt(adc, 1.0);   // 500 mV at the pin
        int highRaw = ReadRawAt(adc, 5.0);  // 2500 mV at the pin
        var monitor = new SupercapMonitor(adc, 2000, lowRaw, 500, highRaw, 2500, 1);

        foreach (double volts in new[] { 1.5, 3.0, 3.3, 4.5, 5.0, 5.4 })
        {
            adc.SupercapVolts = volts;
            Assert.True(monitor.TryReadMillivolts(out int millivolts));
            // One count is 0.63 mV at the pin, 1.3 mV at the supercap; the calibration points add as much again.
            Assert.InRange(millivolts, volts * 1000 - 3, volts * 1000 + 3);
        }
    }

    [Fact]
    public void Averaging_ReducesNoise()
    {
        double single = RmsErrorMillivolts(samples: 1);
        double averaged = RmsErrorMillivolts(samples: 64);

        // Averaging n samples divides noise by sqrt(n) = 8 here; demand at least 3.
        Assert.True(averaged < single / 3, $"RMS error {averaged:F1} mV averaged vs {single:F1} mV single");
    }

    [Fact]
    public void SeededNoise_ReplaysExactly()
    {
        Assert.Equal(Readings(seed: 99), Readings(seed: 99));
        Assert.NotEqual(Readings(seed: 99), Readings(seed: 100));
    }

    [Fact]
    public void TryReadMillivolts_ReportsOutOfRange_WhenTheSimulatedPinIsOutsideTheAdcRange()
    {
        var adc = new SimulatedAdc(2000, 1.0, 0.0, 0.0, seed: 1);
        var monitor = new SupercapMonitor(adc, 2000, 1241, 1000, 3102, 2500, 4);

        adc.SupercapVolts = 0.0;   // raw clamps to 0
        Assert.False(monitor.TryReadMillivolts(out _));
        Assert.Equal(SensorError.OutOfRange, monitor.LastError);

        adc.SupercapVolts = 7.0;   // 3.5 V at the pin is above the converter's 3.3 V: raw clamps to 4095
        Assert.False(monitor.TryReadMillivolts(out _));
        Assert.Equal(SensorError.OutOfRange, monitor.LastError);
    }

    [Fact]
    public void TryReadMillivolts_ReportsBusError_WhenTheSimulatedAdcFails_AndRecovers()
    {
        var adc = new SimulatedAdc(2000, 1.0, 0.0, 0.0, seed: 1) { SupercapVolts = 3.0 };
        var monitor = new SupercapMonitor(adc, 2000, 1241, 1000, 3102, 2500, 8);
        adc.FailNextConversions(1);

        Assert.False(monitor.TryReadMillivolts(out int millivolts));
        Assert.Equal(SensorError.BusError, monitor.LastError);
        Assert.Equal(0, millivolts);
        Assert.Equal(1, adc.ConversionCount);

        Assert.True(monitor.TryReadMillivolts(out millivolts));
        Assert.InRange(millivolts, 2998, 3002);
        Assert.Equal(9, adc.ConversionCount);
    }

    [Fact]
    public void Describe_ListsConfigurationAndLastError()
    {
        var monitor = new SupercapMonitor(new ScriptedAdc(0), 2000, LowRaw, LowMillivolts, HighRaw, HighMillivolts, 1);
        Assert.Equal("Supercap ADC: divider x1000 2000, 1 samples, calibration 410 raw = 480 mV, 3686 raw = 2560 mV, last error None",
            monitor.Describe());

        monitor.TryReadMillivolts(out _);
        Assert.EndsWith("last error OutOfRange", monitor.Describe());
    }

    private static int ReadRawAt(SimulatedAdc adc, double volts)
    {
        adc.SupercapVolts = volts;
        Assert.True(adc.TryReadRaw(out int raw));
        return raw;
    }

    private static double RmsErrorMillivolts(int samples)
    {
        var adc = new SimulatedAdc(2000, 1.0, 0.0, noiseMillivoltsRms: 15.0, seed: 1234) { SupercapVolts = 3.6 };
        var monitor = new SupercapMonitor(adc, 2000, 1241, 1000, 3102, 2500, samples);
        double sumOfSquares = 0;
        const int readings = 40;
        for (int i = 0; i < readings; i++)
        {
            Assert.True(monitor.TryReadMillivolts(out int millivolts));
            sumOfSquares += Math.Pow(millivolts - 3600, 2);
        }
        return Math.Sqrt(sumOfSquares / readings);
    }

    private static int[] Readings(int seed)
    {
        var adc = new SimulatedAdc(2000, 1.0, 0.0, noiseMillivoltsRms: 10.0, seed) { SupercapVolts = 3.3 };
        var monitor = new SupercapMonitor(adc, 2000, 1241, 1000, 3102, 2500, 2);
        var readings = new int[10];
        for (int i = 0; i < readings.Length; i++)
        {
            Assert.True(monitor.TryReadMillivolts(out readings[i]));
        }
        return readings;
    }
}
