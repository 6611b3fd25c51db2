using System.Collections;
using System.Globalization;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Network;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode simulate</c>: runs the real core on simulated nodes. With no options: one node, 14 days of
/// the synthetic office, the default hardware profile and the built-in policy; output in ./sim-out.
/// </summary>
public static class SimulateCommand
{
    public const string Help = """
        usage: sensornode simulate [options]

        environment (one of):
          --trace FILE           light and motion from a trace: Pible '|' format or CSV (timestamp,lux[,pir][,temp_c])
          --environment KIND     synthetic: office (default), corridor, window-side
        run:
          --days N               days to simulate (synthetic: default 14; trace: default all, else its first N days)
          --start YYYY-MM-DD     first day of a synthetic environment (default 2024-09-30, a Monday)
          --nodes N              fleet size: N nodes in parallel, each with its own seed (default 1)
          --seed N               seed of everything random: synthetic building, ADC noise, faults (default 1)
        node:
          --policy P             built-in (default), a table file from `sensornode train`, or fixed:<interval> (e.g. fixed:5m)
          --profile FILE         hardware profile JSON (default: the embedded reference design)
          --config FILE          the node's nf.config (default: the built-in defaults, same as the repository's nf.config)
          --broker URL           publish through a real MQTT broker (mqtt://[user:pass@]host[:port], mqtts://...) instead of the
                                 in-process one; delivered = acknowledged by that broker (slow: real network I/O per publish)
          --faults SPEC          e.g. i2c-nack=0.01,crc=0.01,wifi=0.05,broker-down=0.02,no-ack=0.02,brownout-tx=0.01,flash-cut=0.001
        output:
          --out DIR              folder for metrics.json and the plots (default sim-out)
          --quiet                no progress and no table
          --json                 print metrics.json to standard output instead of the table (for scripts)
          --no-plots             skip the PNG plots
        """;

    private static readonly string[] Valued = { "trace", "environment", "days", "start", "nodes", "seed", "policy", "profile", "config", "faults", "out", "broker" };
    private static readonly string[] Flags = { "quiet", "json", "no-plots", "help" };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Options(args, Valued, Flags);
        if (options.Has("help"))
        {
            output.WriteLine(Help);
            return CommandLine.Ok;
        }
        bool quiet = options.Has("quiet") || options.Has("json");
        int seed = options.GetInt("seed", 1, int.MinValue, int.MaxValue);
        int nodes = options.GetInt("nodes", 1, 1, 100_000);
        string outDir = options.Get("out") ?? "sim-out";

        NodeConfig config = LoadConfig(options.Get("config"));
        HardwareProfile profile = LoadProfile(options.Get("profile"));
        HardwareConsistency.Check(config, options.Get("config"), profile); // one supercap in both: a mismatch is refused
        PolicySpec policy = ParsePolicy(options.Get("policy") ?? "built-in", config);
        string faults = options.Get("faults") ?? "";
        try { _ = new FaultPlan(faults, seed); }
        catch (FormatException e) { throw new UsageException(e.Message); }
        Func<int, EnvironmentTrace> environmentFor = EnvironmentFor(options, seed);
        EnvironmentTrace first = environmentFor(0);
        OutputPaths.PrepareDirectory("out", outDir);

        if (!quiet)
        {
            error.WriteLine($"simulating {nodes} node(s) x {first.DayCount} day(s) of '{first.Name}', policy {policy.Name}, profile {profile.Name}, seed {seed}");
            if (first.Diagnostics.SkippedCount > 0) error.WriteLine(first.Diagnostics.Summary());
        }
        var setup = new SimulationSetup
        {
            Config = config, Profile = profile, Environment = first, Policy = policy, FaultSpec = faults, Seed = seed,
            MqttFactory = BrokerFactory(options.Get("broker"), config), Service = ServiceTargets.FromConfig(config),
        };
        if (options.Get("broker") is { } brokerUrl && !BrokerReachable(brokerUrl, out string unreachable))
        {
            error.WriteLine($"sensornode simulate: --broker {brokerUrl}: {unreachable}");
            return CommandLine.Failed;
        }
        var progress = quiet ? null : new ProgressLine(error);
        FleetResult result = FleetSimulator.Run(setup, nodes, i => i == 0 ? first : environmentFor(i), progress == null ? null : progress.Report);
        progress?.Done();
        // utility's brown-out floor: the least-spending policy on the same nodes and environments (in-process broker).
        var floorSetup = new SimulationSetup
        {
            Config = config, Profile = profile, Environment = first, FaultSpec = faults, Seed = seed, Service = setup.Service,
            PolicyFactory = _ => new LeastSpendingPolicy(config.LogCapacityReadings),
        };
        long floor = FleetSimulator.Run(floorSetup, nodes, i => i == 0 ? first : environmentFor(i)).Metrics.Brownouts;
        ServiceMetrics.Score(result.Metrics, floor, setup.Service);

        Directory.CreateDirectory(outDir);
        string metricsPath = Path.Combine(outDir, "metrics.json");
        MetricsJson.Write(metricsPath, result.Metrics);
        var written = new List<string> { metricsPath };
        if (!options.Has("no-plots") && result.Timeline != null) written.AddRange(Plots.Render(outDir, result.Timeline, result.Metrics));
        // Occupancy of node 0 against its environment's truth (docs/occupancy.md).
        Occupancy.OccupancyRuns.Write(outDir, [new Occupancy.OccupancyRun(policy.Name, first, result.Readings)], new(), new());
        written.Add(Path.Combine(outDir, "occupancy.json"));
        if (Occupancy.OccupancyRuns.WriteTruth(outDir, first, new Gateway.Occupancy.OccupancyParameters().SlotSeconds) is { } truth) written.Add(truth);

        if (options.Has("json")) output.WriteLine(MetricsJson.Serialize(result.Metrics));
        else if (!options.Has("quiet"))
        {
            output.WriteLine(SummaryTable.Render(result.Metrics));
            output.WriteLine("wrote " + string.Join(", ", written));
        }
        long unaccounted = UnaccountedBeyondDropped(result.UnaccountedReadings, result.Metrics.ReadingsDropped);
        if (unaccounted > 0)
        {
            error.WriteLine($"warning: {unaccounted} reading(s) neither delivered, pending nor counted as dropped");
        }
        return CommandLine.Ok;
    }

    /// <summary>
    /// Readings not delivered and not pending are lost silently only beyond those the node counted as dropped (its log
    /// overflowed): the per-sequence count includes the dropped ones, so the warning subtracts them.
    /// </summary>
    internal static long UnaccountedBeyondDropped(long notDeliveredNorPending, long dropped) => Math.Max(0, notDeliveredNorPending - dropped);

    // One MQTT connect before the run: an unreachable broker is an error (exit 1), not a run with 0 delivered.
    private static bool BrokerReachable(string url, out string problem)
    {
        problem = "";
        using var session = new RealBrokerSession(BrokerUrl.Parse(url));
        string id = "sensornode-simulate-probe-" + System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        if (session.Connect(id, "sensornode/" + id + "/availability", "lost", 5000))
        {
            session.Disconnect();
            return true;
        }
        problem = "cannot connect: " + (session.LastError ?? "no CONNACK");
        return false;
    }

    /// <summary>--broker: each node gets its own session to the real broker, its client id made unique per node.</summary>
    private static Func<SimulatedLink, SimulatedClock, SimulatedBroker, IMqttSession>? BrokerFactory(string? url, NodeConfig config)
    {
        if (url == null) return null;
        BrokerUrl parsed;
        try { parsed = BrokerUrl.Parse(url); }
        catch (FormatException e) { throw new UsageException("--broker: " + e.Message); }
        return (link, clock, recorder) => new AcknowledgedTee(new RealBrokerSession(parsed), recorder, link, clock);
    }

    /// <summary>--config: nf.config parsed and checked (its [service] section included); absent: the defaults.</summary>
    internal static NodeConfig LoadConfig(string? path)
    {
        if (path == null) return new NodeConfig();
        string text = ConfigFileText.Read(path, "--config " + path);
        var errors = new ArrayList();
        NodeConfig config = ConfigParser.Parse(text, path, errors);
        if (errors.Count > 0) throw new UsageException("the node configuration has errors:\n  " + string.Join("\n  ", errors.Cast<object>()));
        return config;
    }

    internal static HardwareProfile LoadProfile(string? path)
    {
        try { return path == null ? HardwareProfile.Default() : HardwareProfile.Load(path); }
        catch (ProfileException e) { throw new UsageException(e.Message); }
    }

    private static PolicySpec ParsePolicy(string text, NodeConfig config)
    {
        try { return PolicySpec.Parse(text, config); }
        catch (Exception e) when (e is FormatException or IOException) { throw new UsageException(e.Message); }
    }

    /// <summary>Node i's environment: a shared trace, or a synthetic building drawn with seed (seed, i).</summary>
    internal static Func<int, EnvironmentTrace> EnvironmentFor(Options options, int seed)
    {
        string? trace = options.Get("trace");
        int? days = options.Has("days") ? options.GetInt("days", 14, 1, 36_500) : null;
        if (trace != null)
        {
            if (options.Has("environment")) throw new UsageException("give --trace or --environment, not both");
            if (options.Has("start")) throw new UsageException("--start applies to synthetic environments; a trace has its own dates");
            EnvironmentTrace loaded;
            try { loaded = TraceReader.Read(trace); }
            catch (TraceFormatException e) { throw new UsageException(e.Message); }
            if (days is int d && d < loaded.DayCount) loaded = loaded.Slice(0, d - 1);
            return _ => loaded;
        }
        SyntheticProfileKind kind;
        try { kind = SyntheticEnvironment.Parse(options.Get("environment") ?? "office"); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        int n = days ?? 14;
        long start = ParseStart(options.Get("start") ?? "2024-09-30", n);
        return i => SyntheticEnvironment.Generate(kind, start, n, unchecked(seed * 31 + i));
    }

    // The node keeps Unix time in 32 unsigned bits: the run must lie between 1970-01-01 and 2106-02-07.
    private static long ParseStart(string text, int days)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime date))
            throw new UsageException($"--start: expected YYYY-MM-DD, got '{text}'");
        long start = new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeSeconds();
        if (start < 0 || start + (days + 1L) * 86_400 > uint.MaxValue)
            throw new UsageException($"--start {text}: the {days}-day run must lie between 1970-01-01 and 2106-02-07 (the node's 32-bit Unix time)");
        return start;
    }
}

/// <summary>One progress line on standard error, rewritten at most twice a second.</summary>
internal sealed class ProgressLine(TextWriter error)
{
    private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
    private long _lastMs = -1000;
    private readonly object _gate = new();

    // On a terminal the line is rewritten in place; redirected (CI, scripts) it is printed every 10 s instead.
    private readonly bool _terminal = !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error);

    public void Report(double fraction)
    {
        lock (_gate)
        {
            if (_since.ElapsedMilliseconds - _lastMs < (_terminal ? 500 : 10_000)) return;
            if (!_terminal)
            {
                if (_since.ElapsedMilliseconds < 10_000) return;
                _lastMs = _since.ElapsedMilliseconds;
                error.WriteLine($"  {fraction * 100,5:F1}% simulated, {_since.Elapsed.TotalSeconds:F1} s");
                return;
            }
            _lastMs = _since.ElapsedMilliseconds;
            error.Write($"\r  {fraction * 100,5:F1}% simulated, {_since.Elapsed.TotalSeconds:F1} s");
        }
    }

    public void Done()
    {
        lock (_gate) error.WriteLine($"{(_terminal ? "\r" : "")}  100.0% simulated, {_since.Elapsed.TotalSeconds:F1} s");
    }
}
