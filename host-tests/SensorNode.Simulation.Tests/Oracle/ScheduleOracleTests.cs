using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Oracle;

public class ScheduleOracleTests
{
    private static readonly HardwareProfile Profile = HardwareProfile.Default();

    private static OracleProblem Problem(double[] harvest, int[] events) => new()
    {
        SlotStartUnixSeconds = harvest.Select((_, i) => i * 900L).ToArray(),
        SlotSeconds = harvest.Select(_ => 900.0).ToArray(),
        HarvestJoules = harvest,
        Events = events,
        MotionWakes = events,
        TimerWakeChoices = new[] { 1, 3, 15, 60 },
    };

    [Fact]
    public void Capture_TakesTheBusySlots_WhenEnergyAllowsOnlySome()
    {
        // Start at cold start (the node boots there) plus 3.5 wakes: 1.42 J + 3.5 x ~0.11 J above brown-out pays for
        // ~16 wakes after the sleep drain (~0.13 J), so 13 of the slots' 10, 13 and 10 events, not 20.
        var costs = new WakeEnergyCosts(Profile);
        var store = SupercapPhysics.FromProfile(Profile, 3.0);
        double wake = costs.WakeJoules(3.15);
        double volts = store.VoltsAt(store.JoulesAt(3.3) + 3.5 * wake + 0.2);
        OracleResult r = ScheduleOracle.Solve(Problem(new double[] { 0, 0, 0 }, new[] { 10, 13, 10 }), Profile, new OracleOptions { InitialVolts = volts, EnergyLevels = 20000 }, 33);
        Assert.Equal(13, r.EventsCaptured);
        Assert.True(r.CaptureSchedule[1].MotionWakeArmed);
        Assert.False(r.CaptureSchedule[0].MotionWakeArmed);
    }

    [Fact]
    public void Capture_ArmsEverything_WhenHarvestIsPlentiful()
    {
        OracleResult r = ScheduleOracle.Solve(Problem(new double[] { 10, 10, 10, 10 }, new[] { 5, 0, 7, 2 }), Profile, new OracleOptions(), 14);
        Assert.Equal(14, r.EventsCaptured);
        Assert.Equal(14, r.EventsDelivered);
        Assert.Equal(0, r.Brownouts);
    }

    [Fact]
    public void Capture_SleepsThroughTheDark_WhenTheStoreCannotPayForEvents()
    {
        // 3.01 V is below cold start (3.3 V): the node is dead and, in the dark, never boots.
        OracleResult r = ScheduleOracle.Solve(Problem(new double[] { 0, 0 }, new[] { 4, 4 }), Profile, new OracleOptions { InitialVolts = 3.01, EnergyLevels = 5000 }, 8);
        Assert.Equal(0, r.EventsCaptured);
        Assert.All(r.CaptureSchedule, s => Assert.False(s.MotionWakeArmed));
    }

    [Fact]
    public void RoundedUpBound_IsAtLeastTheRoundedDownSchedule_AndAFinerGridAgrees()
    {
        EnvironmentTrace env = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, 1_727_654_400, 3, 5);
        int[] intervals = { 15, 60, 300, 600, 900, 1800, 3600, 7200 };
        OracleResult coarse = ScheduleOracle.Solve(env, Profile, intervals, new OracleOptions { EnergyLevels = 300 });
        OracleResult fine = ScheduleOracle.Solve(env, Profile, intervals, new OracleOptions { EnergyLevels = 3000 });
        Assert.True(coarse.EventsCaptured >= coarse.EventsCapturedLower);
        Assert.True(coarse.EventsCaptured >= fine.EventsCaptured);
        Assert.True(fine.EventsCapturedLower >= coarse.EventsCapturedLower);
        Assert.True(fine.EventsCaptured <= env.MotionEventUnixSeconds.Length);
    }

    [Fact]
    public void Oracle_IsAtLeastEveryBaseline_OnAShortSyntheticTrace()
    {
        EnvironmentTrace env = SyntheticEnvironment.Generate(SyntheticProfileKind.Corridor, 1_727_654_400, 3, 2);
        var config = new SensorNode.Core.Config.NodeConfig();
        OracleResult oracle = ScheduleOracle.Solve(env, Profile, config.WakeIntervalsSeconds);
        var policies = new SensorNode.Core.Policy.IWakePolicy[] { new FixedIntervalPolicy(0), new FixedIntervalPolicy(2), new FixedIntervalPolicy(4), new PibleThresholdPolicy() };
        foreach (var policy in policies)
        {
            var setup = new SimulationSetup { Config = config, Profile = Profile, Environment = env, PolicyFactory = _ => policy };
            SimulationMetrics m = new NodeSimulator(setup, 0, false).Run().Metrics;
            Assert.True(m.EventsCaptured <= oracle.EventsCaptured, $"{policy.GetType().Name}: {m.EventsCaptured} > {oracle.EventsCaptured}");
            Assert.True(m.EventsDelivered <= oracle.EventsDelivered, $"{policy.GetType().Name}: delivered {m.EventsDelivered} > {oracle.EventsDelivered}");
        }
    }

    [Fact]
    public void FewestBrownoutsFirst_GivesUpEventsThatWouldCostTheNight()
    {
        // 2.5 J above brown-out and 10 h of dark: the drain (~0.045 J a slot, ~1.9 J) leaves room for a few of the
        // first 10 slots' motion wakes (one each, ~0.11 J), not all. The default oracle takes all 10 and dies in the
        // night; held to the fewest brown-outs it takes only what the night leaves.
        var store = SupercapPhysics.FromProfile(Profile, 3.0);
        double volts = store.VoltsAt(store.JoulesAt(3.0) + 2.5);
        double[] harvest = new double[41];
        int[] events = new int[41];
        for (int i = 0; i < 10; i++) events[i] = 1;
        OracleResult spendDown = ScheduleOracle.Solve(Problem(harvest, events), Profile, new OracleOptions { InitialVolts = volts, EnergyLevels = 5000 }, 10);
        OracleResult safe = ScheduleOracle.Solve(Problem(harvest, events), Profile, new OracleOptions { InitialVolts = volts, EnergyLevels = 5000, FewestBrownoutsFirst = true }, 10);
        Assert.Equal(10, spendDown.EventsCaptured);
        Assert.Equal(1, spendDown.CaptureBrownouts);
        Assert.Equal(0, safe.CaptureBrownouts);
        Assert.InRange(safe.EventsCaptured, 1, 9);
    }

    [Fact]
    public void FewestBrownoutsFirst_NeverBrownsOutMoreThanLeastSpending_OnTheCorridor()
    {
        EnvironmentTrace env = SyntheticEnvironment.Generate(SyntheticProfileKind.Corridor, 1_727_654_400, 7, 42);
        var config = new SensorNode.Core.Config.NodeConfig();
        OracleResult spendDown = ScheduleOracle.Solve(env, Profile, config.WakeIntervalsSeconds);
        OracleResult safe = ScheduleOracle.Solve(env, Profile, config.WakeIntervalsSeconds, new OracleOptions { FewestBrownoutsFirst = true });
        var setup = new SimulationSetup { Config = config, Profile = Profile, Environment = env, PolicyFactory = _ => new LeastSpendingPolicy(config.LogCapacityReadings) };
        SimulationMetrics leastSpending = new NodeSimulator(setup, 0, false).Run().Metrics;
        Assert.True(safe.CaptureBrownouts <= leastSpending.Brownouts, $"safe oracle {safe.CaptureBrownouts} > least-spending {leastSpending.Brownouts}");
        Assert.True(safe.CaptureBrownouts < spendDown.CaptureBrownouts, $"safe {safe.CaptureBrownouts}, default {spendDown.CaptureBrownouts}");
        Assert.True(safe.EventsCaptured <= spendDown.EventsCaptured);
        Assert.True(safe.EventsCaptured > 0);
    }
}
