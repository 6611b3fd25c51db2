using SensorNode.Core.Numerics;
using SensorNode.Gateway;
using SensorNode.Simulation.Deployment;
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
        string[] nodes = (options.Get("node") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (nodes.Length == 0) throw new UsageException("--db needs --node ID (the node whose readings to learn from; ID,ID,... for the nodes of one room kind)");
        if (nodes.Distinct().Count() != nodes.Length) throw new UsageException($"--node: {nodes.GroupBy(n => n).First(g => g.Count() > 1).Key} given twice");
        if (options.All("trace").Count > 0 || options.Flag("fleet") || options.Flag("no-history")) throw new UsageException("--db takes no --trace, --fleet or --no-history");
        string outPath = options.Get("out") ?? throw new UsageException("--out FILE is required");
        OutputPaths.PrepareFile("out", outPath);
        int? days = options.IntOrNull("days");
        HardwareProfile profile;
        try { profile = options.Get("profile") is { } p ? HardwareProfile.Load(p) : HardwareProfile.Default(); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
        Core.Config.NodeConfig config = SimulateCommand.LoadConfig(options.Get("config"));
        if (ReadingStore.IsMissingFile(db)) { options.Error.WriteLine($"sensornode train: {db}: not found"); return CommandLine.Failed; }
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) { options.Error.WriteLine($"sensornode train: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        var stored = new List<(string Name, IReadOnlyList<HistoryReading> Readings)>();
        foreach (string node in nodes)
        {
            List<HistoryReading> readings = StoreTrainer.Load(store, node);
            if (readings.Count < 2) { options.Error.WriteLine($"sensornode train: {db}: node {node} has {readings.Count} stored readings with a time; at least 2 are needed"); return CommandLine.Failed; }
            stored.Add(($"{node} (store)", readings));
        }
        // One window for all: the whole days the nodes' readings cover together, or the last --days of them.
        (long start, long end) = StoreTrainer.Window(stored.SelectMany(n => n.Readings).OrderBy(r => r.UnixSeconds).ToList(), days);
        var windowed = stored.Select(n => (n.Name, (IReadOnlyList<HistoryReading>)n.Readings.Where(r => r.UnixSeconds >= start).ToList())).ToList();
        for (int i = 0; i < nodes.Length; i++)
        {
            if (windowed[i].Item2.Count == 0) { options.Error.WriteLine($"sensornode train: {db}: node {nodes[i]} has no stored reading in the last {days} days"); return CommandLine.Failed; }
        }
        StoreTraining trained = StoreTrainer.TrainRoom(windowed, start, end, config, profile, options.Int("seed"), options.Int("episodes"), TableVersionFor(end),
            strictGate: options.Flag("strict-gate"));
        byte[] bytes = trained.Table.Serialize();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir != null) Directory.CreateDirectory(dir);
        File.WriteAllBytes(outPath, bytes);
        for (int i = 0; i < nodes.Length; i++)
        {
            var h = trained.Histories[i];
            options.Output.WriteLine($"learned from {h.Readings} readings of {nodes[i]} ({(end - start) / 86_400} days): PIR watched {h.WatchedFraction:P1} of the time, {h.EventsObserved} events seen, {h.EventsImputed} imputed for the blind spans; stress light x{h.StressLightScale:0.##}");
        }
        options.Output.WriteLine($"training time {trained.Result.WallSeconds:F1} s; kept {trained.Kept} (utility on the history {trained.KeptScore!.Utility:F3}; learned {trained.Result.Learned.Utility:F3}, heuristic {trained.Result.Heuristic.Utility:F3})");
        options.Output.WriteLine($"wrote {outPath}: version {trained.Table.Version}, {bytes.Length} bytes, CRC-32 0x{LittleEndian.ReadUInt32(bytes, bytes.Length - 4):X8}");
        return CommandLine.Ok;
    }

    /// <summary>Tables learned on site are versioned by the day their history ends (days since 2020-01-01 + 10000): a new day, a new version.</summary>
    public static uint TableVersionFor(long endUnixSeconds) => (uint)(10_000 + Math.Max(0, (endUnixSeconds - 1_577_836_800) / 86_400));
}
