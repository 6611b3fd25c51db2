using Xunit;
using SensorNode.Core.Policy;

namespace SensorNode.Core.Tests.Policy;

public class StateEncoderTests
{
    // Reference design: brown-out 3000 mV, max 5400 mV, so 1 % of the range is 24 mV.
    private const int Brownout = 3000;
    private const int Max = 5400;

    [Fact]
    public void StateCount_IsProductOfBinCounts()
    {
        Assert.Equal(1728, StateEncoder.StateCount);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2999, 0)]
    [InlineData(3119, 0)]   // 4.96 %
    [InlineData(3120, 1)]   // 5 %
    [InlineData(3479, 1)]
    [InlineData(3480, 2)]   // 20 %
    [InlineData(3959, 2)]
    [InlineData(3960, 3)]   // 40 %
    [InlineData(4559, 3)]
    [InlineData(4560, 4)]   // 65 %
    [InlineData(5159, 4)]
    [InlineData(5160, 5)]   // 90 %
    [InlineData(5400, 5)]
    [InlineData(65535, 5)]
    [InlineData(int.MinValue, 0)]
    [InlineData(int.MaxValue, 5)]
    public void VoltageBin_SplitsAtPercentOfRangeAboveBrownout(int millivolts, int expected)
    {
        Assert.Equal(expected, StateEncoder.VoltageBin(millivolts, Brownout, Max));
    }

    [Fact]
    public void VoltageBin_UsesConfiguredRange()
    {
        // Range 1000..2000 mV: 5 % edge at 1050 mV.
        Assert.Equal(0, StateEncoder.VoltageBin(1049, 1000, 2000));
        Assert.Equal(1, StateEncoder.VoltageBin(1050, 1000, 2000));
    }

    [Theory]
    [InlineData(3000, 3000)]
    [InlineData(5400, 3000)]
    public void VoltageBin_Throws_WhenMaxNotAboveBrownout(int brownout, int max)
    {
        Assert.Throws<ArgumentException>(() => StateEncoder.VoltageBin(4000, brownout, max));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(999, 0)]        // 9.99 lx
    [InlineData(1000, 1)]       // 10 lx
    [InlineData(9999, 1)]
    [InlineData(10000, 2)]      // 100 lx
    [InlineData(49999, 2)]
    [InlineData(50000, 3)]      // 500 lx
    [InlineData(8386560, 3)]    // OPT3001 full scale
    public void LightBin_UsesIlluminance_WhenKnown(int centiLux, int expected)
    {
        // A large harvest must not override a valid illuminance.
        Assert.Equal(expected, StateEncoder.LightBin(centiLux, 100000));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(49, 1)]
    [InlineData(50, 2)]
    [InlineData(249, 2)]
    [InlineData(250, 3)]
    public void LightBin_FallsBackToHarvest_WhenIlluminanceNegative(int microwatts, int expected)
    {
        Assert.Equal(expected, StateEncoder.LightBin(-1, microwatts));
        Assert.Equal(expected, StateEncoder.LightBin(int.MinValue, microwatts));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 2)]
    [InlineData(17, 2)]
    [InlineData(18, 3)]
    [InlineData(23, 3)]
    public void HourBin_SplitsDayInSixHourQuarters(int hour, int expected)
    {
        Assert.Equal(expected, StateEncoder.HourBin(hour));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    [InlineData(int.MinValue)]
    public void HourBin_TreatsUnknownHourAsNight(int hour)
    {
        Assert.Equal(0, StateEncoder.HourBin(hour));
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(15, 1)]
    [InlineData(16, 2)]
    [InlineData(256, 2)]
    public void BacklogBin_SplitsEmptySomeMany(int backlog, int expected)
    {
        Assert.Equal(expected, StateEncoder.BacklogBin(backlog));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(499, 0)]
    [InlineData(500, 1)]     // 0.5 events/h
    [InlineData(4999, 1)]
    [InlineData(5000, 2)]    // 5 events/h
    [InlineData(int.MaxValue, 2)]
    public void EventRateBin_SplitsNoneLowHigh(int milliPerHour, int expected)
    {
        Assert.Equal(expected, StateEncoder.EventRateBin(milliPerHour));
    }

    [Fact]
    public void Compose_NumbersEveryCombinationOnce_VoltageMostSignificant()
    {
        var seen = new bool[StateEncoder.StateCount];
        int expected = 0;
        for (int v = 0; v < StateEncoder.VoltageBins; v++)
        for (int l = 0; l < StateEncoder.LightBins; l++)
        for (int h = 0; h < StateEncoder.HourBins; h++)
        for (int b = 0; b < StateEncoder.BacklogBins; b++)
        for (int e = 0; e < StateEncoder.EventRateBins; e++)
        for (int a = 0; a < StateEncoder.ArrivalBins; a++)
        {
            int index = StateEncoder.Compose(v, l, h, b, e, a);
            Assert.Equal(v, StateEncoder.VoltageBinOf(index));
            Assert.Equal(a, StateEncoder.ArrivalBinOf(index));
            Assert.Equal(expected++, index);
            Assert.False(seen[index]);
            seen[index] = true;
        }
        Assert.All(seen, Assert.True);
    }

    [Theory]
    [InlineData(6, 0, 0, 0, 0, 0)]
    [InlineData(0, 4, 0, 0, 0, 0)]
    [InlineData(0, 0, 4, 0, 0, 0)]
    [InlineData(0, 0, 0, 3, 0, 0)]
    [InlineData(0, 0, 0, 0, 3, 0)]
    [InlineData(0, 0, 0, 0, 0, 2)]
    [InlineData(0, 0, 0, 0, 0, -1)]
    [InlineData(-1, 0, 0, 0, 0, 0)]
    public void Compose_Throws_ForBinOutOfRange(int v, int l, int h, int b, int e, int a)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StateEncoder.Compose(v, l, h, b, e, a));
    }

    [Fact]
    public void Encode_CombinesTheSixBins()
    {
        var observation = new PolicyObservation
        {
            SupercapMillivolts = 4600,         // high (4)
            IlluminanceCentiLux = 20000,       // 200 lx, office (2)
            HarvestMicrowatts = 0,
            HourOfDay = 19,                    // evening (3)
            BacklogReadings = 3,               // some (1)
            EventRateMilliPerHour = 7000,      // high (2)
        };
        Assert.Equal(StateEncoder.Compose(4, 2, 3, 1, 2, 0), StateEncoder.Encode(observation, Brownout, Max));
        observation.ArrivalWake = true;
        Assert.Equal(StateEncoder.Compose(4, 2, 3, 1, 2, 1), StateEncoder.Encode(observation, Brownout, Max));
    }

    [Fact]
    public void Encode_GivesFirstAndLastIndex_AtTheExtremes()
    {
        var low = new PolicyObservation { SupercapMillivolts = 2000, IlluminanceCentiLux = -1, HarvestMicrowatts = -1, HourOfDay = -1 };
        var high = new PolicyObservation
        {
            SupercapMillivolts = 5400, IlluminanceCentiLux = 100000, HourOfDay = 23, BacklogReadings = 100, EventRateMilliPerHour = 100000,
            ArrivalWake = true,
        };
        Assert.Equal(0, StateEncoder.Encode(low, Brownout, Max));
        Assert.Equal(StateEncoder.StateCount - 1, StateEncoder.Encode(high, Brownout, Max));
    }
}
