using Xunit;
using SensorNode.Core.Policy;

namespace SensorNode.Core.Tests.Policy;

public class HeuristicPolicyTests
{
    private static IEnumerable<(int V, int L, int H, int B, int E)> AllBins()
    {
        for (int v = 0; v < StateEncoder.VoltageBins; v++)
        for (int l = 0; l < StateEncoder.LightBins; l++)
        for (int h = 0; h < StateEncoder.HourBins; h++)
        for (int b = 0; b < StateEncoder.BacklogBins; b++)
        for (int e = 0; e < StateEncoder.EventRateBins; e++)
            yield return (v, l, h, b, e);
    }

    [Fact]
    public void Decide_SleepsLongestWithoutPirOrRadio_AtCriticalVoltage()
    {
        foreach (var s in AllBins().Where(s => s.V == 0))
        {
            var action = HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E);
            Assert.Equal(PolicyTable.WakeIntervalCount - 1, action.WakeIntervalIndex);
            Assert.False(action.MotionWakeArmed);
            Assert.False(action.Transmit);
        }
    }

    [Fact]
    public void Decide_NeverTransmits_WithEmptyBacklog()
    {
        Assert.All(AllBins().Where(s => s.B == 0), s => Assert.False(HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E).Transmit));
    }

    [Fact]
    public void Decide_Transmits_WhenBacklogManyAndVoltageAtLeastFair_OutsideTheNight()
    {
        Assert.All(AllBins().Where(s => s.B == 2 && s.V >= 2 && s.H != 0), s => Assert.True(HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E).Transmit));
        Assert.All(AllBins().Where(s => s.V <= 1), s => Assert.False(HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E).Transmit));
    }

    [Fact]
    public void Decide_ArmsPir_FromFairVoltage_WithActivityOrDaylight_AndAlwaysFromGood()
    {
        foreach (var s in AllBins())
        {
            bool armed = HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E).MotionWakeArmed;
            if (s.V <= 1) Assert.False(armed);
            if (s.V >= 3) Assert.True(armed);
            if (s.V == 2) Assert.Equal(s.E >= 1 || (s.H != 0 && s.L >= 2), armed);
        }
    }

    [Fact]
    public void Decide_NeverSpendsLess_WhenVoltageRises()
    {
        // More charge never means a longer sleep, a disarmed PIR or a skipped transmission.
        foreach (var s in AllBins().Where(s => s.V < StateEncoder.VoltageBins - 1))
        {
            var lower = HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E);
            var higher = HeuristicPolicy.Decide(s.V + 1, s.L, s.H, s.B, s.E);
            Assert.True(higher.WakeIntervalIndex <= lower.WakeIntervalIndex, $"interval at {s}");
            Assert.True(higher.MotionWakeArmed || !lower.MotionWakeArmed, $"PIR at {s}");
            Assert.True(higher.Transmit || !lower.Transmit, $"transmit at {s}");
        }
    }

    [Fact]
    public void Decide_SamplesFaster_WhenBrightOrBusy_AtGoodVoltage()
    {
        int quiet = HeuristicPolicy.Decide(3, 1, 2, 1, 0).WakeIntervalIndex;
        Assert.Equal(4, quiet);                                                   // 300 s with default intervals
        Assert.Equal(3, HeuristicPolicy.Decide(3, 3, 2, 1, 0).WakeIntervalIndex); // bright
        Assert.Equal(3, HeuristicPolicy.Decide(3, 1, 2, 1, 2).WakeIntervalIndex); // busy
        Assert.Equal(5, HeuristicPolicy.Decide(3, 0, 2, 1, 0).WakeIntervalIndex); // dark
    }

    [Fact]
    public void Decide_Throws_ForBinOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HeuristicPolicy.Decide(6, 0, 0, 0, 0));
    }

    [Fact]
    public void BuildActionCodes_HoldsDecideForEveryStateIndex()
    {
        byte[] codes = HeuristicPolicy.BuildActionCodes();
        Assert.Equal(StateEncoder.StateCount, codes.Length);
        foreach (var s in AllBins())
        {
            var expected = HeuristicPolicy.Decide(s.V, s.L, s.H, s.B, s.E);
            for (int a = 0; a < StateEncoder.ArrivalBins; a++)
                Assert.Equal(expected, PolicyTable.DecodeAction(codes[StateEncoder.Compose(s.V, s.L, s.H, s.B, s.E, a)]));
        }
    }
}
