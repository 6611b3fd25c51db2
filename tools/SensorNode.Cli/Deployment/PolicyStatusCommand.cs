using System.CommandLine;
using System.Globalization;
using SensorNode.Core.Policy;
using SensorNode.Gateway;

namespace SensorNode.Cli.Deployment;

/// <summary>
/// <c>sensornode policy status --db FILE [--node ID]</c>: per node, the table it runs (<see cref="RunningTable"/>: by its
/// newest message, else by the push it last acked as applied), the last push that ended, and the push still waiting: queued until the node reports the
/// release voltage, or released and waiting for its ack (docs/deployment.md "Running the loop on a real site").
/// </summary>
public static class PolicyStatusCommand
{
    public static Command Build() => new Command("status", "per node: the table it runs (by its newest message, else its last ack), the last push and its outcome, the push still waiting").Options(
        CliOption.Text("--db", "the gateway's SQLite file", "FILE").IsRequired(),
        CliOption.Text("--node", "only this node", "ID")).With(Run);

    private static int Run(CommandInput options)
    {
        string db = options.Get("db")!;
        if (ReadingStore.IsMissingFile(db)) throw new CommandFailedException($"{db}: not found (the gateway's database)");
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) throw new CommandFailedException(problem);
        using ReadingStore store = opened!;
        var seen = store.Nodes().ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        IEnumerable<string> nodes = options.Get("node") is { } only ? [only] : seen.Keys.Union(store.PolicyNodes()).Order(StringComparer.Ordinal);
        TextWriter output = options.Output;
        int shown = 0;
        foreach (string node in nodes)
        {
            IReadOnlyList<ReadingStore.PolicyPush> pushes = store.PolicyPushes(node);
            output.WriteLine($"{node}: {RunningTable.Of(store, node).Describe()}");
            if (pushes.LastOrDefault(p => p.Outcome != null) is { } ended)
                output.WriteLine($"  last push: command {ended.CommandId}, version {ended.TableVersion}, {ended.Outcome} {Utc(ended.SettledUnixMs)}");
            var pending = store.PendingCommands(node).Where(c => c.Name == PolicyUpdate.CommandName).ToDictionary(c => c.Id);
            foreach (ReadingStore.PolicyPush p in pushes.Where(p => p.Outcome == null && pending.ContainsKey(p.CommandId)))
                output.WriteLine($"  waiting: command {p.CommandId}, version {p.TableVersion} (CRC-32 0x{p.TableCrc:X8}), queued {Utc(p.QueuedUnixMs)}; " +
                    Waiting(pending[p.CommandId], seen.GetValueOrDefault(node)));
            shown++;
        }
        if (shown == 0) output.WriteLine("(no node in this store)");
        return CommandLine.Ok;
    }

    private static string Waiting(QueuedCommand command, NodeStatus? node)
    {
        if (command.ReleasedUnixMs is long released) return $"released {Utc(released)}, waiting for the node's ack";
        string volts = node?.LastSupercapVolts is double v ? $"last reported {v.ToString("F2", CultureInfo.InvariantCulture)} V" : "no voltage reported yet";
        return $"not released yet: the gateway releases it when the node reports at least its release voltage (4.0 V by default; {volts})";
    }

    private static string Utc(long? unixMs) => unixMs is long ms ? RunningTable.Utc(ms) : "";
}
