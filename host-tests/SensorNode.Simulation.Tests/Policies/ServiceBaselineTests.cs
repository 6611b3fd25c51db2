using SensorNode.Core.Policy;
using SensorNode.Simulation.Policies;

namespace SensorNode.Simulation.Tests.Policies;

public class ServiceBaselineTests
{
    private static PolicyObservation Obs(int backlog, int mv = 5000) => new() { SupercapMillivolts = mv, BacklogReadings = backlog, IlluminanceCentiLux = -1 };

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, true)]
    public void LeastSpending_SleepsLongest_NeverArmsThePir_AndTransmitsOnlyWithAFullLog(int backlog, bool transmit)
    {
        PolicyAction a = new LeastSpendingPolicy(256).Decide(0, Obs(backlog, mv: 5400));
        Assert.Equal(PolicyTable.WakeIntervalCount - 1, a.WakeIntervalIndex);
        Assert.False(a.MotionWakeArmed);
        Assert.Equal(transmit, a.Transmit);
    }

    [Fact]
    public void FixedArrival_TransmitsAtAMotionAfterAQuietGap_NotWithinABurstNorAtATimerWake()
    {
        long now = 1_000_000;
        bool motion = true;
        var policy = new FixedArrivalPolicy(6, 1800, () => now, () => motion);

        Assert.True(policy.Decide(0, Obs(1)).Transmit);           // first motion: an arrival
        now += 600;
        Assert.False(policy.Decide(0, Obs(2)).Transmit);          // 10 min later: same burst
        now += 1799;
        Assert.False(policy.Decide(0, Obs(3)).Transmit);          // gap measured from the last motion, not the first
        motion = false;
        now += 3600;
        Assert.False(policy.Decide(0, Obs(4)).Transmit);          // a timer wake is no arrival
        motion = true;
        PolicyAction a = policy.Decide(0, Obs(5));                // 1 h after the last motion
        Assert.True(a.Transmit);
        Assert.True(a.MotionWakeArmed);
        Assert.Equal(6, a.WakeIntervalIndex);
        motion = false;
        Assert.True(policy.Decide(0, Obs(FixedIntervalPolicy.TransmitBacklogReadings)).Transmit); // and the usual batch
    }

    [Fact]
    public void Fixed_WithAnotherThreshold_TransmitsFromThatBacklog()
    {
        var policy = new FixedIntervalPolicy(3, transmitBacklogReadings: 4);
        Assert.False(policy.Decide(0, Obs(3)).Transmit);
        Assert.True(policy.Decide(0, Obs(4)).Transmit);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedIntervalPolicy(3, 0));
    }

    [Fact]
    public void Pible_WithOtherThresholds_UsesThem_AndRejectsThemOutOfOrder()
    {
        var policy = new PibleThresholdPolicy(80, 70, 60);
        PolicyAction a = policy.Decide(0, Obs(20, mv: 4400)); // 80 %
        Assert.Equal(PibleThresholdPolicy.SensingIntervalIndex, a.WakeIntervalIndex);
        Assert.True(a.MotionWakeArmed);
        PolicyAction b = policy.Decide(0, Obs(20, mv: 3800)); // 69 %
        Assert.False(b.MotionWakeArmed);
        Assert.True(b.Transmit);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PibleThresholdPolicy(70, 80, 60));
    }
}
