using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Simulation;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// The weekly rows of a deployment (docs/deployment.md). Events captured and brown-outs come from the continuous run;
/// utility is the week replayed from 4.0 V with the tables the node ran (switching when it acked each), scored against
/// the baselines of <c>evaluate</c> on the same week from the same start, as <c>evaluate</c> scores (floor: least-spending).
/// </summary>
public static class DeploymentReport
{
    private const string DeployedName = "deployed";
    private const string UncensoredName = "uncensored-trained";

    /// <summary>
    /// The weekly rows. <paramref name="referenceSeeds"/>: how many uncensored-trained reference tables per week (trainer
    /// seeds seed, seed + 1, ...; 0: none); with several, uncensored_utility is their median and the spread is kept.
    /// </summary>
    public static List<DeploymentWeek> Weeks(EnvironmentTrace env, DeploymentOutcome outcome, ReadingStore store, NodeConfig config, HardwareProfile profile,
        int seed, int episodes, int referenceSeeds, TextWriter? log)
    {
        ServiceTargets service = ServiceTargets.FromConfig(config);
        NodeTimeline timeline = outcome.Run.Timeline!;
        List<HistoryReading> stored = StoreTrainer.Load(store, config.NodeId);
        List<long>[] replaced = ReplacedRuns(env, outcome.Schedule, config, profile, service, seed);
        var rows = new List<DeploymentWeek>();
        for (int w = 0; w < env.DayCount / 7; w++)
        {
            EnvironmentTrace week = env.Slice(7 * w, 7 * w + 6);
            long from = week.StartUnixSeconds, to = week.EndUnixSeconds;
            var contestants = EvaluatedPolicy.Baselines(config, profile, service);
            int baselines = contestants.Count;
            var schedule = outcome.Schedule;
            contestants.Add(new EvaluatedPolicy(DeployedName, PolicySpec.BuiltIn(), c => new TableSchedule(schedule, c.NowUnixSeconds)));
            var referenceNames = new List<string>();
            for (int k = 0; w > 0 && k < referenceSeeds; k++)
            {
                // What history-trained means: the same trainer on the full, uncensored trace of the weeks before this one.
                // One training run is one draw: its tables differ by trainer seed (docs/deployment.md, "How much the reference varies").
                var options = new TrainingOptions
                {
                    Environments = [env.Slice(0, 7 * w - 1)], Profile = profile, Config = config, Service = service, Seed = seed + k,
                    Episodes = episodes, TableVersion = (uint)(900 + w),
                };
                PolicyTable uncensored = PolicyTrainer.Train(options).Table;
                string name = k == 0 ? UncensoredName : $"{UncensoredName}-{k + 1}";
                referenceNames.Add(name);
                contestants.Add(new EvaluatedPolicy(name, PolicySpec.FromTable(name, uncensored), null));
            }
            List<SimulationMetrics> scored = EvaluateCommand.RunAll(contestants, [week], config, profile, service, seed);
            var byName = scored.ToDictionary(m => m.Policy);
            SimulationMetrics best = scored.Where(m => contestants.Take(baselines).Any(c => c.Name == m.Policy)).OrderByDescending(m => m.Utility).First();
            OracleResult oracle = ScheduleOracle.Solve(week, profile, config.WakeIntervalsSeconds);
            OracleResult safeOracle = ScheduleOracle.Solve(week, profile, config.WakeIntervalsSeconds, new OracleOptions { FewestBrownoutsFirst = true });
            long captured = timeline.CapturedEventTimes.Count(t => t >= from && t < to);
            var brownouts = timeline.BrownoutTimes.Where(t => t >= from && t < to).ToList();
            PolicyTable end = TableSchedule.At(schedule, to - 1);
            var weekReadings = stored.Where(r => r.UnixSeconds >= from - 86_400 && r.UnixSeconds < to + 86_400).ToList();
            var row = new DeploymentWeek
            {
                Week = w + 1,
                EventsTotal = week.MotionEventUnixSeconds.Length,
                EventsCaptured = captured,
                OracleEvents = oracle.EventsCaptured,
                CapturedOfOracle = oracle.EventsCaptured > 0 ? (double)captured / oracle.EventsCaptured : 1,
                OracleBrownouts = oracle.CaptureBrownouts,
                SafeOracleEvents = safeOracle.EventsCaptured,
                SafeOracleBrownouts = safeOracle.CaptureBrownouts,
                CapturedOfSafeOracle = safeOracle.EventsCaptured > 0 ? (double)captured / safeOracle.EventsCaptured : 1,
                Utility = byName[DeployedName].Utility,
                BestBaselineUtility = best.Utility,
                BestBaseline = best.Policy,
                UncensoredUtility = Median(referenceNames.Select(n => byName[n].Utility)),
                UncensoredUtilityMin = referenceNames.Count > 0 ? referenceNames.Min(n => byName[n].Utility) : null,
                UncensoredUtilityMax = referenceNames.Count > 0 ? referenceNames.Max(n => byName[n].Utility) : null,
                UncensoredSeeds = referenceNames.Count,
                UncensoredBrownouts = Median(referenceNames.Select(n => (double)byName[n].Brownouts)),
                UncensoredBrownoutsMax = referenceNames.Count > 0 ? referenceNames.Max(n => byName[n].Brownouts) : null,
                Brownouts = brownouts.Count,
                BrownoutsOnPushedTables = brownouts.Count(t => !ReferenceEquals(TableSchedule.At(schedule, t), schedule[0].Table)),
                BrownoutsReplacedTables = Enumerable.Range(1, schedule.Count - 1).Sum(i => replaced[i].Count(t => t >= from && t < to && Segment(schedule, t) == i)),
                BrownoutsFloor = byName[EvaluatedPolicy.LeastSpendingName].Brownouts,
                TableVersion = end.Version,
                TableCrc = DeploymentCommand.Crc(end),
                TablesApplied = schedule.Skip(1).Count(s => s.FromUnixSeconds >= from && s.FromUnixSeconds < to),
                WatchedFraction = weekReadings.Count >= 2 ? CensoredHistory.Build("week", weekReadings, from, to, seed).WatchedFraction : 0,
            };
            row.BrownoutsCausedByPush = Math.Max(0, row.BrownoutsOnPushedTables - row.BrownoutsReplacedTables);
            rows.Add(row);
            log?.WriteLine(Line(row));
        }
        return rows;
    }

    /// <summary>
    /// Per push i (1..), the brown-out times of the whole deployment run again continuously with the schedule cut before
    /// push i: what the node would have done had it kept the table that push replaced. Index 0 is unused.
    /// </summary>
    private static List<long>[] ReplacedRuns(EnvironmentTrace env, IReadOnlyList<(long FromUnixSeconds, PolicyTable Table)> schedule, NodeConfig config,
        HardwareProfile profile, ServiceTargets service, int seed)
    {
        var runs = new List<long>[schedule.Count];
        runs[0] = [];
        Parallel.For(1, schedule.Count, i =>
        {
            var kept = schedule.Take(i).ToList();
            SimulatedNode? node = null;
            var setup = new SimulationSetup
            {
                Config = config, Profile = profile, Environment = env, Policy = PolicySpec.BuiltIn(), Seed = seed, Service = service,
                InitialVolts = PolicyTrainer.NormalStartVolts,
                PolicyFactory = _ => new TableSchedule(kept, () => node!.Clock.NowUnixMilliseconds / 1000),
            };
            var simulator = new NodeSimulator(setup, 0, recordTimeline: true);
            node = simulator.Node;
            runs[i] = simulator.Run().Timeline!.BrownoutTimes.ToList();
        });
        return runs;
    }

    // The median (the mean of the middle two for an even count); null for none.
    private static double? Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // The reference's utility and brown-outs on the week, with their range over the trainer seeds when there are several.
    private static string Reference(DeploymentWeek r) => r.UncensoredUtility is not double u ? "-"
        : r.UncensoredSeeds > 1 ? string.Create(CultureInfo.InvariantCulture, $"{u:F3} ({r.UncensoredUtilityMin:F3}-{r.UncensoredUtilityMax:F3}, {r.UncensoredSeeds} seeds; brown-outs {r.UncensoredBrownouts:0.#}, at most {r.UncensoredBrownoutsMax})")
        : string.Create(CultureInfo.InvariantCulture, $"{u:F3} (brown-outs {r.UncensoredBrownouts:0})");

    // Index in the schedule of the table in force at t.
    private static int Segment(IReadOnlyList<(long FromUnixSeconds, PolicyTable Table)> schedule, long t)
    {
        int index = 0;
        for (int i = 0; i < schedule.Count; i++) if (schedule[i].FromUnixSeconds <= t) index = i;
        return index;
    }

    public static string Markdown(IReadOnlyList<DeploymentWeek> rows)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("| week | events | captured | oracle (its brown-outs) | captured / oracle | safe oracle (its brown-outs) | captured / safe oracle | utility | best baseline | uncensored-trained | brown-outs (on pushed tables / had they not been pushed) | table |");
        w.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |");
        foreach (DeploymentWeek r in rows)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Week} | {r.EventsTotal} | {r.EventsCaptured} | {r.OracleEvents} ({r.OracleBrownouts}) | {r.CapturedOfOracle:F3} | {r.SafeOracleEvents} ({r.SafeOracleBrownouts}) | {r.CapturedOfSafeOracle:F3} | {r.Utility:F3} | {r.BestBaselineUtility:F3} ({r.BestBaseline}) | {Reference(r)} | {r.Brownouts} ({r.BrownoutsOnPushedTables} / {r.BrownoutsReplacedTables}) | v{r.TableVersion} {r.TableCrc} |"));
        }
        return w.ToString();
    }

    private static string Line(DeploymentWeek r) => string.Create(CultureInfo.InvariantCulture,
        $"  week {r.Week}: captured {r.EventsCaptured}/{r.EventsTotal} (oracle {r.OracleEvents} with {r.OracleBrownouts} brown-outs, safe oracle {r.SafeOracleEvents} with {r.SafeOracleBrownouts}), utility {r.Utility:F3} (best baseline {r.BestBaselineUtility:F3} {r.BestBaseline}; uncensored {Reference(r)}), brown-outs {r.Brownouts} ({r.BrownoutsOnPushedTables} on pushed tables, {r.BrownoutsReplacedTables} had they not been pushed), table v{r.TableVersion}");
}
