namespace SensorNode.Gateway;

/// <summary>One row of the nodes table (docs/gateway.md): what the gateway last heard from a node.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Room">Room name set with <see cref="ReadingStore.SetRoom"/>; null when unassigned.</param>
/// <param name="LastSeenUnixMs">Receive time of the node's latest state or availability message, Unix ms UTC; 0 when never heard.</param>
/// <param name="Availability">"online", "sleeping" or "lost"; null before the first availability message.</param>
/// <param name="NextWakeUnixSeconds">Expected next wake (receive time + announced sleep), Unix s; null unless sleeping.</param>
/// <param name="LastSupercapVolts">Supercap voltage of the newest reading that had one, V.</param>
/// <param name="LastStoredJoules">Stored energy of the newest pack with energy records, J.</param>
/// <param name="DroppedReadings">The node's count of readings lost to a full log (newest pack with energy records).</param>
public sealed record NodeStatus(string NodeId, string? Room, long LastSeenUnixMs, string? Availability, long? NextWakeUnixSeconds,
    double? LastSupercapVolts, double? LastStoredJoules, long? DroppedReadings)
{
    /// <summary>The building of the gateway that last wrote the node ("" when not named; docs/scale.md).</summary>
    public string Building { get; init; } = "";

    /// <summary>
    /// The policy table version the node's newest message with one names (SenML <c>policy</c>): the table that decided that
    /// wake, whatever the acks say; null before firmware that sends it.
    /// </summary>
    public uint? PolicyVersion { get; init; }
}
