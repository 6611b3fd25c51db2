using System.Globalization;
using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Oracle;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using Spending = SensorNode.Simulation.Oracle.ServiceBound.Spending;

namespace SensorNode.Cli;

/// <summary>
/// <c>evaluate --service-bound E,A,C</c>: for each service, the most any schedule without a brown-out could reach on the
/// trace given the other two targets (<see cref="ServiceBound"/>, docs/evaluation.md "The service bound"); writes
/// service-bound.json and service-bound.md.
/// </summary>
public static class ServiceBoundReport
{
    /// <summary>Parses "E,A,C" (events, arrivals on time, temperature coverage; fractions 0..1).</summary>
    public static ServiceBound.Point ParseTargets(string text)
    {
        string[] parts = text.Split(',');
        var values = new double[3];
        if (parts.Length != 3 || Enumerable.Range(0, 3).Any(i => !double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || values[i] < 0 || values[i] > 1))
            throw new UsageException($"--service-bound: expected three fractions 0..1 as events,arrivals,coverage (e.g. 0.9,0.6,0.75), got '{text}'");
        return new ServiceBound.Point(values[0], values[1], values[2]);
    }

    /// <summary>
    /// Everything <c>--service-bound</c> reports on <paramref name="environment"/>, written to <paramref name="outDir"/>: the
    /// three bounds, the schedule that comes closest to the targets, and the one that does so keeping the supercap at or
    /// above the cold-start voltage (the reserve a node without foresight needs).
    /// </summary>
    /// <returns>The witnesses found, labelled, for the trade-off chart.</returns>
    public static List<(string Label, ServiceBound.Point Point)> Run(EnvironmentTrace environment, HardwareProfile profile, NodeConfig config, ServiceTargets service,
        ServiceBound.Point targets, OracleOptions options, string outDir)
    {
        ServiceBound.Problem problem;
        try { problem = ServiceBound.Prepare(environment, profile, config, service, options); }
        catch (ArgumentException e) { throw new UsageException("--service-bound: " + e.Message); }
        int levels = options.EnergyLevels;
        var bounds = Enum.GetValues<ServiceBound.Service>().Select(s => ServiceBound.Maximize(problem, s, targets, levels)).ToList();
        ServiceBound.Witness? witness = ServiceBound.FindWitness(problem, targets, levels);
        double reserveVolts = profile.ColdstartMillivolts / 1000.0;
        ServiceBound.Witness? reserveWitness = ServiceBound.FindWitness(problem, targets, levels, keepVolts: reserveVolts);
        Write(outDir, environment.Name, targets, bounds, witness, reserveWitness, reserveVolts);
        var found = new List<(string Label, ServiceBound.Point Point)>();
        if (witness != null) found.Add(("foresight", witness.Reaches));
        if (reserveWitness != null) found.Add((string.Create(CultureInfo.InvariantCulture, $"foresight, >= {reserveVolts:F1} V"), reserveWitness.Reaches));
        return found;
    }

    private static void Write(string outDir, string name, ServiceBound.Point targets, IReadOnlyList<ServiceBound.Result> results, ServiceBound.Witness? witness,
        ServiceBound.Witness? reserveWitness, double reserveVolts)
    {
        var rows = results.Select(r => new
        {
            maximized = Key(r.Maximized),
            bound = r.Infeasible ? (double?)null : r.Bound,
            target = targets[r.Maximized],
            reachable = !r.Infeasible && r.Bound >= targets[r.Maximized],
            given = Enum.GetValues<ServiceBound.Service>().Where(s => s != r.Maximized).ToDictionary(Key, s => targets[s]),
            multipliers = r.Multipliers,
            programmes = r.Programmes,
            wall_seconds = r.WallSeconds,
        }).ToList();
        object? WitnessJson(ServiceBound.Witness? x) => x == null ? null : new
        {
            events = x.Reaches.Events, arrivals_on_time = x.Reaches.Arrivals, temperature_coverage = x.Reaches.Coverage,
            meets_targets = x.MeetsTargets, weights = x.Weights,
            wakes = x.Spending.Wakes, wifi_connects = x.Spending.Connects, connects_by_voltage_bin = x.Spending.ConnectsByVoltageBin,
            min_supercap_v = x.Spending.MinVolts, mean_supercap_v = x.Spending.MeanVolts,
        };
        object? witnessJson = WitnessJson(witness);
        File.WriteAllText(Path.Combine(outDir, "service-bound.json"), JsonSerializer.Serialize(new
        {
            environment = name, targets = new { events = targets.Events, arrivals_on_time = targets.Arrivals, temperature_coverage = targets.Coverage },
            bounds = rows, witness = witnessJson, reserve_volts = reserveVolts, witness_keeping_reserve = WitnessJson(reserveWitness), verdict = Verdict(targets, results, witness),
        }, new JsonSerializerOptions { WriteIndented = true }));
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"## What any schedule without a brown-out could reach: {name}");
        w.WriteLine();
        w.WriteLine("| service | at most (upper bound) | its target | given the others at least |");
        w.WriteLine("| --- | ---: | ---: | --- |");
        foreach (ServiceBound.Result r in results)
        {
            string given = string.Join(", ", Enum.GetValues<ServiceBound.Service>().Where(s => s != r.Maximized).Select(s => $"{Key(s)} {targets[s]:P1}"));
            string bound = r.Infeasible ? "no schedule" : r.Bound.ToString("P1", CultureInfo.InvariantCulture);
            w.WriteLine($"| {Key(r.Maximized)} | {bound} | {targets[r.Maximized]:P1} | {given} |");
        }
        w.WriteLine();
        if (witness != null) w.WriteLine(Describe("One schedule that knows the trace (no brown-out)", witness));
        if (reserveWitness != null) w.WriteLine(Describe($"Keeping the supercap at {reserveVolts:F2} V or above", reserveWitness));
        else if (witness != null) w.WriteLine($"No schedule keeps the supercap at {reserveVolts:F2} V or above.");
        w.WriteLine();
        w.WriteLine(Verdict(targets, results, witness));
        File.WriteAllText(Path.Combine(outDir, "service-bound.md"), w.ToString());
    }

    private static string Describe(string what, ServiceBound.Witness x)
    {
        Spending sp = x.Spending;
        return string.Create(CultureInfo.InvariantCulture, $"{what}: events {x.Reaches.Events:P1}, arrivals on time {x.Reaches.Arrivals:P1}, temperature coverage {x.Reaches.Coverage:P1}; ") +
            string.Create(CultureInfo.InvariantCulture, $"{sp.Wakes} wakes, {sp.Connects} Wi-Fi connects (by voltage bin critical/low/fair/good/high/full: {string.Join("/", sp.ConnectsByVoltageBin)}), supercap {sp.MinVolts:F2} V lowest, {sp.MeanVolts:F2} V mean.");
    }

    /// <summary>What the bounds and witnesses say about the three targets together.</summary>
    public static string Verdict(ServiceBound.Point targets, IReadOnlyList<ServiceBound.Result> results, ServiceBound.Witness? witness) =>
        results.Any(r => r.Infeasible || r.Bound < targets[r.Maximized])
            ? "Out of reach: no schedule without a brown-out meets the three targets together on this trace (a bound below its target proves it)."
            : witness is { MeetsTargets: true }
                ? "Within reach with foresight: a schedule that knows the trace meets the three targets together without a brown-out (the witness); what separates a policy from it is knowledge, not energy."
                : "Not ruled out: no bound falls below its target, and no witness found meets all three.";

    private static string Key(ServiceBound.Service s) => s switch
    {
        ServiceBound.Service.Events => "events",
        ServiceBound.Service.Arrivals => "arrivals_on_time",
        _ => "temperature_coverage",
    };
}
