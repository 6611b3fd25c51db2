using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Updates;

namespace SensorNode.Cli.Fleet;

/// <summary>
/// <c>sensornode fleet simulate --nodes 100 --lux 200,500,1000 --out DIR</c>: the simulated fleet update per light level
/// (docs/updates.md): days until every node runs the new set, energy and events it cost against the same fleet without
/// it, and whether any node was left without a working application. fleet-update.json and fleet-update.md.
/// </summary>
public static class FleetSimulateCommand
{
    public static Command Build() => new Command("simulate", "simulated fleet update with faults per light level: days to update, energy and events it cost, nodes left without a working application").Options(
        CliOption.Int("--nodes", "fleet size", 100, 1, 10_000),
        CliOption.Text("--lux", "light levels, lx, comma-separated (constant 08:00-18:00, docs/energy-budget.md)", "LX,LX"),
        CliOption.Days("days simulated after the release (default 14)", 14),
        CliOption.Seed(),
        CliOption.Int("--image-kib", "size of the new application set, KiB", 48, 1, 96),
        CliOption.Out("fleet-update.json and fleet-update.md (default fleet-update-out)")).With(Run);

    private static int Run(CommandInput options)
    {
        double[] lux = ParseLux(options.Get("lux") ?? "200,500,1000");
        string outDir = options.Get("out") ?? "fleet-update-out";
        OutputPaths.PrepareDirectory("out", outDir);
        var fleet = new FleetUpdateOptions
        {
            Nodes = options.Int("nodes"), LuxLevels = lux, Days = options.Int("days"), Seed = options.Int("seed"),
            ImageBytes = options.Int("image-kib") * 1024,
        };
        var wall = System.Diagnostics.Stopwatch.StartNew();
        List<LuxUpdateSummary> summaries = FleetUpdateSimulation.Run(fleet, new NodeConfig(), HardwareProfile.Default(), line => options.Output.WriteLine(line));
        wall.Stop();
        var report = new { nodes = fleet.Nodes, days = fleet.Days, seed = fleet.Seed, image_bytes = fleet.ImageBytes, chunk_bytes = fleet.ChunkBytes,
            corrupt_every = fleet.CorruptEvery, power_cut_every = fleet.PowerCutEvery, bad_application_every = fleet.BadApplicationEvery,
            wall_seconds = wall.Elapsed.TotalSeconds, levels = summaries };
        File.WriteAllText(Path.Combine(outDir, "fleet-update.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        string table = Markdown(fleet, summaries);
        File.WriteAllText(Path.Combine(outDir, "fleet-update.md"), table);
        options.Output.Write(table);
        return summaries.All(s => s.WithoutWorkingApplication == 0) ? CommandLine.Ok : CommandLine.Failed;
    }

    private static double[] ParseLux(string text)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || value > 100_000)
                throw new UsageException($"--lux: '{part}' is not a light level from 0 to 100000 lx");
            values.Add(value);
        }
        return values.ToArray();
    }

    /// <summary>The short table of docs/updates.md.</summary>
    public static string Markdown(FleetUpdateOptions fleet, IReadOnlyList<LuxUpdateSummary> summaries)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Fleet update: {fleet.Nodes} nodes, {fleet.ImageBytes / 1024} KiB set in {fleet.ChunkBytes}-byte chunks, {fleet.Days} days, seed {fleet.Seed}; "
            + $"a damaged chunk on every {fleet.CorruptEvery}th node, a power cut mid-chunk on every {fleet.PowerCutEvery}th, a bad application on every {fleet.BadApplicationEvery}th.");
        text.AppendLine();
        text.AppendLine("| lux | updated | rolled back | incomplete | no working app | days until all settled | median days | update radio J/node | net extra J/node | events captured (without update) | events cost | brown-outs (without update; injected cuts) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (LuxUpdateSummary s in summaries)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Lux:0} | {s.Updated} | {s.RolledBack} | {s.Incomplete} | {s.WithoutWorkingApplication} | {(s.DaysUntilAllSettled is double d ? d.ToString("F2", CultureInfo.InvariantCulture) : "not within the run")} | "
                + $"{(s.MedianDaysToUpdate is double m ? m.ToString("F2", CultureInfo.InvariantCulture) : "-")} | {s.UpdateRadioEnergyPerNodeJ:F2} | {s.ExtraEnergyPerNodeJ:F2} | {s.EventsCaptured} ({s.BaselineEventsCaptured}) | {s.EventsCost} | {s.Brownouts} ({s.BaselineBrownouts}; {s.PowerCutsInjected}) |");
        }
        return text.ToString();
    }
}
