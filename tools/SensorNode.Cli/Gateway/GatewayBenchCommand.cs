using System.Globalization;
using System.Text.Json;
using SensorNode.Gateway;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode gateway bench</c>: the throughput run and the paced latency run of <see cref="GatewayBench"/> into a temp
/// SQLite, and with <c>--db postgres://...</c> the same two runs into that PostgreSQL database, printed side by side
/// (docs/gateway-service.md, Bench; docs/scale.md).
/// </summary>
public static class GatewayBenchCommand
{
    // The provisioned listener's unlimited queue, plus what a busy broker needs: with mosquitto 2.0's defaults (20 in
    // flight, Nagle on) the broker fell behind handing 1,000-2,000 messages a second to the gateway and dropped past its
    // 1000-message queue (docs/scale.md, "Bench").
    private const string BrokerConfig = MosquittoBroker.AnonymousAccess + "\nmax_queued_messages 0\nmax_inflight_messages 0\nset_tcp_nodelay true";

    /// <summary>Readings per second the throughput run should reach (docs/gateway-service.md).</summary>
    public const double ThroughputTarget = 20_000;

    /// <summary>p95 publish-to-stored latency the paced run should stay under, ms.</summary>
    public const double LatencyTargetMilliseconds = 50;

    public static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string outDir = options.Get("out") ?? throw new UsageException("--out DIR is required");
        string? postgres = options.Get("db");
        if (postgres != null && !postgres.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--db {postgres}: the bench compares a PostgreSQL database (postgres://user@host:port/database) with its own temp SQLite");
        OutputPaths.PrepareDirectory("out", outDir);
        int readings = options.Int("readings");
        int perMessage = options.Int("per-message");
        double rate = GatewayCommand.GetDouble(options, "rate", 1000, 1, 100_000);
        int pacedSeconds = options.Int("paced-seconds");
        if (postgres != null)
        {
            // Fail before minutes of SQLite runs: the URL must open (and the schema be migrated) now.
            if (!ReadingStore.TryOpen(postgres, out ReadingStore? probe, out string problem)) { error.WriteLine($"sensornode gateway bench: {problem}"); return CommandLine.Failed; }
            probe!.Dispose();
        }

        using MosquittoBroker? broker = MosquittoBroker.TryStart(out string reason, BrokerConfig);
        if (broker == null) { error.WriteLine($"sensornode gateway bench: {reason}"); return CommandLine.Failed; }
        Directory.CreateDirectory(outDir);
        string folder = Directory.CreateTempSubdirectory("sensornode-gateway-bench-").FullName;
        var quiet = new List<string>();
        void Log(string line) { lock (quiet) quiet.Add(line); }
        try
        {
            output.WriteLine($"gateway bench: mosquitto on port {broker.Port}, {System.Environment.ProcessorCount} cores, temp SQLite in {folder}{(postgres == null ? "" : $", PostgreSQL {ReadingStore.RedactedName(postgres)}")}");
            var stores = new List<(string Name, Func<string, ReadingStore> Open, string Tag)> { ("SQLite", GatewayBench.SqliteStores(folder), "") };
            // The run's start in the tags: node ids and prefixes differ from any earlier bench in the same database.
            if (postgres != null) stores.Add(("PostgreSQL", GatewayBench.PostgresStores(postgres), $"pg{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}-"));
            var results = new List<(string Name, GatewayBenchRun Max, GatewayBenchRun Paced)>();
            foreach ((string name, Func<string, ReadingStore> open, string tag) in stores)
            {
                // Warm-up: JIT, the database's first statements and the broker's first connections are not what is measured.
                GatewayBench.ThroughputAsync(broker, open, tag + "warmup", 5000, perMessage, Log).GetAwaiter().GetResult();
                GatewayBenchRun max = GatewayBench.ThroughputAsync(broker, open, tag + "max", readings, perMessage, Log).GetAwaiter().GetResult();
                output.WriteLine($"  {name} throughput: {max.Readings:N0} readings in {max.Messages:N0} messages ({perMessage}/message) in {max.Seconds:F2} s = {max.ReadingsPerSecond:N0} readings/s; lost {max.Lost}, duplicated {max.Duplicated}");
                GatewayBenchRun paced = GatewayBench.PacedAsync(broker, open, tag + "paced", (long)(rate * pacedSeconds), rate, Log).GetAwaiter().GetResult();
                output.WriteLine($"  {name} paced {rate:N0} readings/s for {pacedSeconds} s: latency publish->stored p50 {paced.P50LatencyMilliseconds:F1} ms, p95 {paced.P95LatencyMilliseconds:F1} ms, p99 {paced.P99LatencyMilliseconds:F1} ms; lost {paced.Lost}, duplicated {paced.Duplicated}");
                results.Add((name, max, paced));
            }
            output.WriteLine($"  {"",-34}{string.Concat(results.Select(r => $"{r.Name,14}"))}");
            output.WriteLine($"  {$"readings/s ({perMessage}/message)",-34}{string.Concat(results.Select(r => $"{r.Max.ReadingsPerSecond,14:N0}"))}");
            output.WriteLine($"  {$"p95 ms at {rate:N0} readings/s",-34}{string.Concat(results.Select(r => $"{r.Paced.P95LatencyMilliseconds,14:F1}"))}");
            output.WriteLine($"  {"lost / duplicated",-34}{string.Concat(results.Select(r => $"{$"{r.Max.Lost + r.Paced.Lost} / {r.Max.Duplicated + r.Paced.Duplicated}",14}"))}");
            foreach ((string name, GatewayBenchRun max, GatewayBenchRun paced) in results)
                output.WriteLine($"  {name} targets: >= {ThroughputTarget:N0} readings/s {(max.ReadingsPerSecond >= ThroughputTarget ? "met" : "NOT met")}; p95 < {LatencyTargetMilliseconds:N0} ms at 1,000 readings/s {(paced.P95LatencyMilliseconds < LatencyTargetMilliseconds ? "met" : "NOT met")}");
            if (results.Count == 2)
                output.WriteLine($"  PostgreSQL >= SQLite readings/s at {perMessage}/message: {(results[1].Max.ReadingsPerSecond >= results[0].Max.ReadingsPerSecond ? "met" : "NOT met")} ({results[1].Max.ReadingsPerSecond / results[0].Max.ReadingsPerSecond:P0})");

            (string _, GatewayBenchRun sqliteMax, GatewayBenchRun sqlitePaced) = results[0];
            var figures = new Dictionary<string, object?>
            {
                ["cores"] = System.Environment.ProcessorCount,
                ["readings_per_second"] = sqliteMax.ReadingsPerSecond,
                ["readings_per_message"] = perMessage,
                ["messages_per_second"] = sqliteMax.Messages / sqliteMax.Seconds,
                ["lost"] = sqliteMax.Lost + sqlitePaced.Lost,
                ["duplicated"] = sqliteMax.Duplicated + sqlitePaced.Duplicated,
                ["redelivered_duplicates"] = sqliteMax.RedeliveredDuplicates + sqlitePaced.RedeliveredDuplicates,
                ["p95_latency_ms"] = sqlitePaced.P95LatencyMilliseconds,
                ["paced_rate"] = rate,
                ["throughput_run"] = sqliteMax,
                ["paced_run"] = sqlitePaced,
            };
            if (results.Count == 2)
            {
                (string _, GatewayBenchRun pgMax, GatewayBenchRun pgPaced) = results[1];
                figures["postgres"] = new Dictionary<string, object?>
                {
                    ["readings_per_second"] = pgMax.ReadingsPerSecond,
                    ["messages_per_second"] = pgMax.Messages / pgMax.Seconds,
                    ["lost"] = pgMax.Lost + pgPaced.Lost,
                    ["duplicated"] = pgMax.Duplicated + pgPaced.Duplicated,
                    ["p95_latency_ms"] = pgPaced.P95LatencyMilliseconds,
                    ["throughput_run"] = pgMax,
                    ["paced_run"] = pgPaced,
                };
            }
            string path = Path.Combine(outDir, "bench.json");
            File.WriteAllText(path, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            output.WriteLine($"  wrote {path}");
            lock (quiet) foreach (string line in quiet.Where(l => !l.StartsWith("connected", StringComparison.Ordinal) && !l.StartsWith("stopped", StringComparison.Ordinal))) output.WriteLine("  gateway: " + line);
            return CommandLine.Ok;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
