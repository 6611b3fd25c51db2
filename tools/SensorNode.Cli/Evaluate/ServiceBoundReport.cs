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
    /// above the cold-start voltage (the reserve a node without foresight needs); then the three bounds and the closest
    /// schedule under the radio part of the trainer's reserve (no connect below good voltage), which every table the
    /// trainer may learn keeps: what such a table could reach if it knew the coming light.
    /// </summary>
    /// <returns>The witnesses found, labelled, for the trade-off chart.</returns>
    public static List<(string Label, ServiceBound.Point Point)> Run(EnvironmentTrace environment, HardwareProfile profile, NodeConfig config, ServiceTargets service,
        ServiceBound.Point targets, OracleOptions options, string outDir)
    {
        ServiceBound.Problem problem;
        try { problem = ServiceBound.Prepare(environment, profile, config, service, options); }
        catch (ArgumentException e) { throw new UsageException("--service-bound: " + e.Message); }
        int levels = options.EnergyLevels;
        var free = Bound(problem, targets, ServiceBound.Rules.None, levels);
        double reserveVolts = profile.ColdstartMillivolts / 1000.0;
        ServiceBound.Witness? reserveWitness = ServiceBound.FindWitness(problem, targets, new ServiceBound.Rules(KeepVolts: reserveVolts), levels);
        ServiceBound.Rules trainer = ServiceBound.Rules.TrainerReserve(profile);
        var table = Bound(problem, targets, trainer, levels);
        Write(outDir, environment.Name, targets, free, reserveWitness, reserveVolts, table, trainer.RadioFromVolts!.Value);
        var found = new List<(string Label, ServiceBound.Point Point)>();
        if (free.Witness != null) found.Add(("foresight", free.Witness.Reaches));
        if (reserveWitness != null) found.Add((string.Create(CultureInfo.InvariantCulture, $"foresight, >= {reserveVolts:F1} V"), reserveWitness.Reaches));
        if (table.Witness != null) found.Add((string.Create(CultureInfo.InvariantCulture, $"foresight, radio >= {trainer.RadioFromVolts:F2} V"), table.Witness.Reaches));
        return found;
    }

    /// <summary>The three bounds under <paramref name="rules"/> and the schedule closest to the targets under them.</summary>
    private sealed record Bounds(List<ServiceBound.Result> Results, ServiceBound.Witness? Witness);

    private static Bounds Bound(ServiceBound.Problem problem, ServiceBound.Point targets, ServiceBound.Rules rules, int levels) =>
        new(Enum.GetValues<ServiceBound.Service>().Select(s => ServiceBound.Maximize(problem, s, targets, rules, levels)).ToList(),
            ServiceBound.FindWitness(problem, targets, rules, levels));

    private static void Write(string outDir, string name, ServiceBound.Point targets, Bounds free, ServiceBound.Witness? reserveWitness, double reserveVolts,
        Bounds table, double radioFromVolts)
    {
        object Rows(IReadOnlyList<ServiceBound.Result> results) => results.Select(r => new
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
        File.WriteAllText(Path.Combine(outDir, "service-bound.json"), JsonSerializer.Serialize(new
        {
            environment = name, targets = new { events = targets.Events, arrivals_on_time = targets.Arrivals, temperature_coverage = targets.Coverage },
            bounds = Rows(free.Results), witness = WitnessJson(free.Witness), reserve_volts = reserveVolts, witness_keeping_reserve = WitnessJson(reserveWitness),
            verdict = Verdict(targets, free.Results, free.Witness),
            trainer_reserve = new
            {
                radio_from_volts = radioFromVolts, bounds = Rows(table.Results), witness = WitnessJson(table.Witness), verdict = Verdict(targets, table.Results, table.Witness),
            },
        }, new JsonSerializerOptions { WriteIndented = true }));
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"## What any schedule without a brown-out could reach: {name}");
        WriteBounds(w, targets, free.Results);
        if (free.Witness != null) w.WriteLine(Describe("One schedule that knows the trace (no brown-out)", free.Witness));
        if (reserveWitness != null) w.WriteLine(Describe($"Keeping the supercap at {reserveVolts:F2} V or above", reserveWitness));
        else if (free.Witness != null) w.WriteLine($"No schedule keeps the supercap at {reserveVolts:F2} V or above.");
        w.WriteLine();
        w.WriteLine(Verdict(targets, free.Results, free.Witness));
        w.WriteLine();
        w.WriteLine($"## The same, connecting only from good voltage ({radioFromVolts:F2} V), as every table the trainer may learn");
        WriteBounds(w, targets, table.Results);
        if (table.Witness != null) w.WriteLine(Describe("One schedule that knows the trace (no brown-out, no connect below good voltage)", table.Witness));
        w.WriteLine();
        w.WriteLine(Verdict(targets, table.Results, table.Witness));
        File.WriteAllText(Path.Combine(outDir, "service-bound.md"), w.ToString());
    }

    private static void WriteBounds(StringWriter w, ServiceBound.Point targets, IReadOnlyList<ServiceBound.Result> results)
    {
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
