using System.CommandLine;
using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode bench</c>: simulation speed in simulated node-days per wall-second, for one node and for a fleet
/// on all cores versus one core (the scaling ratio). Medians of repeated runs: machines are noisy.
/// </summary>
public static class BenchCommand
{
    public static Command Build() => new Command("bench", "measure simulation speed (simulated node-days per wall-second), one node and a fleet").Options(
        CliOption.Days("simulated days per node", 365),
        CliOption.Int("--nodes", "fleet size", 8, 1, 10_000),
        CliOption.Int("--repeat", "runs per figure; the median is reported", 3, 1, 100),
        CliOption.Out("also write the figures as JSON", "FILE")).With(Run);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output;
        int days = options.Int("days");
        int nodes = options.Int("nodes");
        int repeat = options.Int("repeat");

        var config = new NodeConfig();
        HardwareProfile profile = HardwareProfile.Default();
        long start = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var environments = Enumerable.Range(0, nodes).Select(i => SyntheticEnvironment.Generate(SyntheticProfileKind.Office, start, days, 1000 + i)).ToArray();
        var setup = new SimulationSetup { Config = config, Profile = profile, Environment = environments[0] };
        double eventsPerDay = environments[0].MotionEventUnixSeconds.Length / (double)days;
        output.WriteLine($"bench: synthetic office, {days} days, built-in policy, {eventsPerDay:F1} motion events/day, {System.Environment.ProcessorCount} cores");

        if (options.Get("out") is { } outFile) OutputPaths.PrepareFile("out", outFile);
        // Warm-up: a full-length run so the JIT's tiered compilation has settled before anything is measured.
        FleetSimulator.Run(setup, 1, _ => environments[0]);
        FleetSimulator.Run(setup, 1, _ => environments[0]);

        double one = Median(repeat, () => FleetSimulator.Run(setup, 1, _ => environments[0]).Metrics);
        double serial = Median(repeat, () => FleetSimulator.Run(setup, nodes, i => environments[i], maxParallelism: 1).Metrics);
        double parallel = Median(repeat, () => FleetSimulator.Run(setup, nodes, i => environments[i]).Metrics);
        SimulationMetrics sample = FleetSimulator.Run(setup, 1, _ => environments[0]).Metrics;

        output.WriteLine($"  one node:                 {one,10:N0} node-days/s   ({sample.Wakes / (double)days:F0} wakes/day, {sample.Wakes:N0} wakes)");
        output.WriteLine($"  fleet of {nodes,3}, 1 core:     {serial,10:N0} node-days/s");
        output.WriteLine($"  fleet of {nodes,3}, {System.Environment.ProcessorCount} cores:    {parallel,10:N0} node-days/s   (scaling x{parallel / serial:F2} over 1 core)");
        output.WriteLine($"  target: >= 365 node-days/s for one node: {(one >= 365 ? "met" : "NOT met")}");
        if (options.Get("out") is { } path)
        {
            var figures = new { days, nodes, repeat, cores = System.Environment.ProcessorCount, events_per_day = eventsPerDay, wakes_per_day = sample.Wakes / (double)days,
                one_node_days_per_second = one, fleet_serial_days_per_second = serial, fleet_parallel_days_per_second = parallel, scaling = parallel / serial };
            File.WriteAllText(path, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
        }
        return CommandLine.Ok;
    }

    private static double Median(int repeat, Func<SimulationMetrics> run)
    {
        var rates = Enumerable.Range(0, repeat).Select(_ => run().NodeDaysPerSecond).OrderBy(r => r).ToList();
        return rates[rates.Count / 2];
    }
}
