using System.CommandLine;
using SensorNode.Core.Telemetry;
using SensorNode.Gateway;
using SensorNode.Gateway.Fleet;

namespace SensorNode.Cli.Fleet;

/// <summary>
/// <c>sensornode fleet update --package DIR --node-list A,B|all --db FILE</c>: queues the package's manifest and chunks for each
/// node in the gateway's database; the running gateway releases them at the nodes' wakes like any command (docs/updates.md).
/// </summary>
public static class FleetUpdateCommand
{
    public static Command Build() => new Command("update", "schedule an application set for nodes: its manifest and chunks queued per node, released at their wakes by the gateway").Options(
        CliOption.Text("--package", "package directory: manifest.json and the .pe files (docs/updates.md)", "DIR").IsRequired(),
        CliOption.Text("--node-list", "comma-separated node ids, or 'all' for every node the gateway has heard from", "ID,ID|all").IsRequired(),
        CliOption.Text("--db", "the gateway's SQLite file", "FILE").IsRequired())
        .WithDetails("""
            A package directory holds manifest.json, e.g.
              {"version": 3, "chunk_bytes": 1024, "assemblies": ["SensorNode.App.pe"]}
            and the .pe files it names, in load order (each must start with nanoCLR's "NFMRK2" marker).
            Scheduling the same version for a node twice queues nothing the second time.
            """).With(Run);

    private static int Run(CommandInput options)
    {
        string db = options.Get("db")!;
        if (!UpdatePackage.TryLoad(options.Get("package")!, out UpdatePackage? package, out string problem)) throw new CommandFailedException(problem);
        if (ReadingStore.IsMissingFile(db)) throw new CommandFailedException($"{db}: not found (the gateway's database)");
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string dbProblem)) throw new CommandFailedException(dbProblem);
        using ReadingStore store = opened!;
        string list = options.Get("node-list")!;
        IReadOnlyList<string> nodes = list == "all"
            ? store.Nodes().Select(n => n.NodeId).Where(NodeIds.IsValid).ToList()
            : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (nodes.Count == 0) throw new UsageException(list == "all" ? "--node-list all: the database knows no node yet" : "--node-list: no node id given");
        foreach (string node in nodes)
        {
            if (!NodeIds.IsValid(node)) throw new UsageException($"--node-list: '{node}' is not a node id ({NodeIds.Rule})");
        }
        // A node listed twice was counted as one that "already had it".
        if (nodes.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new UsageException($"--node-list: {twice.Key} given twice");
        IReadOnlyList<string> scheduled = store.ScheduleUpdate(package!, nodes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        options.Output.WriteLine($"version {package!.Version}: {package.Manifest.ImageBytes} bytes in {package.Manifest.ChunkCount} chunks of {package.Manifest.ChunkBytes}, "
            + $"{package.Files.Count} assemblies; scheduled for {scheduled.Count} node(s)"
            + (scheduled.Count < nodes.Count ? $", {nodes.Count - scheduled.Count} already had it" : ""));
        return CommandLine.Ok;
    }
}
