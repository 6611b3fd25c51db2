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
        // One window for all: the whole days (the site's, by --config's utc_offset_minutes) the nodes' readings cover together
        // before the day in progress, or the last --days of them.
        long start, end;
        try { (start, end) = StoreTrainer.Window(stored.SelectMany(n => n.Readings).OrderBy(r => r.UnixSeconds).ToList(), days, config.UtcOffsetMinutes * 60); }
        catch (ArgumentException e) { options.Error.WriteLine($"sensornode train: {db}: {e.Message}"); return CommandLine.Failed; }
        var windowed = stored.Select(n => (n.Name, (IReadOnlyList<HistoryReading>)n.Readings.Where(r => r.UnixSeconds >= start && r.UnixSeconds < end).ToList())).ToList();
        for (int i = 0; i < nodes.Length; i++)
        {
            if (windowed[i].Item2.Count == 0) { options.Error.WriteLine($"sensornode train: {db}: node {nodes[i]} has no stored reading in the {(end - start) / 86_400} whole days learned from (before the day in progress)"); return CommandLine.Failed; }
        }
        int layout = config.RtcFitted ? StateEncoder.RtcLayoutId : StateEncoder.LayoutId;
        if (!TryTableInForce(store, nodes, layout, out PolicyTable? current, out string reference, out string mismatch, out IReadOnlyList<string> notes))
        {
            options.Error.WriteLine($"sensornode train: {db}: {mismatch}");
            return CommandLine.Failed;
        }
        foreach (string note in notes) options.Output.WriteLine($"note: {note}");
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
        options.Output.WriteLine($"wrote {outPath}: version {trained.Table.Version}, {bytes.Length} bytes, CRC-32 0x{PolicyTable.SerializedCrc(bytes):X8}");
        return CommandLine.Ok;
    }

    /// <summary>
    /// The table the nodes run (<see cref="RunningTable"/>: by their newest report, else by their last ack), when they all
    /// run the same one and it is of <paramref name="layout"/>: the gate's reference, as in the simulated deployment. Null
    /// (the frugal prior is the reference) when they run the prior, a table the store cannot produce, or different tables.
    /// False when they run another layout than the one the configuration trains for (a node with the event RTC needs
    /// --config with its [rtc] section). <paramref name="notes"/>: nodes whose ack record is stale.
    /// </summary>
    public static bool TryTableInForce(ReadingStore store, IReadOnlyList<string> nodes, int layout, out PolicyTable? current, out string reference, out string mismatch,
        out IReadOnlyList<string> notes)
    {
        current = null;
        mismatch = "";
        reference = "";
        List<RunningTable> running = nodes.Select(n => RunningTable.Of(store, n)).ToList();
        notes = running.Where(r => r.AckIsStale).Select(r => $"{r.NodeId} {r.Describe()}").ToList();
        string names = string.Join(", ", nodes);
        if (running.FirstOrDefault(r => r.LayoutId is int l && l != layout) is { } other)
        {
            mismatch = $"{other.NodeId} runs a table of layout {other.LayoutId} and this configuration trains layout {layout}" +
                (other.LayoutId == StateEncoder.RtcLayoutId ? " (a node with the event RTC: pass --config with its [rtc] section)" : " (a node without the event RTC: pass its --config, without [rtc])");
            return false;
        }
        if (running.All(r => r.Kind == RunningTable.Unknown && r.ReportedVersion == null))
        {
            reference = $"the prior (no pushed table is recorded as running on {names})";
            return true;
        }
        if (running.All(r => r.Kind == RunningTable.Prior))
        {
            reference = $"the prior ({names} report{(nodes.Count == 1 ? "s" : "")} running it, version {running[0].ReportedVersion})";
            return true;
        }
        List<PolicyTable?> tables = running.Select(r => r.Load(store, layout)).ToList();
        if (tables.Any(t => t == null) || tables.Select(t => PolicyTable.SerializedCrc(t!.Serialize())).Distinct().Count() > 1)
        {
            reference = nodes.Count == 1
                ? $"the prior ({nodes[0]} {running[0].Describe()}; the store cannot produce that table)"
                : "the prior (the nodes run different tables: " + string.Join(", ", running.Select(r => $"{r.NodeId} {Short(r)}")) + ")";
            return true;
        }
        current = tables[0];
        reference = $"the table {names} run{(nodes.Count == 1 ? "s" : "")} ({Short(running[0])}, CRC-32 0x{PolicyTable.SerializedCrc(current!.Serialize()):X8})";
        return true;
    }

    // "version N", "version N (built-in)", "its own" (nothing reported nor pushed).
    private static string Short(RunningTable r) => r.Kind switch
    {
        RunningTable.Pushed => $"version {r.Push?.TableVersion ?? r.Acked!.TableVersion}",
        RunningTable.Unknown when r.ReportedVersion == null => "its own",
        _ => $"version {r.ReportedVersion} ({r.Kind})",
    };

    /// <summary>Tables learned on site are versioned by the day their history ends (days since 2020-01-01 + 10000): a new day, a new version.</summary>
    public static uint TableVersionFor(long endUnixSeconds) => (uint)(10_000 + Math.Max(0, (endUnixSeconds - 1_577_836_800) / 86_400));
}
