using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>A tuned baseline: the grid point that scored best on the training days, and that score.</summary>
public sealed record TunedBaseline(EvaluatedPolicy Policy, string Parameters, double TrainingUtility, int GridPoints);

/// <summary>
/// The tuned baselines of <c>sensornode evaluate</c>: a grid search whose every run is on the TRAINING environments
/// only (the caller passes nothing else), scored by utility against least-spending's brown-outs on those same days.
/// The winner is then run on the test days like any other contestant.
/// </summary>
public static class BaselineTuning
{
    /// <summary>Transmit thresholds tuned-fixed searches, readings waiting.</summary>
    public static readonly int[] TransmitThresholds = { 1, 2, 4, 8, 16, 32, 64 };
    /// <summary>Pible charge thresholds tuned-pible searches, percent of 5.5 V (our window is 54.5-98.2 %).</summary>
    public static readonly int[] SensingPercents = { 80, 85, 90, 95 };
    public static readonly int[] PirOnlyPercents = { 60, 65, 70, 75, 80, 85, 90 };
    public static readonly int[] PirOffPercents = { 55, 60, 65, 70, 75 };

    /// <summary>tuned-fixed's grid: every wake interval of the node x <see cref="TransmitThresholds"/>, PIR armed.</summary>
    public static List<(string Parameters, EvaluatedPolicy Policy)> FixedGrid(NodeConfig config)
    {
        var grid = new List<(string, EvaluatedPolicy)>();
        for (int i = 0; i < config.WakeIntervalsSeconds.Length; i++)
        {
            foreach (int threshold in TransmitThresholds)
            {
                int index = i, n = threshold;
                grid.Add(($"interval {config.WakeIntervalsSeconds[i]} s, transmit at {n} readings",
                    new EvaluatedPolicy("tuned-fixed", PolicySpec.BuiltIn(), _ => new FixedIntervalPolicy(index, n))));
            }
        }
        return grid;
    }

    /// <summary>tuned-pible's grid: sensing &gt;= PIR-only &gt;= PIR-off over the lists above.</summary>
    public static List<(string Parameters, EvaluatedPolicy Policy)> PibleGrid()
    {
        var grid = new List<(string, EvaluatedPolicy)>();
        foreach (int s in SensingPercents)
        foreach (int p in PirOnlyPercents)
        foreach (int o in PirOffPercents)
        {
            if (!(s >= p && p >= o)) continue;
            grid.Add(($"sensing >= {s} %, PIR >= {p} %, radio >= {o} %",
                new EvaluatedPolicy("tuned-pible", PolicySpec.BuiltIn(), _ => new PibleThresholdPolicy(s, p, o))));
        }
        return grid;
    }

    /// <summary>
    /// Runs every grid point on <paramref name="training"/> through <paramref name="run"/> (and least-spending for the
    /// floor) and returns the best by utility (ties: fewer brown-outs, then grid order).
    /// </summary>
    public static TunedBaseline Tune(IReadOnlyList<(string Parameters, EvaluatedPolicy Policy)> grid, IReadOnlyList<EnvironmentTrace> training,
        Func<EvaluatedPolicy, EnvironmentTrace, NodeRunResult> run, NodeConfig config, ServiceTargets service, int maxParallelism = 2)
    {
        if (grid.Count == 0) throw new ArgumentException("empty grid", nameof(grid));
        if (training.Count == 0) throw new ArgumentException("no training environments", nameof(training));
        long floor = training.Sum(e => run(EvaluatedPolicy.LeastSpending(config), e).Metrics.Brownouts);
        var scores = new (double Utility, long Brownouts)[grid.Count];
        Parallel.For(0, grid.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, g =>
        {
            SimulationMetrics m = FleetSimulator.Aggregate(training.Select(e => run(grid[g].Policy, e)).ToList(), 0);
            scores[g] = (ServiceMetrics.Utility(m, floor, service), m.Brownouts);
        });
        int best = 0;
        for (int g = 1; g < grid.Count; g++)
        {
            if (scores[g].Utility > scores[best].Utility || (scores[g].Utility == scores[best].Utility && scores[g].Brownouts < scores[best].Brownouts)) best = g;
        }
        return new TunedBaseline(grid[best].Policy, grid[best].Parameters, scores[best].Utility, grid.Count);
    }

    /// <summary>One line per tuned baseline for the report.</summary>
    public static string Describe(TunedBaseline t) =>
        $"{t.Policy.Name}: {t.Parameters} (best of {t.GridPoints} on the training days, utility {t.TrainingUtility.ToString("F3", CultureInfo.InvariantCulture)})";
}
