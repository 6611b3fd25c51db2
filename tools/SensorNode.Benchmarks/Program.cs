using System.Diagnostics;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Simulation;

// Benchmark command (not a test): allocations per policy lookup and per wake, with timings.
// Usage: dotnet run --project tools/SensorNode.Benchmarks -c Release [-- --wakes N]
//        dotnet run --project tools/SensorNode.Benchmarks -c Release -- --train-trace FILE [--days N]
//        [--repeat R] [--safety-first] (time to train a site's table on its first N days of history, default 35,
//        median of R runs, default 3, with train's default ranking (priced) or the safety-first one; issue 16's
//        target is < 15 s)
//        dotnet run --project tools/SensorNode.Benchmarks -c Release -- --occupancy [ROOMS DAYS]
//        (issue 17: ingest, query and export a year of 100 rooms; prints seconds)
//        dotnet run --project tools/SensorNode.Benchmarks -c Release -- --retrain-store [KIND DAYS EPISODES REPEAT]
//        (issue 12: retrain from 5 weeks of one node's stored readings, default office 35 8 5; prints the median
//        wall and CPU seconds)
if (args.Length >= 1 && args[0] == "--retrain-store")
{
    RetrainStoreBenchmark.Run(SensorNode.Simulation.Environment.SyntheticEnvironment.Parse(args.Length >= 2 ? args[1] : "office"),
        args.Length >= 3 ? int.Parse(args[2]) : 35, args.Length >= 4 ? int.Parse(args[3]) : SensorNode.Cli.Deployment.StoreTrainer.SiteEpisodes, args.Length >= 5 ? int.Parse(args[4]) : 5);
    return 0;
}
if (args.Length >= 1 && args[0] == "--occupancy")
{
    OccupancyBenchmark.Run(args.Length >= 2 ? int.Parse(args[1]) : 100, args.Length >= 3 ? int.Parse(args[2]) : 365);
    return 0;
}
if (args.Length >= 2 && args[0] == "--train-trace")
{
    TrainingBenchmark.Run(args[1], OptionValue("--days", 35), OptionValue("--repeat", 3), priced: !args.Contains("--safety-first"));
    return 0;
}
int wakes = args.Length == 2 && args[0] == "--wakes" ? int.Parse(args[1]) : 2000;

Console.WriteLine("SensorNode core benchmark (.NET " + Environment.Version + ", " + Environment.ProcessorCount + " cores)");
Console.WriteLine();

// 1. Policy lookup: encoder + table lookup, the per-wake decision.
PolicyTable table = PolicyTable.BuiltIn();
var observation = new PolicyObservation { SupercapMillivolts = 4200, IlluminanceCentiLux = 30000, HarvestMicrowatts = 150, HourOfDay = 11, BacklogReadings = 3, EventRateMilliPerHour = 2000 };
const int lookups = 1_000_000;
int sink = 0;
for (int i = 0; i < 10_000; i++) sink += Lookup(table, observation, i); // warm-up (JIT)
long before = GC.GetAllocatedBytesForCurrentThread();
var sw = Stopwatch.StartNew();
for (int i = 0; i < lookups; i++) sink += Lookup(table, observation, i);
sw.Stop();
long lookupBytes = GC.GetAllocatedBytesForCurrentThread() - before;
Console.WriteLine($"policy lookup (encode + table): {lookups:N0} lookups, {(double)lookupBytes / lookups:F3} bytes allocated per lookup, {sw.Elapsed.TotalMilliseconds * 1e6 / lookups:F1} ns per lookup (checksum {sink})");

// 2. Whole wakes on simulated hardware, each a reboot (new WakeCycle from flash).
RunWakes("wake, buffering (no radio)", transmit: false);
RunWakes("wake, transmitting every wake", transmit: true);
return 0;

int OptionValue(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}

static int Lookup(PolicyTable table, PolicyObservation obs, int i)
{
    obs.BacklogReadings = i & 31;
    obs.HourOfDay = i % 24;
    int state = StateEncoder.Encode(obs, 3000, 5400);
    PolicyAction a = table.Lookup(state);
    return a.WakeIntervalIndex + (a.Transmit ? 1 : 0);
}

void RunWakes(string label, bool transmit)
{
    var node = new SimulatedNode(new NodeConfig(), 1_727_690_400_000, seed: 7);
    var action = new PolicyAction { WakeIntervalIndex = 2, MotionWakeArmed = true, Transmit = transmit };
    byte[] policy = PolicyTable.FromActionCodes(1, Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray()).Serialize();
    node.Flash.Write(PolicyStore.FileName, 0, policy, 0, policy.Length);
    for (int i = 0; i < 50; i++) { node.Wake(WakeCause.Timer); node.SleepFor(60_000); } // warm-up
    var bytes = new long[wakes];
    var micros = new double[wakes];
    for (int i = 0; i < wakes; i++)
    {
        long b0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        node.Wake(i % 5 == 0 ? WakeCause.Motion : WakeCause.Timer);
        micros[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        bytes[i] = GC.GetAllocatedBytesForCurrentThread() - b0;
        node.SleepFor(60_000);
    }
    Array.Sort(bytes);
    Array.Sort(micros);
    Console.WriteLine($"{label}: {wakes:N0} wakes, median {bytes[wakes / 2]:N0} bytes allocated per wake (p95 {bytes[wakes * 95 / 100]:N0}; includes the simulated devices and broker), median {micros[wakes / 2]:F1} us per wake on the host");
}
