using System.CommandLine;
using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Core.Update;
using SensorNode.Gateway;

namespace SensorNode.Cli.Fleet;

/// <summary>
/// <c>sensornode fleet status --db FILE</c>: per node and scheduled set, the chunks in, the energy they cost (the core's
/// chunk cost model), the expected completion, the version the node reports, and the nodes that rolled back.
/// </summary>
public static class FleetStatusCommand
{
    /// <summary>Share of a node's harvest assumed free for chunks when no chunk rate has been observed yet.</summary>
    public const double HarvestShareForUpdates = 0.25;

    public static Command Build() => new Command("status", "per-node update progress: chunks, energy spent, expected completion; the version each node runs; rollbacks").Options(
        CliOption.Text("--db", "the gateway's SQLite file", "FILE").IsRequired())
        .WithDetails("""
            Energy: chunks acked x the core's chunk cost (Core/Update/UpdateFetchBudget.ChunkMicrojoules at the
            default nf.config's radio current and 4.0 V). Expected completion: the remaining chunks at the rate seen so far
            (first to last chunk ack); before two acks, their energy over a quarter of the node's reported harvest.
            """).With(Run);

    private static int Run(CommandInput options)
    {
        string db = options.Get("db")!;
        if (ReadingStore.IsMissingFile(db)) throw new CommandFailedException($"{db}: not found (the gateway's database)");
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) throw new CommandFailedException(problem);
        using ReadingStore store = opened!;
        TextWriter output = options.Output;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var apps = store.Applications().ToDictionary(a => a.NodeId, StringComparer.Ordinal);
        var config = new NodeConfig();
        IReadOnlyList<ReadingStore.FleetNodeProgress> progress = store.FleetProgress();
        output.WriteLine("node                              version  chunks      refused  energy_j  expected       runs");
        foreach (ReadingStore.FleetNodeProgress p in progress)
        {
            double joules = p.ChunksAcked * UpdateFetchBudget.ChunkMicrojoules(p.ChunkBytes, 4000, config.RadioMilliamps) / 1e6;
            string runs = apps.TryGetValue(p.NodeId, out ReadingStore.NodeApplication? app) ? app.RunningVersion.ToString(CultureInfo.InvariantCulture) : "?";
            output.WriteLine($"{p.NodeId,-33} {p.Version,7}  {p.ChunksAcked,5}/{p.ChunkCount,-5} {p.ChunksRefused,7}  {joules,8:F2}  {Expected(store, p, app, config, now),-13}  {runs}");
        }
        if (progress.Count == 0) output.WriteLine("(no update scheduled)");
        var rolledBack = apps.Values.Where(a => a.RolledBackVersion != null).ToList();
        output.WriteLine(rolledBack.Count == 0 ? "rolled back: none" : "rolled back:");
        foreach (ReadingStore.NodeApplication a in rolledBack)
            output.WriteLine($"  {a.NodeId}: runs {a.RunningVersion}, abandoned {a.RolledBackVersion} ({a.RollbackReason})");
        return CommandLine.Ok;
    }

    // When the node should have every chunk, as text: "done", "refused <reason>", "in 3.2 d", or "unknown".
    private static string Expected(ReadingStore store, ReadingStore.FleetNodeProgress p, ReadingStore.NodeApplication? app, NodeConfig config, long nowMs)
    {
        if (app != null && app.RunningVersion == p.Version) return "running";
        if (app?.RolledBackVersion == p.Version) return "rolled back";
        if (p.ManifestRejected != null) return "refused " + p.ManifestRejected;
        int remaining = p.ChunkCount - p.ChunksAcked;
        if (remaining <= 0) return "on trial";
        if (p.ChunksAcked >= 2 && p.FirstChunkUnixMs is long first && p.LastChunkUnixMs is long last && last > first)
            return Days(remaining * (last - first) / 86_400_000.0 / (p.ChunksAcked - 1));
        if (store.LatestHarvestWatts(p.NodeId) is double watts && watts > 0)
        {
            double joules = remaining * UpdateFetchBudget.ChunkMicrojoules(p.ChunkBytes, 4000, config.RadioMilliamps) / 1e6;
            return Days(joules / (watts * 86_400 * HarvestShareForUpdates));
        }
        return "unknown";
    }

    private static string Days(double days) => "in " + days.ToString("F1", CultureInfo.InvariantCulture) + " d";
}
