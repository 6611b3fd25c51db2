using SensorNode.Gateway;
using SensorNode.Simulation.Building;

namespace SensorNode.Cli.Faults;

/// <summary>
/// Puts a simulated building's readings into the gateway's store the way the gateway does: every delivered
/// state message through <see cref="SenmlDecoder.TryDecode"/> and <see cref="ReadingStore.StoreBatch"/> (so
/// the detector reads what a deployment stores: irregular, gappy, deduplicated), and each node's room label.
/// </summary>
public static class BuildingStore
{
    /// <summary>Stores the harvesting nodes' messages; returns (readings stored, messages the decoder refused).</summary>
    public static (long Stored, int Refused) WriteDelivered(BuildingRun run, ReadingStore store, string topicPrefix)
    {
        long stored = 0;
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
            if (batch.Count > 0) stored += store.StoreBatch(batch).Inserted;
        }
        return (stored, refused);
    }

    /// <summary>
    /// The reference a wired sensor would give: every room's node reading (air + calibration offset) every
    /// <paramref name="intervalSeconds"/>, stored as if delivered at once.
    /// </summary>
    public static long WriteReference(BuildingRun run, ReadingStore store, int intervalSeconds = 300)
    {
        long stored = 0;
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
            stored += store.StoreBatch(batch).Inserted;
        }
        return stored;
    }
}
