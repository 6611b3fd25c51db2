using SensorNode.Core.Update;

namespace SensorNode.Gateway.Fleet;

/// <summary>
/// What the gateway does with a node's ack of an update command (docs/updates.md): progress into fleet_nodes, a refused
/// manifest withdraws the set's chunks, and a chunk refused as damaged (or unwritable) is queued again
/// (<see cref="UpdateCommands.Refetch"/>, the rule the simulator's gateway follows too).
/// </summary>
public static class FleetAcks
{
    /// <summary>Records the ack of <paramref name="command"/>; true when it was an update command (the caller then releases the next).</summary>
    public static bool Record(ReadingStore store, QueuedCommand command, string? rejected, long nowUnixMs)
    {
        if (command.Name == UpdateCommands.ManifestCommand)
        {
            long version = UpdateManifest.TryParse(command.Payload, 0, command.Payload.Length, out UpdateManifest? m, out _) ? m!.Version : 0;
            store.RecordManifestAck(command.NodeId, version, rejected, nowUnixMs);
            return true;
        }
        if (command.Name != UpdateCommands.ChunkCommand) return false;
        if (UpdateCommands.TryReadChunkHeader(command.Payload, 0, command.Payload.Length, out uint chunkVersion, out _))
            store.RecordChunkAck(command.NodeId, chunkVersion, rejected, nowUnixMs);
        if (rejected != null && UpdateCommands.Refetch(rejected))
            store.EnqueueCommand(command.NodeId, command.Name, command.Payload, nowUnixMs);
        return true;
    }
}
