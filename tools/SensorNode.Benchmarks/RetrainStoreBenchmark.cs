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
    public static void Run(SyntheticProfileKind kind, int days, int episodes)
    {
        var config = new NodeConfig();
        HardwareProfile profile = HardwareProfile.Default();
        EnvironmentTrace env = SyntheticEnvironment.Generate(kind, EnvironmentChoice.DefaultStartUnixSeconds, days, seed: 77);
        string folder = Directory.CreateTempSubdirectory("sensornode-retrain-bench-").FullName;
        try
        {
            using ReadingStore store = ReadingStore.Open(Path.Combine(folder, "gateway.db"));
            var setup = new SimulationSetup
            {
                Config = config, Profile = profile, Environment = env, Policy = PolicySpec.FromTable("prior", PriorTable.Build()), Service = ServiceTargets.FromConfig(config),
            };
            DeploymentSimulator.Run(setup, new InProcessGateway(store, config.TopicPrefix, config.NodeId, 4.0, int.MaxValue));

            var clock = Stopwatch.StartNew();
            List<HistoryReading> readings = StoreTrainer.Load(store, config.NodeId);
            double loadSeconds = clock.Elapsed.TotalSeconds;
            (long start, long end) = StoreTrainer.Window(readings, days);
            StoreTraining trained = StoreTrainer.Train(readings, "bench", start, end, config, profile, 1, episodes, 1);
            clock.Stop();
            Console.WriteLine($"retrain from the store: {Synthetic(kind)} ({days} days, {readings.Count} stored readings, PIR watched {trained.History.WatchedFraction:P0}), {episodes} episodes, {Environment.ProcessorCount} cores: "
                + $"{clock.Elapsed.TotalSeconds:F1} s (store read {loadSeconds * 1000:F0} ms, trainer {trained.Result.WallSeconds:F1} s); target: seconds");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Synthetic(SyntheticProfileKind kind) => SyntheticEnvironment.Name(kind);
}
