using System.Collections;
using System.CommandLine;
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
    public static Command Build() => new Command("simulate", "run nodes in simulated environments on the real core; writes metrics.json and plots").Options(
        CliOption.Many("--trace", "light and motion from a trace: Pible '|' format or CSV (timestamp,lux[,pir][,temp_c])", "FILE"),
        CliOption.Environment(),
        CliOption.Days("days to simulate (synthetic: default 14; trace: default all, else its first N days)"),
        CliOption.TestDays(),
        CliOption.Text("--start", "first day of a synthetic environment (default 2024-09-30, a Monday)", "YYYY-MM-DD"),
        CliOption.Int("--nodes", "fleet size: N nodes in parallel, each with its own seed", 1, 1, 100_000),
        CliOption.Seed(),
        CliOption.Text("--policy", "built-in (default), a table file from `sensornode train`, or fixed:<interval> (e.g. fixed:5m)", "P"),
        CliOption.Profile(),
        CliOption.Config(),
        CliOption.Text("--broker", "publish through a real MQTT broker (mqtt://[user:pass@]host[:port], mqtts://...) instead of the in-process one; delivered = acknowledged by that broker (slow: real network I/O per publish)", "URL"),
        CliOption.Text("--faults", "e.g. i2c-nack=0.01,crc=0.01,wifi=0.05,broker-down=0.02,no-ack=0.02,brownout-tx=0.01,flash-cut=0.001", "SPEC"),
        CliOption.Out("folder for metrics.json and the plots (default sim-out)"),
        CliOption.Quiet("no progress and no table"),
        CliOption.Flag("--json", "print metrics.json to standard output instead of the table (for scripts)"),
        CliOption.Flag("--no-plots", "skip the PNG plots")).With(Run);

    /// <summary><c>sensornode simulate ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        bool quiet = options.Flag("quiet") || options.Flag("json");
        int seed = options.Int("seed");
        int nodes = options.Int("nodes");
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
        if (!options.Flag("no-plots") && result.Timeline != null) written.AddRange(Plots.Render(outDir, result.Timeline, result.Metrics));
        // Occupancy of node 0 against its environment's truth (docs/occupancy.md).
        Occupancy.OccupancyRuns.Write(outDir, [new Occupancy.OccupancyRun(policy.Name, first, result.Readings)], new(), new());
        written.Add(Path.Combine(outDir, "occupancy.json"));
        written.Add(Path.Combine(outDir, "occupancy-details.json"));
        if (Occupancy.OccupancyRuns.WriteTruth(outDir, first, new Gateway.Occupancy.OccupancyParameters().SlotSeconds) is { } truth) written.Add(truth);

        if (options.Flag("json")) output.WriteLine(MetricsJson.Serialize(result.Metrics));
        else if (!options.Flag("quiet"))
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
    internal static Func<int, EnvironmentTrace> EnvironmentFor(CommandInput options, int seed)
    {
        IReadOnlyList<string> traces = EnvironmentChoice.Traces(options);
        if (traces.Count > 1) throw new UsageException("simulate takes one --trace (evaluate takes several)");
        (int? days, DayRange? range) = EnvironmentChoice.Days(options, "test-days");
        if (traces.Count == 1)
        {
            if (options.Has("start")) throw new UsageException("--start applies to synthetic environments; a trace has its own dates");
            EnvironmentTrace loaded = EnvironmentChoice.ReadTrace(traces[0], days, range, "test-days");
            return _ => loaded;
        }
        SyntheticProfileKind kind = EnvironmentChoice.Kind(options);
        int n = range is DayRange r ? r.Last + 1 : days ?? EnvironmentChoice.DefaultSyntheticDays;
        long start = ParseStart(options.Get("start") ?? "2024-09-30", n);
        return i => EnvironmentChoice.Synthetic(kind, start, days, range, unchecked(seed * 31 + i));
    }

    // The node keeps Unix time in 32 unsigned bits: the run must lie between 1970-01-01 and 2106-02-07.
    internal static long ParseStart(string text, int days)
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
