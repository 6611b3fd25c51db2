using System.CommandLine;
using SensorNode.Core.Telemetry;
using SensorNode.Gateway;
using SensorNode.Gateway.Policies;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// <c>sensornode policy push --db FILE --node ID --policy FILE</c>: queues a table as the node's retained policy command
/// in the gateway's store (the running gateway releases it above its safe voltage and records the node's ack).
/// </summary>
public static class PolicyPushCommand
{
    public static Command Build() => new Command("push", "queue a policy table for a node in the gateway's store (released as the retained policy command; the node's ack records it as the table it runs)").Options(
        CliOption.Text("--db", "the gateway's SQLite file", "FILE").IsRequired(),
        CliOption.Text("--node", "the node to send it to", "ID").IsRequired(),
        CliOption.Text("--policy", "the table (policy.bin from `sensornode train`)", "P").IsRequired()).With(Run);

    private static int Run(CommandInput options)
    {
        string db = options.Get("db")!, node = options.Get("node")!, path = options.Get("policy")!;
        // A command queued under an id no node can have is never released; a --db that does not exist would be created
        // empty and hold the command where no gateway looks.
        if (!NodeIds.IsValid(node)) throw new UsageException($"--node: '{node}' is not a node id ({NodeIds.Rule})");
        if (!File.Exists(path)) { options.Error.WriteLine($"sensornode policy push: {path}: not found"); return CommandLine.Failed; }
        byte[] table = File.ReadAllBytes(path);
        if (!PolicyPusher.TryValidate(table, out _, out string invalid)) { options.Error.WriteLine($"sensornode policy push: {path}: {invalid}"); return CommandLine.Failed; }
        if (ReadingStore.IsMissingFile(db)) { options.Error.WriteLine($"sensornode policy push: {db}: not found (the gateway's database)"); return CommandLine.Failed; }
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) { options.Error.WriteLine($"sensornode policy push: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        if (store.GetNode(node) == null)
            options.Error.WriteLine($"sensornode policy push: note: {node} has not been seen by this gateway; the command waits for its first message (nodes: {string.Join(", ", store.Nodes().Select(n => n.NodeId).Order(StringComparer.Ordinal).Take(20))})");
        RunningTable running = RunningTable.Of(store, node);
        if (running.Kind == RunningTable.Pushed && running.Push is { } same && same.TableCrc == SensorNode.Core.Policy.PolicyTable.SerializedCrc(table))
            options.Error.WriteLine($"sensornode policy push: note: {node} already runs this table (version {same.TableVersion}, CRC-32 0x{same.TableCrc:X8}); queued anyway");
        long id = PolicyPusher.Queue(store, node, table, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out string error);
        if (id < 0) { options.Error.WriteLine($"sensornode policy push: {path}: {error}"); return CommandLine.Failed; }
        ReadingStore.PolicyPush push = store.PolicyPushes(node).Single(p => p.CommandId == id);
        options.Output.WriteLine($"queued command {id} for {node}: table version {push.TableVersion}, layout {push.LayoutId}, CRC-32 0x{push.TableCrc:X8}");
        foreach (ReadingStore.PolicyPush replaced in store.PolicyPushes(node).Where(p => p.Outcome == ReadingStore.PolicySupersededBy(id)))
            options.Output.WriteLine($"replaces command {replaced.CommandId} (table version {replaced.TableVersion}), queued but not yet released to {node}");
        options.Output.WriteLine($"until it acks this one, {node} {running.Describe()}");
        return CommandLine.Ok;
    }
}
