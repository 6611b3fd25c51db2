using System.Diagnostics;
using SensorNode.Cli;
using SensorNode.Cli.Deployment;
using SensorNode.Core.Config;
using SensorNode.Gateway;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

/// <summary>
/// Issue 12's speed target: a retrain on 5 weeks of one node's stored data takes seconds. Fills a gateway store with
/// a node that ran the prior table for DAYS days of a synthetic building (the deployment's in-process gateway, no
/// retrain), then times reading the store, rebuilding the censored trace and training, as `train --db` does.
/// </summary>
internal static class RetrainStoreBenchmark
{
    public static void Run(SyntheticProfileKind kind, int days, int episodes, int repeat)
    {
        var config = new NodeConfig();
        HardwareProfile profile = HardwareProfile.Default();
        // One day more than the retrain learns from: the retrain leaves out the day in progress (StoreTrainer.Window).
        EnvironmentTrace env = SyntheticEnvironment.Generate(kind, EnvironmentChoice.DefaultStartUnixSeconds, days + 1, seed: 77);
        string folder = Directory.CreateTempSubdirectory("sensornode-retrain-bench-").FullName;
        try
        {
            using ReadingStore store = ReadingStore.Open(Path.Combine(folder, "gateway.db"));
            var setup = new SimulationSetup
            {
                Config = config, Profile = profile, Environment = env, Policy = PolicySpec.FromTable("prior", PriorTable.Build()), Service = ServiceTargets.FromConfig(config),
            };
            DeploymentSimulator.Run(setup, new InProcessGateway(store, config.TopicPrefix, config.NodeId, 4.0, int.MaxValue));

            // The median of `repeat` retrains, wall and CPU (the trainer runs its simulations in parallel: CPU seconds
            // say what it costs on a machine shared with other work, wall what a quiet machine takes).
            var walls = new List<double>();
            var cpus = new List<double>();
            StoreTraining? trained = null;
            List<HistoryReading> readings = [];
            double loadSeconds = 0;
            for (int r = 0; r < repeat; r++)
            {
                TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                readings = StoreTrainer.Load(store, config.NodeId);
                loadSeconds = clock.Elapsed.TotalSeconds;
                (long start, long end) = StoreTrainer.Window(readings, days);
                trained = StoreTrainer.Train(readings, "bench", start, end, config, profile, 1, episodes, 1);
                clock.Stop();
                walls.Add(clock.Elapsed.TotalSeconds);
                cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            }
            Console.WriteLine($"retrain from the store: {Synthetic(kind)} ({days} days, {readings.Count} stored readings, PIR watched {trained!.History.WatchedFraction:P0}), {episodes} episodes, "
                + $"search {StoreTrainer.SiteSearchSweeps} sweeps x {StoreTrainer.SiteSearchStates} states, {Environment.ProcessorCount} cores, {repeat} repeats: "
                + $"median {Median(walls):F1} s wall (min {walls.Min():F1}, max {walls.Max():F1}), median {Median(cpus):F1} CPU-s (store read {loadSeconds * 1000:F0} ms); target: seconds");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Synthetic(SyntheticProfileKind kind) => SyntheticEnvironment.Name(kind);
}
