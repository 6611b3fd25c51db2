using System.Collections.Concurrent;
using System.Diagnostics;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;
using SensorNode.Gateway;
using SensorNode.Gateway.Occupancy;

/// <summary>
/// Issue 17: ingest, query and export a year of readings of 100 rooms (one node each, a reading every 15 min with its
/// coverage, motion on working hours), through the gateway's real decoder and store, then the occupancy of every room
/// recomputed, stored and exported as CSV. Prints seconds per step.
/// </summary>
internal static class OccupancyBenchmark
{
    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    // CPU seconds since the previous lap: less sensitive than wall time to other jobs on a shared machine.
    private static double Lap(ref double cpuSeconds)
    {
        double now = CpuSeconds();
        double lap = now - cpuSeconds;
        cpuSeconds = now;
        return lap;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string NodeId(int room) => $"room-{room:D3}";

    // The nodes' messages as the gateway receives them, decoded on arrival: in time order across the rooms, each node
    // sending 8 readings every 2 h, so the time index grows at its end as it does in service. Returns the readings sent.
    private static long Receive(int rooms, int perNode, long start, int interval, BlockingCollection<(DecodedPack, long)> arrived)
    {
        var writer = new SenmlWriter(SenmlWriter.CapacityFor(8));
        var random = new Random(17);
        var readingBatch = new Reading[8];
        long readings = 0;
        for (int i = 0; i < perNode; i += 8)
        {
            int count = Math.Min(8, perNode - i);
            for (int room = 0; room < rooms; room++)
            {
                string node = NodeId(room);
                for (int k = 0; k < count; k++)
                {
                    long t = start + (long)(i + k + 1) * interval;
                    long hour = t % 86_400 / 3600;
                    bool working = hour is >= 9 and < 17 && (t / 86_400 + 4) % 7 < 5;
                    readingBatch[k] = new Reading
                    {
                        Sequence = (uint)(i + k + 1), UnixSeconds = t, TemperatureCentiCelsius = 2150, HumidityCentiPercent = 4500,
                        IlluminanceCentiLux = working ? 30000 : 500, SupercapMillivolts = 4100,
                        MotionEvents = working && random.NextDouble() < 0.7 ? 1 : 0, ArmedSeconds = interval - 5,
                    };
                }
                if (!writer.TryEncode(node, readingBatch, count, new EnergyTelemetry())) throw new InvalidOperationException("pack too big");
                long now = start + (long)(i + count) * interval;
                if (!SenmlDecoder.TryDecode($"sensornode/{node}/state", writer.Buffer.AsSpan(0, writer.Length).ToArray(), "sensornode", now + 60,
                    out DecodedPack? pack, out string reason)) throw new InvalidOperationException(reason);
                arrived.Add((pack!, now * 1000));
                readings += count;
            }
        }
        return readings;
    }

    public static void Run(int rooms, int days)
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-occupancy-bench-").FullName;
        try
        {
            string path = Path.Combine(folder, "gateway.db");
            const long start = 1_704_067_200; // 2024-01-01
            const int interval = 900;
            int perNode = days * 86_400 / interval;
            var clock = Stopwatch.StartNew();
            double cpu = CpuSeconds();
            var storingReadings = new Stopwatch();
            long readings = 0;
            using (ReadingStore store = ReadingStore.Open(path))
            {
                for (int room = 0; room < rooms; room++) store.SetRoom(NodeId(room), $"room {room:D3}");
                // As in the gateway service: messages are decoded on arrival (the MQTT receive handler) while the store
                // loop stores the previous batch, so decoding and storing run on two cores; the nodes' SenML encode
                // runs with the decode here (on the nodes in service).
                using var arrived = new BlockingCollection<(DecodedPack, long)>(boundedCapacity: 2000);
                Task receiving = Task.Run(() =>
                {
                    try { readings = Receive(rooms, perNode, start, interval, arrived); }
                    finally { arrived.CompleteAdding(); }
                });
                var batch = new List<(DecodedPack, long)>(500);
                foreach ((DecodedPack, long) message in arrived.GetConsumingEnumerable())
                {
                    batch.Add(message);
                    if (batch.Count == 500) { storingReadings.Start(); store.StoreBatch(batch); storingReadings.Stop(); batch.Clear(); }
                }
                receiving.GetAwaiter().GetResult();
                storingReadings.Start();
                if (batch.Count > 0) store.StoreBatch(batch);
                storingReadings.Stop();
                double ingest = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"occupancy: ingest {readings:N0} readings of {rooms} rooms x {days} days (encode + decode on arrival, store in batches of 500 packs): {ingest:F1} s (CPU {Lap(ref cpu):F1} s), of which storing {storingReadings.Elapsed.TotalSeconds:F1} s; {readings / ingest:N0} readings/s");

                clock.Restart();
                var parameters = new OccupancyParameters();
                var results = new List<(string, OccupancySlot[])>();
                var storing = new Stopwatch();
                foreach ((string room, List<NodeStatus> nodes) in RoomOccupancy.Rooms(store))
                {
                    OccupancySlot[] slots = RoomOccupancy.Compute(store, nodes, null, null, parameters);
                    storing.Start();
                    store.StoreOccupancy(room, slots, 0);
                    storing.Stop();
                    results.Add((room, slots));
                }
                double query = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"occupancy: query (read every reading, decide {results.Sum(r => r.Item2.Length):N0} slots, store them): {query:F1} s (CPU {Lap(ref cpu):F1} s), of which storing {storing.Elapsed.TotalSeconds:F1} s");

                // What an operator and the live gateway do: one room's stored year, and every room's state now.
                var roomQuery = new List<double>();
                var decideNow = new List<double>();
                long end = start + (long)perNode * interval;
                foreach ((string room, List<NodeStatus> nodes) in RoomOccupancy.Rooms(store))
                {
                    var one = Stopwatch.StartNew();
                    int rows = store.QueryOccupancy(room).Count;
                    roomQuery.Add(one.Elapsed.TotalMilliseconds);
                    if (rows == 0) throw new InvalidOperationException("no stored slots");
                    one.Restart();
                    RoomOccupancy.DecideNow(store, nodes, end, parameters);
                    decideNow.Add(one.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine($"occupancy: one room's stored year (`occupancy --room R`): median {Median(roomQuery):F0} ms; one room's state now (live, per message): median {Median(decideNow):F1} ms");

                Lap(ref cpu); // the export's CPU starts here, not at the end of the query
                clock.Restart();
                using (var csv = new StreamWriter(Path.Combine(folder, "occupancy.csv"))) OccupancyCsv.Write(csv, results);
                double export = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"occupancy: export CSV ({new FileInfo(Path.Combine(folder, "occupancy.csv")).Length / 1e6:F0} MB): {export:F1} s (CPU {Lap(ref cpu):F1} s)");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
