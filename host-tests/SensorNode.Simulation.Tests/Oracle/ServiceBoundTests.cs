using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using static SensorNode.Simulation.Oracle.ServiceBound;

namespace SensorNode.Simulation.Tests.Oracle;

public class ServiceBoundTests
{
    private static readonly HardwareProfile Profile = HardwareProfile.Default();
    private static readonly NodeConfig Config = new();
    private static readonly ServiceTargets Targets = ServiceTargets.FromConfig(Config);
    private const long Start = 1_727_654_400; // a Monday, 00:00 UTC

    // One day at 60 s steps with the same light all day and a motion event every two hours (each an arrival).
    private static EnvironmentTrace Steady(float lux, int days = 1)
    {
        int steps = days * 1440;
        long[] motion = Enumerable.Range(0, days * 12).Select(i => Start + 3600 + i * 7200L).ToArray();
        return new EnvironmentTrace($"steady {lux} lx", Start, 60, Enumerable.Repeat(lux, steps).ToArray(), Enumerable.Repeat(21f, steps).ToArray(),
            Enumerable.Repeat(45f, steps).ToArray(), motion, new TraceDiagnostics("test"));
    }

    private static Problem ThreeOfficeDays() => Prepare(SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Start, 3, 5), Profile, Config, Targets);

    [Fact]
    public void Prepare_CountsTheTracesArrivalsAndIntervals_AsTheSimulatorsMetricsDo()
    {
        Problem problem = Prepare(Steady(300), Profile, Config, Targets);
        Assert.Equal(12, problem.EventsTotal);
        Assert.Equal(12, problem.ArrivalsTotal); // two hours apart: each after the 30-min gap
        Assert.Equal(24, problem.Intervals);
    }

    [Fact]
    public void InTheDarkJustAboveBrownOut_NoScheduleAvoidsABrownOut()
    {
        // 3.05 V holds ~0.2 J above the cut-off; deep sleep alone drains that within hours of darkness.
        Problem problem = Prepare(Steady(0), Profile, Config, Targets, new OracleOptions { InitialVolts = 3.05 });
        var targets = new Point(0.5, 0.5, 0.5);
        Assert.All(Enum.GetValues<Service>(), s => Assert.True(Maximize(problem, s, targets, levels: 300, searchLevels: 100).Infeasible));
        Assert.Null(FindWitness(problem, targets, levels: 300, searchLevels: 100));
    }

    [Fact]
    public void InSteadyOfficeLight_EveryServiceIsWithinReach_AndAScheduleMeetsAllThree()
    {
        Problem problem = Prepare(Steady(400, days: 2), Profile, Config, Targets);
        var targets = new Point(0.9, 0.6, 0.75);
        foreach (Service s in Enum.GetValues<Service>())
            Assert.Equal(1.0, Maximize(problem, s, targets, levels: 400, searchLevels: 100).Bound, 6);
        Witness witness = FindWitness(problem, targets, levels: 400, searchLevels: 100)!;
        Assert.True(witness.MeetsTargets, witness.Reaches.ToString());
    }

    [Fact]
    public void InDimLight_TheServicesCompete_AndAskingMoreOfTheOthersNeverRaisesTheBound()
    {
        // 15 lx: ~7 uW harvested against ~60 uW of deep sleep: the store runs down, the services share what it held.
        Problem problem = Prepare(Steady(15, days: 2), Profile, Config, Targets);
        double loose = Maximize(problem, Service.Coverage, new Point(0.2, 0.2, 0), levels: 400, searchLevels: 100).Bound;
        double tight = Maximize(problem, Service.Coverage, new Point(0.9, 0.9, 0), levels: 400, searchLevels: 100).Bound;
        Assert.True(tight <= loose + 1e-9, $"{tight} > {loose}");
        Assert.True(tight < 1, $"coverage bound {tight}: dim light should not pay for every interval and every arrival");
    }

    [Fact]
    public void TheWitness_NeverBeatsTheBound_OfAServiceWhoseOthersItMeets()
    {
        Problem problem = ThreeOfficeDays();
        var targets = new Point(0.5, 0.3, 0.3);
        Witness witness = FindWitness(problem, targets, levels: 400, searchLevels: 150)!;
        Assert.True(witness.MeetsTargets, witness.Reaches.ToString());
        foreach (Service s in Enum.GetValues<Service>())
        {
            Result bound = Maximize(problem, s, targets, levels: 400, searchLevels: 150);
            Assert.True(witness.Reaches[s] <= bound.Bound + 1e-9, $"{s}: witness {witness.Reaches[s]} above the bound {bound.Bound}");
        }
    }

    [Fact]
    public void AWitnessKeepingAReserve_StaysAboveIt_AndWithinTheBound()
    {
        Problem problem = ThreeOfficeDays();
        var targets = new Point(0.5, 0.3, 0.3);
        Witness free = FindWitness(problem, targets, levels: 400, searchLevels: 150)!;
        Witness kept = FindWitness(problem, targets, new Rules(KeepVolts: 3.3), levels: 400, searchLevels: 150)!;
        // The grid rounds the store down: its lowest level may sit one level (under 10 mV here) below the reserve the energy kept.
        Assert.True(kept.Spending.MinVolts >= 3.3 - 0.01, $"lowest {kept.Spending.MinVolts} V");
        Assert.True(free.Spending.MinVolts < 3.3, $"the free schedule never went below 3.3 V ({free.Spending.MinVolts}): the test shows nothing");
        foreach (Service s in Enum.GetValues<Service>())
            Assert.True(kept.Reaches[s] <= Maximize(problem, s, targets, levels: 400, searchLevels: 150).Bound + 1e-9 || !kept.MeetsTargets);
    }

    [Fact]
    public void TheTrainersReserve_ForbidsTheRadioBelowTheGoodVoltageBin()
    {
        double volts = Rules.TrainerReserve(Profile).RadioFromVolts!.Value;
        int mv = (int)Math.Round(volts * 1000), brownout = (int)Profile.BrownoutMillivolts, max = (int)Profile.SupercapMaxMillivolts;
        Assert.Equal(3, SensorNode.Core.Policy.StateEncoder.VoltageBin(mv, brownout, max)); // good
        Assert.Equal(2, SensorNode.Core.Policy.StateEncoder.VoltageBin(mv - 1, brownout, max)); // fair
        Assert.Equal(3.96, volts, 6); // the reference design's edge, docs/policy.md
    }

    [Fact]
    public void UnderTheTrainersReserve_AWitnessConnectsOnlyFromGoodVoltage_AndNoBoundRises()
    {
        Problem problem = ThreeOfficeDays();
        var targets = new Point(0.5, 0.3, 0.3);
        Rules reserve = Rules.TrainerReserve(Profile);
        Witness free = FindWitness(problem, targets, levels: 400, searchLevels: 150)!;
        Witness kept = FindWitness(problem, targets, reserve, levels: 400, searchLevels: 150)!;
        Assert.True(free.Spending.ConnectsByVoltageBin.Take(3).Sum() > 0, "the free schedule never connected below good voltage: the test shows nothing");
        Assert.True(kept.Spending.Connects > 0);
        Assert.Equal(0, kept.Spending.ConnectsByVoltageBin.Take(3).Sum());
        foreach (Service s in Enum.GetValues<Service>())
        {
            double ruled = Maximize(problem, s, targets, reserve, levels: 400, searchLevels: 150).Bound;
            Assert.True(ruled <= Maximize(problem, s, targets, levels: 400, searchLevels: 150).Bound + 1e-9, $"{s}: a rule raised the bound");
            Assert.True(kept.Reaches[s] <= ruled + 1e-9 || !kept.MeetsTargets, $"{s}: the witness beat its bound");
        }
    }

    [Fact]
    public void TheBound_IsAtLeastWhatTheSimulatedBuiltInTableReaches_WithoutABrownOut()
    {
        EnvironmentTrace env = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Start, 3, 5);
        var setup = new SimulationSetup { Config = Config, Profile = Profile, Environment = env, Policy = PolicySpec.BuiltIn(), Service = Targets };
        SimulationMetrics m = new NodeSimulator(setup, 0, false).Run().Metrics;
        Assert.Equal(0, m.Brownouts); // the bound is for schedules without one
        double events = (double)m.EventsCaptured / m.EventsTotal, arrivals = m.ArrivalsTotal > 0 ? (double)m.ArrivalsOnTime / m.ArrivalsTotal : 1;
        Problem problem = Prepare(env, Profile, Config, Targets);
        // A little below the table's own figures: the oracle counts no event a disarmed timer wake happens to see.
        Result coverage = Maximize(problem, Service.Coverage, new Point(events - 0.02, arrivals - 0.02, 0));
        Assert.True(coverage.Bound >= m.TemperatureCoverage, $"bound {coverage.Bound} below the built-in table's {m.TemperatureCoverage}");
    }
}
