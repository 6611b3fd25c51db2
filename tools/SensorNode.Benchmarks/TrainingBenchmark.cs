using System.Diagnostics;
using System.Security.Cryptography;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Training;

/// <summary>
/// Issue 16: train a site's table on the first days of a trace with <c>train</c>'s defaults (the priced ranking, or
/// safety-first when asked), several times; prints each
/// run's wall and process CPU seconds, the median (target &lt; 15 s on the 2-core reference machine), the simulator runs
/// and the table's hash (the same every time: training is seeded). CPU seconds show the work when other jobs share the
/// machine and stretch the wall time.
/// </summary>
internal static class TrainingBenchmark
{
    public static void Run(string tracePath, int historyDays, int repeat, bool priced)
    {
        EnvironmentTrace trace = TraceReader.Read(tracePath);
        trace = trace.Slice(0, Math.Min(historyDays, (int)trace.DayCount) - 1);
        var walls = new List<double>();
        var cpus = new List<double>();
        var hashes = new HashSet<string>();
        for (int r = 0; r < Math.Max(1, repeat); r++)
        {
            var options = new TrainingOptions { Environments = new[] { trace }, Profile = HardwareProfile.Default(), PricedRanking = priced };
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
            var clock = Stopwatch.StartNew();
            TrainingResult trained = PolicyTrainer.Train(options);
            clock.Stop();
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            string hash = Convert.ToHexString(SHA256.HashData(trained.Table.Serialize()))[..16];
            hashes.Add(hash);
            walls.Add(clock.Elapsed.TotalSeconds);
            cpus.Add(cpu);
            Console.WriteLine($"run {r + 1}: {clock.Elapsed.TotalSeconds:F1} s wall, {cpu:F1} s CPU; {trained.SimulatorRuns} simulator runs "
                + $"(search: {trained.SearchRunsReused} runs taken over, {trained.SearchTrialsPruned} trials stopped early, {trained.SearchTrialsSkipped} skipped); "
                + $"{GC.CollectionCount(0) - gen0} gen-0 and {GC.CollectionCount(2) - gen2} gen-2 collections; kept round {trained.KeptRound}; table sha256 {hash}");
        }
        walls.Sort();
        cpus.Sort();
        Console.WriteLine($"train a site's table ({(priced ? "priced" : "safety-first")} ranking, {(priced ? TrainingOptions.PricedSearchSweeps : TrainingOptions.SafetyFirstSearchSweeps)} search sweeps): {trace.Name} ({trace.DayCount} days), {Environment.ProcessorCount} cores: median {walls[walls.Count / 2]:F1} s wall "
            + $"(target < 15 s), median {cpus[cpus.Count / 2]:F1} s CPU over {walls.Count} runs; {(hashes.Count == 1 ? "same table every run" : "TABLES DIFFER")}");
    }
}
