namespace SensorNode.Gateway;

/// <summary>A command queued for a node (commands table): published on "&lt;prefix&gt;/&lt;node&gt;/cmd/&lt;name&gt;" when the node is reachable.</summary>
/// <param name="Id">Queue id, increasing in enqueue order.</param>
/// <param name="NodeId">Target node.</param>
/// <param name="Name">Command name (last topic levels after "cmd/").</param>
/// <param name="Payload">Command payload bytes, as published.</param>
/// <param name="CreatedUnixMs">Enqueue time, Unix ms UTC.</param>
/// <param name="ReleasedUnixMs">Latest time it was published to the node, Unix ms; null while never published.</param>
/// <param name="AcknowledgedUnixMs">First time the node acknowledged it, Unix ms; null while unacknowledged.</param>
public sealed record QueuedCommand(long Id, string NodeId, string Name, byte[] Payload, long CreatedUnixMs, long? ReleasedUnixMs,
    long? AcknowledgedUnixMs);
