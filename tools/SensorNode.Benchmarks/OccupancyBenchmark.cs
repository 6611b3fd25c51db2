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
    public static void Run(int rooms, int days)
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-occupancy-bench-").FullName;
        try
        {
            string path = Path.Combine(folder, "gateway.db");
            const long start = 1_704_067_200; // 2024-01-01
            const int interval = 900;
            int perNode = days * 86_400 / interval;
            var writer = new SenmlWriter(SenmlWriter.CapacityFor(8));
            var random = new Random(17);
            var clock = Stopwatch.StartNew();
            long readings = 0;
            using (ReadingStore store = ReadingStore.Open(path))
            {
                var batch = new List<(DecodedPack, long)>();
                var readingBatch = new Reading[8];
                for (int room = 0; room < rooms; room++)
                {
                    string node = $"room-{room:D3}";
                    store.SetRoom(node, $"room {room:D3}");
                    for (int i = 0; i < perNode; i += 8)
                    {
                        int count = Math.Min(8, perNode - i);
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
                        batch.Add((pack!, now * 1000));
                        readings += count;
                        if (batch.Count == 500) { store.StoreBatch(batch); batch.Clear(); }
                    }
                }
                if (batch.Count > 0) store.StoreBatch(batch);
                double ingest = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"occupancy: ingest {readings:N0} readings of {rooms} rooms x {days} days (decode + store, batches of 500 packs): {ingest:F1} s");

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
                Console.WriteLine($"occupancy: query (read every reading, decide {results.Sum(r => r.Item2.Length):N0} slots, store them): {query:F1} s, of which storing {storing.Elapsed.TotalSeconds:F1} s");

                clock.Restart();
                using (var csv = new StreamWriter(Path.Combine(folder, "occupancy.csv"))) OccupancyCsv.Write(csv, results);
                double export = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"occupancy: export CSV ({new FileInfo(Path.Combine(folder, "occupancy.csv")).Length / 1e6:F0} MB): {export:F1} s");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
