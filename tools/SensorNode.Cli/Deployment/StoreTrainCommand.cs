using SensorNode.Core.Numerics;
using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Physics;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// <c>sensornode train --db FILE --node ID [--days N]</c>: learns from what the gateway stored of one node (docs/policy.md
/// "Learning on site") and writes the table like <c>train --trace</c> does, gated against the table the node runs by the store's
/// record (its last push acked as applied); when the gate keeps that table, nothing is written (nothing new to push).
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
        // One window for all: the whole days the nodes' readings cover together before the day in progress, or the last --days of them.
        long start, end;
        try { (start, end) = StoreTrainer.Window(stored.SelectMany(n => n.Readings).OrderBy(r => r.UnixSeconds).ToList(), days); }
        catch (ArgumentException e) { options.Error.WriteLine($"sensornode train: {db}: {e.Message}"); return CommandLine.Failed; }
        var windowed = stored.Select(n => (n.Name, (IReadOnlyList<HistoryReading>)n.Readings.Where(r => r.UnixSeconds >= start && r.UnixSeconds < end).ToList())).ToList();
        for (int i = 0; i < nodes.Length; i++)
        {
            if (windowed[i].Item2.Count == 0) { options.Error.WriteLine($"sensornode train: {db}: node {nodes[i]} has no stored reading in the {(end - start) / 86_400} whole days learned from (before the day in progress)"); return CommandLine.Failed; }
        }
        int layout = config.RtcFitted ? StateEncoder.RtcLayoutId : StateEncoder.LayoutId;
        if (!TryTableInForce(store, nodes, layout, out PolicyTable? current, out string reference, out string mismatch))
        {
            options.Error.WriteLine($"sensornode train: {db}: {mismatch}");
            return CommandLine.Failed;
        }
        options.Output.WriteLine($"push gate: a new table must be no less safe than {reference}");
        int episodes = options.IntOrNull("episodes") ?? StoreTrainer.SiteEpisodes;
        StoreTraining trained = StoreTrainer.TrainRoom(windowed, start, end, config, profile, options.Int("seed"), episodes, TableVersionFor(end),
            current, strictGate: options.Flag("strict-gate"));
        for (int i = 0; i < nodes.Length; i++)
        {
            var h = trained.Histories[i];
            options.Output.WriteLine($"learned from {h.Readings} readings of {nodes[i]} ({(end - start) / 86_400} days): PIR watched {h.WatchedFraction:P1} of the time, {h.EventsObserved} events seen, {h.EventsImputed} imputed for the blind spans; stress light x{h.StressLightScale:0.##}");
        }
        options.Output.WriteLine($"training time {trained.Result.WallSeconds:F1} s ({episodes} episodes); kept {trained.Kept} (utility on the history {trained.KeptScore!.Utility:F3}; learned {trained.Result.Learned.Utility:F3}, heuristic {trained.Result.Heuristic.Utility:F3})");
        if (trained.Kept == "current")
        {
            // Pushing the table the node already runs would cost it a radio command for nothing: nothing is written.
            options.Output.WriteLine($"kept {reference}: no candidate is as safe and better on the history; nothing new to push, {outPath} not written");
            return CommandLine.Ok;
        }
        byte[] bytes = trained.Table.Serialize();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir != null) Directory.CreateDirectory(dir);
        File.WriteAllBytes(outPath, bytes);
        options.Output.WriteLine($"wrote {outPath}: version {trained.Table.Version}, {bytes.Length} bytes, CRC-32 0x{LittleEndian.ReadUInt32(bytes, bytes.Length - 4):X8}");
        return CommandLine.Ok;
    }

    /// <summary>
    /// The table the nodes run by the store's record (the push each last acked as applied), when they all run the same one
    /// and it is of <paramref name="layout"/>: the gate's reference, as in the simulated deployment. Null (the frugal prior
    /// is the reference) when no push is recorded, or the nodes run different tables. False when the nodes run another
    /// layout than the one the configuration trains for (a node with the event RTC needs --config with its [rtc] section).
    /// </summary>
    public static bool TryTableInForce(ReadingStore store, IReadOnlyList<string> nodes, int layout, out PolicyTable? current, out string reference, out string mismatch)
    {
        current = null;
        mismatch = "";
        reference = "the prior (no pushed table is recorded as running on " + string.Join(", ", nodes) + ")";
        var inForce = nodes.Select(n => store.PolicyInForce(n)).ToList();
        if (inForce.All(p => p == null)) return true;
        if (inForce.Any(p => p == null) || inForce.Select(p => p!.TableCrc).Distinct().Count() > 1)
        {
            reference = "the prior (the nodes run different tables: " + string.Join(", ", nodes.Select((n, i) => inForce[i] is { } p ? $"{n} version {p.TableVersion}" : $"{n} its own")) + ")";
            return true;
        }
        ReadingStore.NodePolicy policy = inForce[0]!;
        if (policy.LayoutId != layout)
        {
            mismatch = $"{string.Join(", ", nodes)} run{(nodes.Count == 1 ? "s" : "")} a table of layout {policy.LayoutId} and this configuration trains layout {layout}" +
                (policy.LayoutId == StateEncoder.RtcLayoutId ? " (a node with the event RTC: pass --config with its [rtc] section)" : " (a node without the event RTC: pass its --config, without [rtc])");
            return false;
        }
        byte[]? bytes = store.PolicyTableBytes(policy);
        if (bytes == null || !PolicyTable.TryLoadFor(bytes, bytes.Length, layout, out PolicyTable loaded, out _))
        {
            reference = $"the prior (the table {nodes[0]} runs, version {policy.TableVersion}, is no longer in the store)";
            return true;
        }
        current = loaded;
        reference = $"the table {string.Join(", ", nodes)} run{(nodes.Count == 1 ? "s" : "")} (version {policy.TableVersion}, CRC-32 0x{policy.TableCrc:X8})";
        return true;
    }

    /// <summary>Tables learned on site are versioned by the day their history ends (days since 2020-01-01 + 10000): a new day, a new version.</summary>
    public static uint TableVersionFor(long endUnixSeconds) => (uint)(10_000 + Math.Max(0, (endUnixSeconds - 1_577_836_800) / 86_400));
}
