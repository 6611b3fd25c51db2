using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Simulator;

/// <summary>The result of a fleet run: summed metrics, node 0's timeline, and each node's own metrics.</summary>
public sealed class FleetResult
{
    public required SimulationMetrics Metrics { get; init; }
    public NodeTimeline? Timeline { get; init; }
    public required IReadOnlyList<SimulationMetrics> PerNode { get; init; }
    /// <summary>Node 0's readings with coverage and broker arrivals (occupancy, docs/occupancy.md).</summary>
    public IReadOnlyList<ObservedReading> Readings { get; init; } = [];
    /// <summary>Readings that were neither delivered, pending nor counted as dropped, summed (must be 0).</summary>
    public long UnaccountedReadings { get; init; }
}

/// <summary>
/// Runs N independent nodes in parallel across the machine's cores. Node i gets seed (seed, i) and the
/// environment <c>environmentFor(i)</c> (synthetic profiles draw a different building day per node; a trace
/// is shared). Results do not depend on the scheduling: each node is deterministic on its own.
/// </summary>
public static class FleetSimulator
{
    public static FleetResult Run(SimulationSetup setup, int nodes, Func<int, EnvironmentTrace> environmentFor,
        Action<double>? onProgress = null, CancellationToken cancel = default, int maxParallelism = 0)
    {
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), "need at least one node");
        var results = new NodeRunResult[nodes];
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var daysDone = new int[nodes];
        double totalDays = 0;
        var setups = new SimulationSetup[nodes];
        for (int i = 0; i < nodes; i++)
        {
            EnvironmentTrace env = environmentFor(i);
            totalDays += env.DayCount;
            setups[i] = new SimulationSetup
            {
                Config = nodes == 1 ? setup.Config : WithNodeId(setup.Config, $"{setup.Config.NodeId}-{i:D3}"), Profile = setup.Profile, Environment = env, Policy = setup.Policy,
                FaultSpec = setup.FaultSpec, Seed = setup.Seed, InitialVolts = setup.InitialVolts,
                AdcNoiseMillivolts = setup.AdcNoiseMillivolts, MqttFactory = setup.MqttFactory,
                PolicyFactory = setup.PolicyFactory, Service = setup.Service,
            };
        }
        var options = new ParallelOptions
        {
            CancellationToken = cancel,
            MaxDegreeOfParallelism = maxParallelism > 0 ? maxParallelism : System.Environment.ProcessorCount,
        };
        Parallel.For(0, nodes, options, i =>
        {
            var simulator = new NodeSimulator(setups[i], i, recordTimeline: i == 0);
            results[i] = simulator.Run(day =>
            {
                daysDone[i] = day;
                onProgress?.Invoke(totalDays > 0 ? daysDone.Sum() / totalDays : 1);
            }, cancel);
        });
        wall.Stop();
        return new FleetResult
        {
            Metrics = Aggregate(results, wall.Elapsed.TotalSeconds),
            Timeline = results[0].Timeline,
            PerNode = results.Select(r => r.Metrics).ToList(),
            UnaccountedReadings = results.Sum(r => r.UnaccountedReadings),
            Readings = results[0].Readings,
        };
    }

    /// <summary>A copy of <paramref name="config"/> for one node of a fleet: every node needs its own id (MQTT client id, topics, dedup key).</summary>
    public static NodeConfig WithNodeId(NodeConfig config, string nodeId)
    {
        var copy = (NodeConfig)typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.Invoke(config, null)!;
        copy.NodeId = nodeId;
        return copy;
    }

    /// <summary>Sums counts and energies; latency percentiles over every node's deliveries; fractions averaged.</summary>
    public static SimulationMetrics Aggregate(IReadOnlyList<NodeRunResult> results, double wallSeconds)
    {
        if (results.Count == 1)
        {
            SimulationMetrics single = results[0].Metrics;
            single.WallSeconds = wallSeconds;
            single.NodeDaysPerSecond = wallSeconds > 0 ? single.SimulatedDays / wallSeconds : 0;
            return single;
        }
        var all = results.Select(r => r.Metrics).ToList();
        var latencies = results.SelectMany(r => r.LatenciesSeconds).ToList();
        latencies.Sort();
        double nodeDays = all.Sum(m => m.SimulatedDays);
        long delivered = all.Sum(m => m.ReadingsDelivered);
        double spent = all.Sum(m => m.EnergySpentJ);
        var phases = new SortedDictionary<string, double>();
        var faults = new SortedDictionary<string, long>();
        foreach (var m in all)
        {
            foreach (var (k, v) in m.EnergySpentByPhaseJ) phases[k] = phases.GetValueOrDefault(k) + v;
            foreach (var (k, v) in m.FaultsInjected) faults[k] = faults.GetValueOrDefault(k) + v;
        }
        SimulationMetrics first = all[0];
        var aggregate = new SimulationMetrics
        {
            Policy = first.Policy, Environment = first.Environment + (all.Select(m => m.Environment).Distinct().Count() > 1 ? " (per-node variants)" : ""),
            Profile = first.Profile, Seed = first.Seed, Nodes = all.Count, Faults = first.Faults,
            EventsTotal = all.Sum(m => m.EventsTotal), EventsCaptured = all.Sum(m => m.EventsCaptured), EventsDelivered = all.Sum(m => m.EventsDelivered),
            ReadingsTaken = all.Sum(m => m.ReadingsTaken), ReadingsDelivered = delivered, ReadingsDropped = all.Sum(m => m.ReadingsDropped),
            ReadingsPending = all.Sum(m => m.ReadingsPending), ReadingsDuplicated = all.Sum(m => m.ReadingsDuplicated),
            Wakes = all.Sum(m => m.Wakes), MotionWakes = all.Sum(m => m.MotionWakes), Brownouts = all.Sum(m => m.Brownouts),
            DeadTimeFraction = all.Average(m => m.DeadTimeFraction), WatchedFraction = all.Average(m => m.WatchedFraction), WifiConnects = all.Sum(m => m.WifiConnects),
            MessagesPublished = all.Sum(m => m.MessagesPublished),
            EnergyHarvestedJ = all.Sum(m => m.EnergyHarvestedJ), EnergySpentJ = spent, EnergySpentByPhaseJ = phases,
            EnergyLeakageJ = all.Sum(m => m.EnergyLeakageJ), EnergyClampLossJ = all.Sum(m => m.EnergyClampLossJ),
            EnergyStoredChangeJ = all.Sum(m => m.EnergyStoredChangeJ), EnergyBalanceErrorJ = all.Sum(m => m.EnergyBalanceErrorJ),
            EnergyPerDeliveredReadingMj = delivered > 0 ? spent * 1000 / delivered : 0,
            DeliveryLatencyP50S = NodeSimulator.Percentile(latencies, 0.50), DeliveryLatencyP95S = NodeSimulator.Percentile(latencies, 0.95),
            FinalSupercapV = all.Average(m => m.FinalSupercapV), MinSupercapV = all.Min(m => m.MinSupercapV),
            FaultsInjected = faults, TraceRowsSkipped = first.TraceRowsSkipped, TraceSkippedExamples = first.TraceSkippedExamples,
            SimulatedDays = first.SimulatedDays, WallSeconds = wallSeconds,
            NodeDaysPerSecond = wallSeconds > 0 ? nodeDays / wallSeconds : 0,
        };
        ServiceMetrics.Fill(aggregate, all.Sum(m => m.ArrivalsTotal), all.Sum(m => m.ArrivalsOnTime),
            results.SelectMany(r => r.ArrivalLatenciesSeconds).ToList(), all.Sum(m => m.TemperatureIntervals), all.Sum(m => m.TemperatureIntervalsCovered));
        return aggregate;
    }
}
