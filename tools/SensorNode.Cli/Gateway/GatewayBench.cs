using System.Collections.Concurrent;
using System.Diagnostics;
using SensorNode.Gateway;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli;

/// <summary>Figures of one bench run.</summary>
public sealed record GatewayBenchRun(long Readings, long Messages, double Seconds, double ReadingsPerSecond, long Lost, long Duplicated,
    long RedeliveredDuplicates, double? P50LatencyMilliseconds, double? P95LatencyMilliseconds, double? P99LatencyMilliseconds);

/// <summary>
/// <c>sensornode gateway bench</c>: a private mosquitto on loopback, several node-like QoS 1 publishers sending core
/// SenML packs, one <see cref="GatewayService"/> storing into a temp SQLite, or a PostgreSQL database (docs/scale.md). Run 1 measures the maximum throughput
/// (closed loop: publishers stay at most <see cref="Window"/> messages ahead of the gateway, so the broker's queue
/// limit of 1000 is never what drops a message); run 2 paces publishes at a fixed rate and measures publish-to-commit latency.
/// </summary>
public static class GatewayBench
{
    /// <summary>Messages the publishers may be ahead of the gateway in the throughput run.</summary>
    public const int Window = 400;

    private const int Publishers = 4;
    private const int Nodes = 40;
    private const long NewestUnixSeconds = 1_767_225_600; // 2026-01-01T00:00:00Z: in the past, so no future-time rejects

    /// <summary>
    /// Runs the closed-loop throughput run: <paramref name="readings"/> readings in packs of <paramref name="perMessage"/>
    /// (1 to 8), over <see cref="Nodes"/> node ids, each node's sequence split across the publishers.
    /// </summary>
    public static async Task<GatewayBenchRun> ThroughputAsync(MosquittoBroker broker, Func<string, ReadingStore> open, string tag, long readings, int perMessage, Action<string> log)
    {
        return await RunAsync(broker, open, tag, readings, perMessage, rate: null, log).ConfigureAwait(false);
    }

    /// <summary>Paced run at <paramref name="readingsPerSecond"/>, one reading per message; reports the latency percentiles.</summary>
    public static async Task<GatewayBenchRun> PacedAsync(MosquittoBroker broker, Func<string, ReadingStore> open, string tag, long readings, double readingsPerSecond, Action<string> log)
    {
        return await RunAsync(broker, open, tag, readings, 1, readingsPerSecond, log).ConfigureAwait(false);
    }

    /// <summary>A store per run in a temp SQLite file of <paramref name="folder"/>.</summary>
    public static Func<string, ReadingStore> SqliteStores(string folder) => tag => ReadingStore.Open(Path.Combine(folder, $"bench-{tag}.db"));

    /// <summary>
    /// A store per run in PostgreSQL database <paramref name="url"/>, as building "bench-TAG" (a named store counts only
    /// its own rows; the tags carry the run's start time, so an earlier bench's rows are never this one's duplicates).
    /// </summary>
    public static Func<string, ReadingStore> PostgresStores(string url) => tag => ReadingStore.Open(url, $"bench-{tag}");

    private static async Task<GatewayBenchRun> RunAsync(MosquittoBroker broker, Func<string, ReadingStore> open, string tag, long readings, int perMessage, double? rate, Action<string> log)
    {
        using ReadingStore store = open(tag);
        var options = new GatewayOptions
        {
            Host = "127.0.0.1", Port = broker.Port, ClientId = $"bench-gateway-{tag}", Group = $"bench-{tag}",
            // Own prefix per run: an earlier run's session, offline but unexpired, would otherwise keep taking its
            // share of the stream (mosquitto queues shared-subscription messages for offline members, up to 1000).
            Prefix = $"bench-{tag}",
            SessionExpirySeconds = 60,
        };
        long messages = (readings + perMessage - 1) / perMessage;
        var published = new ConcurrentDictionary<(string, uint), long>();
        var latencies = new ConcurrentBag<double>();
        await using var gateway = new GatewayService(options, store, log: log);
        if (rate != null)
        {
            gateway.BatchCommitted += (packs, _) =>
            {
                long now = Stopwatch.GetTimestamp();
                foreach (DecodedPack pack in packs)
                    foreach (DecodedReading reading in pack.Readings)
                        if (published.TryRemove((pack.NodeId, reading.Sequence), out long start))
                            latencies.Add(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
            };
        }
        await gateway.StartAsync().ConfigureAwait(false);

        var publishers = new QosPublisher[Publishers];
        for (int p = 0; p < Publishers; p++) publishers[p] = await QosPublisher.ConnectAsync("127.0.0.1", broker.Port, $"bench-{tag}-pub-{p}").ConfigureAwait(false);
        // Every node's messages in sequence order, dealt round-robin to the publishers: several publishers per node id.
        var plan = new List<(string Topic, string Node, uint First, int Count)>((int)messages);
        var nextSequence = new uint[Nodes];
        long remaining = readings;
        for (long m = 0; m < messages; m++)
        {
            int node = (int)(m % Nodes);
            int count = (int)Math.Min(perMessage, remaining);
            remaining -= count;
            string id = $"bench-{tag}-{node:D2}";
            plan.Add(($"bench-{tag}/{id}/state", id, nextSequence[node] + 1, count));
            nextSequence[node] += (uint)count;
        }
        byte[][] payloads = plan.Select(p => SenmlPacks.Encode(p.Node, p.First, p.Count, NewestUnixSeconds)).ToArray();

        var inFlight = new List<Task<bool>>((int)messages);
        var watch = Stopwatch.StartNew();
        for (int m = 0; m < plan.Count; m++)
        {
            if (rate is double r)
            {
                // Paced: message m is due at m / r seconds; sleep in ~1 ms steps rather than spin on two cores.
                double dueMs = m * 1000.0 / r;
                while (watch.Elapsed.TotalMilliseconds < dueMs) await Task.Delay(1).ConfigureAwait(false);
                published[(plan[m].Node, plan[m].First)] = Stopwatch.GetTimestamp();
            }
            else
            {
                while (m - gateway.Counters.Received > Window) await Task.Delay(1).ConfigureAwait(false);
            }
            inFlight.Add(await publishers[m % Publishers].StartPublishAsync(plan[m].Topic, payloads[m]).ConfigureAwait(false));
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
        long acknowledgedByBroker = inFlight.Count(t => t.Result);

        // Done when every reading is committed, or nothing moved for 5 s.
        long last = -1;
        var idle = Stopwatch.StartNew();
        while (gateway.Counters.Stored + gateway.Counters.Duplicates < readings && idle.ElapsedMilliseconds < 5000)
        {
            long now = gateway.Counters.Stored;
            if (now != last) { last = now; idle.Restart(); }
            await Task.Delay(2).ConfigureAwait(false);
        }
        double seconds = watch.Elapsed.TotalSeconds;
        foreach (QosPublisher publisher in publishers) await publisher.DisposeAsync().ConfigureAwait(false);
        await gateway.StopAsync().ConfigureAwait(false);

        long storedRows = store.ReadingCount();
        long distinct = store.Query().Select(s => (s.NodeId, s.Sequence)).Distinct().LongCount();
        if (acknowledgedByBroker != messages) log($"{messages - acknowledgedByBroker} publishes got no PUBACK from the broker");
        log($"run {tag}: {gateway.Counters}");
        int drops = broker.ReadLog().Split('\n').Count(line => line.Contains("dropped", StringComparison.OrdinalIgnoreCase));
        if (drops > 0) log($"run {tag}: the broker log reports dropped messages {drops} times: " + string.Join(" / ", broker.ReadLog().Split('\n').Where(line => line.Contains("dropped", StringComparison.OrdinalIgnoreCase)).Take(3)));
        double[] sorted = latencies.OrderBy(l => l).ToArray();
        return new GatewayBenchRun(readings, messages, seconds, storedRows / seconds, readings - distinct, storedRows - distinct,
            gateway.Counters.Duplicates, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99));
    }

    private static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
