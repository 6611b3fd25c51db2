using SensorNode.Core.Numerics;
using SensorNode.Gateway;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// <c>sensornode train --db FILE --node ID [--days N]</c>: learns from what the gateway stored of one node (docs/policy.md
/// "Learning on site") and writes the table like <c>train --trace</c> does.
/// </summary>
public static class StoreTrainCommand
{
    /// <summary>Runs when train has --db (TrainCommand hands over its parsed options).</summary>
    public static int Run(CommandInput options)
    {
        string db = options.Get("db")!;
        string node = options.Get("node") ?? throw new UsageException("--db needs --node ID (the node whose readings to learn from)");
        if (options.All("trace").Count > 0 || options.Flag("fleet") || options.Flag("no-history")) throw new UsageException("--db takes no --trace, --fleet or --no-history");
        string outPath = options.Get("out") ?? throw new UsageException("--out FILE is required");
        OutputPaths.PrepareFile("out", outPath);
        int? days = options.IntOrNull("days");
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        Core.Config.NodeConfig config = SimulateCommand.LoadConfig(options.Get("config"));
        if (!File.Exists(db)) { options.Error.WriteLine($"sensornode train: {db}: not found"); return CommandLine.Failed; }
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) { options.Error.WriteLine($"sensornode train: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        var readings = StoreTrainer.Load(store, node);
        if (readings.Count < 2) { options.Error.WriteLine($"sensornode train: {db}: node {node} has {readings.Count} stored readings with a time; at least 2 are needed"); return CommandLine.Failed; }
        (long start, long end) = StoreTrainer.Window(readings, days);
        StoreTraining trained = StoreTrainer.Train(readings.Where(r => r.UnixSeconds >= start).ToList(), $"{node} (store)", start, end, config, profile,
            options.Int("seed"), options.Int("episodes"), TableVersionFor(end));
        byte[] bytes = trained.Table.Serialize();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir != null) Directory.CreateDirectory(dir);
        File.WriteAllBytes(outPath, bytes);
        var h = trained.History;
        options.Output.WriteLine($"learned from {h.Readings} readings of {node} ({(end - start) / 86_400} days): PIR watched {h.WatchedFraction:P1} of the time, {h.EventsObserved} events seen, {h.EventsImputed} imputed for the blind spans; stress light x{h.StressLightScale:0.##}");
        options.Output.WriteLine($"training time {trained.Result.WallSeconds:F1} s; kept {trained.Kept} (utility on the history {trained.KeptScore!.Utility:F3}; learned {trained.Result.Learned.Utility:F3}, heuristic {trained.Result.Heuristic.Utility:F3})");
        options.Output.WriteLine($"wrote {outPath}: version {trained.Table.Version}, {bytes.Length} bytes, CRC-32 0x{LittleEndian.ReadUInt32(bytes, bytes.Length - 4):X8}");
        return CommandLine.Ok;
    }

    /// <summary>Tables learned on site are versioned by the day their history ends (days since 2020-01-01 + 10000): a new day, a new version.</summary>
    public static uint TableVersionFor(long endUnixSeconds) => (uint)(10_000 + Math.Max(0, (endUnixSeconds - 1_577_836_800) / 86_400));
}
