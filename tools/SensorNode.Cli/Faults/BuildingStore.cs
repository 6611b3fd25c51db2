using SensorNode.Gateway;
using SensorNode.Simulation.Building;

namespace SensorNode.Cli.Faults;

/// <summary>
/// What storing a simulated building's readings did. The store keeps one reading per (node, sequence number), so a
/// second run into the same store finds the first run's readings already there: counted in
/// <see cref="AlreadyThere"/>, not in <see cref="Stored"/>.
/// </summary>
/// <param name="Stored">Readings new to the store (including <paramref name="Replaced"/>).</param>
/// <param name="AlreadyThere">Readings whose (node, sequence number) the store held before this run: not stored again.</param>
/// <param name="Replaced">
/// Of <paramref name="Stored"/>: readings whose (node, sequence number) held a different, older reading (another seed or
/// building written into the same store); the old one moved to superseded_readings (docs/gateway.md).
/// </param>
/// <param name="Refused">Messages the gateway's decoder refused.</param>
public sealed record StoredCounts(long Stored, long AlreadyThere, long Replaced, int Refused)
{
    /// <summary>Readings this run delivered: new ones and those already in the store.</summary>
    public long Delivered => Stored + AlreadyThere;

    /// <summary>"N readings stored in DB" plus, when not zero, how many were already there and how many replaced others.</summary>
    public string Describe(string store)
    {
        string text = $"{Stored} readings stored in {store}";
        if (AlreadyThere > 0) text += $", {AlreadyThere} already there (stored before under the same node and sequence number)";
        if (Replaced > 0) text += $", {Replaced} of them replacing different readings stored before under the same node and sequence number (moved to superseded_readings: another building or seed in the same store?)";
        return text;
    }
}

/// <summary>
/// Puts a simulated building's readings into the gateway's store the way the gateway does: every delivered
/// state message through <see cref="SenmlDecoder.TryDecode"/> and <see cref="ReadingStore.StoreBatch"/> (so
/// the detector reads what a deployment stores: irregular, gappy, deduplicated), and each node's room label.
/// </summary>
public static class BuildingStore
{
    /// <summary>Stores the harvesting nodes' messages; returns what was stored, already there, replaced and refused.</summary>
    public static StoredCounts WriteDelivered(BuildingRun run, ReadingStore store, string topicPrefix)
    {
        var counts = new StoredCounts(0, 0, 0, 0);
        int refused = 0;
        foreach (RoomRun room in run.Rooms)
        {
            store.SetRoom(room.NodeId, room.Room.Name);
            var batch = new List<(DecodedPack, long)>();
            foreach (BuildingMessage message in room.Messages)
            {
                if (SenmlDecoder.TryDecode(message.Topic, message.Payload, topicPrefix, message.ArrivedUnixMilliseconds / 1000, out DecodedPack? pack, out _) && pack != null)
                    batch.Add((pack, message.ArrivedUnixMilliseconds));
                else refused++;
            }
            counts = Add(counts, store, batch);
        }
        return counts with { Refused = refused };
    }

    /// <summary>
    /// The reference a wired sensor would give: every room's node reading (air + calibration offset) every
    /// <paramref name="intervalSeconds"/>, stored as if delivered at once.
    /// </summary>
    public static StoredCounts WriteReference(BuildingRun run, ReadingStore store, int intervalSeconds = 300)
    {
        var counts = new StoredCounts(0, 0, 0, 0);
        foreach (RoomRun room in run.Rooms)
        {
            store.SetRoom(room.NodeId, room.Room.Name);
            var batch = new List<(DecodedPack, long)>();
            uint sequence = 1;
            var env = room.Environment;
            for (long t = env.StartUnixSeconds; t < env.EndUnixSeconds; t += intervalSeconds)
            {
                var reading = new DecodedReading(room.NodeId, sequence++, t, Math.Round(env.TemperatureAt(t), 2), null, null, null, null);
                batch.Add((new DecodedPack(room.NodeId, [reading], null), t * 1000));
            }
            counts = Add(counts, store, batch);
        }
        return counts;
    }

    // Stores one room's batch. The store's duplicates are this run's own redeliveries (a message delivered twice: the
    // same (node, seq) again in the batch) and readings stored before the run; only the latter are "already there".
    private static StoredCounts Add(StoredCounts counts, ReadingStore store, List<(DecodedPack Pack, long Received)> batch)
    {
        if (batch.Count == 0) return counts;
        StoreResult result = store.StoreBatch(batch);
        var readings = batch.SelectMany(p => p.Pack.Readings).ToList();
        int redelivered = readings.Count - readings.Select(r => (r.NodeId, r.Sequence)).Distinct().Count();
        return counts with
        {
            Stored = counts.Stored + result.Inserted,
            AlreadyThere = counts.AlreadyThere + Math.Max(0, result.Duplicates - redelivered),
            Replaced = counts.Replaced + result.Reused,
        };
    }
}
