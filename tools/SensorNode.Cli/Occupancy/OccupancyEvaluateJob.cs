using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Gateway.Occupancy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Occupancy;

/// <summary>
/// `sensornode occupancy evaluate`: simulates the chosen policies on each seed's environment and scores the occupancy
/// the gateway would have inferred against the truth, beside the naive reading (docs/occupancy.md). Writes
/// occupancy.json, occupancy-details.json, occupancy-truth.csv (first seed) and a plot per run.
/// </summary>
public sealed class OccupancyEvaluateJob(OccupancyEvaluateOptions options)
{
    public int Run(TextWriter output, TextWriter error)
    {
        NodeConfig config = SimulateCommand.LoadConfig(options.ConfigPath);
        HardwareProfile profile = SimulateCommand.LoadProfile(options.ProfilePath);
        HardwareConsistency.Check(config, options.ConfigPath, profile);
        var service = ServiceTargets.FromConfig(config);
        List<EvaluatedPolicy> all = EvaluatedPolicy.Baselines(config, profile, service);
        List<EvaluatedPolicy> policies = options.Policies.Contains("all") ? all
            : options.Policies.Select(name => all.FirstOrDefault(p => p.Name == name)
                ?? throw new UsageException($"--policies: unknown policy '{name}' (one of {string.Join(", ", all.Select(p => p.Name))}, or all)")).ToList();
        OutputPaths.PrepareDirectory("out", options.OutDir);

        var runs = new List<OccupancyRun>();
        var bounds = new List<OccupancyRun>(); // what the rules allow at best on each environment, scored beside the policies
        foreach (int seed in options.Seeds)
        {
            // The trace is read again for every seed: its skipped rows are reported once, with the first.
            EnvironmentTrace environment = EnvironmentOf(seed, seed == options.Seeds[0] ? error : null);
            if (!options.Quiet) error.WriteLine($"occupancy: {policies.Count} polic(ies) on '{environment.Name}', {environment.DayCount} day(s)");
            var results = new OccupancyRun[policies.Count];
            Parallel.For(0, policies.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                NodeRunResult result = EvaluateCommand.RunOne(policies[i], environment, config, profile, seed, service);
                results[i] = new OccupancyRun(policies[i].Name, environment, result.Readings, result.Metrics);
            });
            runs.AddRange(results);
            bounds.Add(AlwaysWatching.Run(environment));
        }
        Directory.CreateDirectory(options.OutDir);
        var scored = OccupancyRuns.Write(options.OutDir, [.. runs, .. bounds], options.Parameters, options.Schedule);
        var written = new List<string> { Path.Combine(options.OutDir, "occupancy.json"), Path.Combine(options.OutDir, "occupancy-details.json") };
        if (OccupancyRuns.WriteTruth(options.OutDir, runs[0].Environment, options.Parameters.SlotSeconds) is { } truth) written.Add(truth);
        foreach (OccupancyRun run in runs)
        {
            // The gateway's view of each run, for checking a decision by hand.
            string path = Path.Combine(options.OutDir, $"readings-{Safe(run.Policy)}-{Safe(run.Environment.Name)}.csv");
            using var csv = new StreamWriter(path);
            csv.WriteLine("seq,unix_s,time,armed_s,motion,brownout,time_unknown,arrival_unix_s,next_wake_unix_s,watch_until_unix_s,watch_active");
            foreach (ObservedReading r in run.Readings)
                csv.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Sequence},{r.UnixSeconds},{DateTimeOffset.FromUnixTimeSeconds(r.UnixSeconds).UtcDateTime:yyyy-MM-dd HH:mm:ss},{r.ArmedSeconds},{r.MotionEvents},{(r.Brownout ? 1 : 0)},{(r.TimeUnknown ? 1 : 0)},{r.ArrivalUnixSeconds},{r.NextWakeUnixSeconds},{r.WatchUntilUnixSeconds},{(r.WatchActive ? 1 : 0)}"));
            written.Add(path);
        }
        if (options.Plots)
        {
            foreach (OccupancyRun run in runs)
            {
                string path = Path.Combine(options.OutDir, $"occupancy-{Safe(run.Policy)}-{Safe(run.Environment.Name)}.png");
                OccupancyPlot.Render(path, run, options.Parameters);
                written.Add(path);
            }
        }
        if (!options.Quiet)
        {
            output.WriteLine("live (what the gateway had received at each moment):");
            output.WriteLine(Table(scored.Select(s => (s.Run, s.Inferred, s.Naive))));
            output.WriteLine("\nas taken (every reading counted from its own time: the inference without delivery delay):");
            output.WriteLine(Table(scored.Select(s => (s.Run, s.InferredAsTaken, s.NaiveAsTaken))));
            output.WriteLine("wrote " + string.Join(", ", written));
        }
        return CommandLine.Ok;
    }

    // The same environment `simulate` builds for these options (node 0 of a seed).
    private EnvironmentTrace EnvironmentOf(int seed, TextWriter? skippedRows)
    {
        if (options.TracePath != null) return EnvironmentChoice.ReadTrace(options.TracePath, options.Days, null, "test-days", skippedRows);
        long start = SimulateCommand.ParseStart(options.Start, options.Days);
        return EnvironmentChoice.Synthetic(SyntheticEnvironment.Parse(options.Environment ?? "office"), start, options.Days, null, unchecked(seed * 31));
    }

    /// <summary>One line per run: the target figures beside the naive reading's.</summary>
    public static string Table(IEnumerable<(OccupancyRun Run, OccupancyScore Inferred, OccupancyScore Naive)> scored)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "| policy | environment | false vacant (naive) | vacant hours declared | departure p95 (watched/all) | arrival p95 | unknown | accuracy (naive) | watched | setback h / kWh |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        };
        foreach (var (run, i, n) in scored)
        {
            double watched = ServiceMetrics.WatchedFraction(run.Readings, run.Environment.StartUnixSeconds, run.Environment.EndUnixSeconds);
            lines.Add(string.Create(inv, $"| {run.Policy} | {run.Environment.Name} | {i.FalseVacantFraction:P2} ({n.FalseVacantFraction:P2}) | {i.VacantHoursDeclaredFraction:P1} | {Minutes(i.DepartureLatencyP95Seconds)} ({i.WatchedDepartures}/{i.Departures}) | {Minutes(i.ArrivalLatencyP95Seconds)} | {i.UnknownFraction:P1} | {i.SlotAccuracy:P1} ({n.SlotAccuracy:P1}) | {watched:P1} | {i.SetbackEligibleHours:F1} / {i.HvacSavingKilowattHours:F1} |"));
        }
        return string.Join('\n', lines);
    }

    private static string Minutes(double seconds) =>
        double.IsNaN(seconds) ? "n/a" : double.IsFinite(seconds) ? (seconds / 60).ToString("F1", CultureInfo.InvariantCulture) + " min" : "never";

    private static string Safe(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
}
