using SensorNode.Cli;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Tests.Evaluate;

public class BaselineTuningTests
{
    private static readonly long Start = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static EnvironmentTrace Office(int days, int seed = 31) => SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Start, days, seed);

    [Fact]
    public void Tune_RunsEveryGridPointAndTheFloor_OnTheTrainingDaysOnly()
    {
        EnvironmentTrace building = Office(14);
        EnvironmentTrace training = building.Slice(0, 6), test = building.Slice(7, 13);
        var config = new NodeConfig();
        var seen = new System.Collections.Concurrent.ConcurrentBag<EnvironmentTrace>();
        Func<EvaluatedPolicy, EnvironmentTrace, NodeRunResult> run = (p, e) =>
        {
            seen.Add(e);
            return EvaluateCommand.RunOne(p, e, config, HardwareProfile.Default(), 1);
        };

        TunedBaseline fixedTuned = BaselineTuning.Tune(BaselineTuning.FixedGrid(config), new[] { training }, run, config, new ServiceTargets());
        TunedBaseline pibleTuned = BaselineTuning.Tune(BaselineTuning.PibleGrid(), new[] { training }, run, config, new ServiceTargets());

        Assert.Equal(fixedTuned.GridPoints + pibleTuned.GridPoints + 2, seen.Count);
        Assert.All(seen, e =>
        {
            Assert.Same(training, e);
            Assert.True(e.EndUnixSeconds <= test.StartUnixSeconds, "a tuning run reached the test days");
        });
    }

    [Fact]
    public void Tune_PicksTheHighestTrainingUtility_AndPrefersFewerBrownoutsOnATie()
    {
        EnvironmentTrace training = Office(2);
        var grid = new List<(string, EvaluatedPolicy)>();
        var byName = new Dictionary<string, SimulationMetrics>
        {
            ["least-spending"] = Metrics(0, 0, brownouts: 1),
            ["a"] = Metrics(50, 100, brownouts: 1),
            ["b"] = Metrics(90, 100, brownouts: 3),   // best events, but two brown-outs above the floor over 2 days
            ["c"] = Metrics(80, 100, brownouts: 1),   // 0.8: the best utility
            ["d"] = Metrics(80, 100, brownouts: 0),   // same utility (at or under the floor): fewer brown-outs wins
        };
        foreach (string n in new[] { "a", "b", "c", "d" }) grid.Add((n, new EvaluatedPolicy(n, PolicySpec.BuiltIn(), null)));
        var targets = new ServiceTargets { WeightArrivals = 0, WeightTemperature = 0 };

        TunedBaseline best = BaselineTuning.Tune(grid, new[] { training }, (p, _) => Result(byName[p.Name]), new NodeConfig(), targets, maxParallelism: 1);

        Assert.Equal("d", best.Parameters);
        Assert.Equal(0.8, best.TrainingUtility, 9);
    }

    [Fact]
    public void LeastSpending_BrownsOutNoMoreThanAnyOtherBaseline_OnASyntheticCorridor()
    {
        EnvironmentTrace corridor = SyntheticEnvironment.Generate(SyntheticProfileKind.Corridor, Start, 7, 62);
        var config = new NodeConfig();
        var service = new ServiceTargets();
        List<SimulationMetrics> all = EvaluateCommand.RunAll(EvaluatedPolicy.Baselines(config, HardwareProfile.Default(), service), new[] { corridor }, config, HardwareProfile.Default(), service, 1);

        SimulationMetrics floor = all.Single(m => m.Policy == EvaluatedPolicy.LeastSpendingName);
        Assert.Contains(all, m => m.Brownouts > 0); // the comparison has something to say
        Assert.All(all, m =>
        {
            Assert.True(floor.Brownouts <= m.Brownouts, $"{m.Policy}: {m.Brownouts} brown-outs, below the floor {floor.Brownouts}");
            Assert.Equal(floor.Brownouts, m.BrownoutsFloor);
        });
        Assert.Equal(all.OrderByDescending(m => m.Utility).Select(m => m.Policy), all.Select(m => m.Policy));
    }

    [Fact]
    public void FixedArrival_DeliversMoreArrivalsOnTime_ThanTheSameTimerBatching()
    {
        EnvironmentTrace office = Office(7);
        var config = new NodeConfig();
        var service = new ServiceTargets();
        var contestants = EvaluatedPolicy.Baselines(config, HardwareProfile.Default(), service).Where(p => p.Name is "fixed-arrival" or "fixed-1h").ToList();
        List<SimulationMetrics> m = EvaluateCommand.RunAll(contestants, new[] { office }, config, HardwareProfile.Default(), service, 1);
        SimulationMetrics arrival = m.Single(x => x.Policy == "fixed-arrival"), batching = m.Single(x => x.Policy == "fixed-1h");

        Assert.True(arrival.ArrivalsTotal > 0);
        Assert.True(arrival.ArrivalsOnTime > batching.ArrivalsOnTime, $"fixed-arrival {arrival.ArrivalsOnTime}, fixed-1h {batching.ArrivalsOnTime} of {arrival.ArrivalsTotal}");
        Assert.True(arrival.ArrivalLatencyP50S < batching.ArrivalLatencyP50S);
    }

    [Fact]
    public void Splits_NeverTestOnADayTheirTrainingSaw()
    {
        EnvironmentTrace primary = Office(35), other = SyntheticEnvironment.Generate(SyntheticProfileKind.Corridor, Start, 7, 99);
        List<Split> splits = SplitStudy.Splits(new[] { primary, other }, 1);

        Assert.Equal(4 + 1 + 1 + 3, splits.Count); // 4 rolling weeks, days 0..20 -> 21..34, one cross-trace, 3 synthetic
        foreach (Split s in splits.Where(s => s.Kind is "rolling" or "issue split"))
        {
            Assert.True(s.Train.Max(e => e.EndUnixSeconds) <= s.Test.Min(e => e.StartUnixSeconds), s.Name);
        }
        Assert.All(splits, s => Assert.DoesNotContain(s.Test, t => s.Train.Any(tr => tr.Name == t.Name)));
    }

    private static SimulationMetrics Metrics(long captured, long total, long brownouts) =>
        new() { EventsCaptured = captured, EventsTotal = total, Brownouts = brownouts, SimulatedDays = 2, Nodes = 1 };

    private static NodeRunResult Result(SimulationMetrics m) => new() { Metrics = m, LatenciesSeconds = new(), UnaccountedReadings = 0 };
}
