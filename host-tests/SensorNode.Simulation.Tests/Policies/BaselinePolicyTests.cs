using SensorNode.Core.Policy;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;

namespace SensorNode.Simulation.Tests.Policies;

public class BaselinePolicyTests
{
    private static PolicyObservation Obs(int mv, int backlog = 0) => new() { SupercapMillivolts = mv, BacklogReadings = backlog, IlluminanceCentiLux = -1 };

    [Theory]
    [InlineData(16, true)]
    [InlineData(15, false)]
    public void Fixed_ArmsPirAlways_AndTransmitsFromSixteenReadings(int backlog, bool transmit)
    {
        PolicyAction a = new FixedIntervalPolicy(2).Decide(0, Obs(3100, backlog));
        Assert.Equal(2, a.WakeIntervalIndex);
        Assert.True(a.MotionWakeArmed);
        Assert.Equal(transmit, a.Transmit);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Fixed_TableForm_DecidesLikeTheHostForm_InEveryStateTheNodeCanReach(int intervalIndex)
    {
        // PolicySpec.Fixed (simulate --policy fixed:5m) and FixedIntervalPolicy (evaluate) are claimed to be one rule.
        PolicyTable table = SensorNode.Simulation.Simulator.PolicySpec.Fixed(intervalIndex);
        var host = new FixedIntervalPolicy(intervalIndex);
        foreach (int mv in new[] { 2100, 3000, 3600, 4500, 5400 })
        foreach (int backlog in new[] { 0, 1, 15, 16, 17, 400 })
        foreach (int hour in new[] { 0, 9, 14, 22 })
        {
            var observation = new PolicyObservation { SupercapMillivolts = mv, BacklogReadings = backlog, IlluminanceCentiLux = 30000, HourOfDay = hour };
            int state = StateEncoder.Encode(observation, 2000, 5500);
            PolicyAction fromTable = table.Decide(state, observation), fromHost = host.Decide(state, observation);
            Assert.Equal(fromHost.WakeIntervalIndex, fromTable.WakeIntervalIndex);
            Assert.Equal(fromHost.MotionWakeArmed, fromTable.MotionWakeArmed);
            Assert.Equal(fromHost.Transmit, fromTable.Transmit);
        }
    }

    [Theory]
    [InlineData(4950, 2, true)]   // 90 % of 5.5 V: sensing and PIR
    [InlineData(4949, 7, true)]   // just below: PIR only
    [InlineData(4125, 7, true)]   // 75 %
    [InlineData(4124, 7, false)]  // PIR off
    [InlineData(3575, 7, false)]  // 65 %
    public void Pible_SwitchesFeaturesAtItsChargeThresholds(int mv, int interval, bool armed)
    {
        PolicyAction a = new PibleThresholdPolicy().Decide(0, Obs(mv, 20));
        Assert.Equal(interval, a.WakeIntervalIndex);
        Assert.Equal(armed, a.MotionWakeArmed);
        Assert.True(a.Transmit);
    }

    [Fact]
    public void Pible_BelowSixtyFivePercent_TurnsEverythingOff()
    {
        PolicyAction a = new PibleThresholdPolicy().Decide(0, Obs(3574, 200));
        Assert.Equal(7, a.WakeIntervalIndex);
        Assert.False(a.MotionWakeArmed);
        Assert.False(a.Transmit);
    }

    [Fact]
    public void Ewma_FollowsKansalsRecurrence()
    {
        var p = new EwmaHarvestPredictor(slotsPerDay: 2, alpha: 0.5);
        p.Add(0, 100); p.Add(1, 40);          // day 1 starts each slot
        Assert.Equal(100, p.Predict(1));       // slot 0 next
        p.Add(0, 200);                         // 0.5*100 + 0.5*200
        Assert.Equal(40, p.Predict(1));
        Assert.Equal(150, p.Predict(2));
    }

    [Fact]
    public void Wcma_MatchesAHandComputedPrediction()
    {
        // 2 slots a day, D = 2, K = 2, alpha = 0.7. History: day0 [10, 20], day1 [30, 40], day2 slot0 = 15.
        var p = new WcmaHarvestPredictor(slotsPerDay: 2, alpha: 0.7, pastDays: 2, gapSlots: 2);
        foreach (double v in new double[] { 10, 20, 30, 40, 15 }) p.Add(0, v);
        // Next: day2 slot1: M_D = (40 + 20) / 2 = 30.
        // GAP over the last two slots: index 3 (day1 slot1 = 40, M = 20 -> V1 = 2, p1 = 0.5),
        // index 4 (day2 slot0 = 15, M = (30 + 10) / 2 = 20 -> V2 = 0.75, p2 = 1); GAP = (1 + 0.75) / 1.5.
        double gap = (0.5 * 2 + 1 * 0.75) / 1.5;
        Assert.Equal(0.7 * 15 + 0.3 * 30 * gap, p.Predict(1), 12);
        Assert.Equal(gap, p.Gap(4), 12);
    }

    [Fact]
    public void Eno_SpendsASurplusOnShortIntervals_AndSleepsLongestWithoutBudget()
    {
        HardwareProfile profile = HardwareProfile.Default();
        var eno = new EnergyNeutralPolicy(new EwmaHarvestPredictor(), profile, new[] { 15, 60, 300, 600, 900, 1800, 3600, 7200 }, () => 0);
        PolicyAction rich = eno.Choose(0.01, 4.0, Obs(4000));   // 10 mW: a reading (~0.16 J) every ~16 s
        Assert.True(rich.MotionWakeArmed);
        Assert.Equal(1, rich.WakeIntervalIndex);
        PolicyAction poor = eno.Choose(-1e-4, 4.0, Obs(4000));
        Assert.False(poor.MotionWakeArmed);
        Assert.Equal(7, poor.WakeIntervalIndex);
    }
}
