namespace SensorNode.Gateway.Faults;

/// <summary>One room's temperature samples as stored: irregular times, gaps allowed.</summary>
/// <param name="Room">The room label (the node id when the node has no room).</param>
/// <param name="NodeId">The node that measured it.</param>
/// <param name="UnixSeconds">Sample times, Unix s, local-hour convention (see docs/faults.md); any order.</param>
/// <param name="TemperatureCelsius">Temperatures, degC, one per time.</param>
public sealed record RoomSamples(string Room, string NodeId, long[] UnixSeconds, double[] TemperatureCelsius)
{
    /// <summary>
    /// Every node's temperatures from the gateway's store in [from, to] (Unix s, either may be null), one
    /// <see cref="RoomSamples"/> per node, labelled with the node's room when it has one. Readings without a
    /// time or a temperature are left out.
    /// </summary>
    public static IReadOnlyList<RoomSamples> FromStore(ReadingStore store, long? fromUnixSeconds = null, long? toUnixSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rooms = store.Nodes().ToDictionary(n => n.NodeId, n => n.Room);
        return store.Query(fromUnixSeconds: fromUnixSeconds, toUnixSeconds: toUnixSeconds)
            .Where(r => r.UnixSeconds != null && r.TemperatureC is double t && double.IsFinite(t))
            .GroupBy(r => r.NodeId)
            .Select(g => new RoomSamples(rooms.GetValueOrDefault(g.Key) ?? g.Key, g.Key,
                g.Select(r => r.UnixSeconds!.Value).ToArray(), g.Select(r => r.TemperatureC!.Value).ToArray()))
            .OrderBy(r => r.Room, StringComparer.Ordinal)
            .ToList();
    }
}
