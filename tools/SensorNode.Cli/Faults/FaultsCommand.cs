using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SensorNode.Core.Config;
using SensorNode.Gateway;
using SensorNode.Gateway.Faults;
using SensorNode.Simulation.Building;
using SensorNode.Simulation.Network;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Faults;

/// <summary>
/// <c>sensornode faults</c>: finds rooms whose temperature departs from their peers in a gateway store;
/// <c>faults simulate</c> fills a store from a simulated building; <c>faults evaluate</c> scores the detector
/// over many simulated buildings (docs/faults.md).
/// </summary>
public static class FaultsCommand
{
    /// <summary>The detector's tuning options, shared by <c>faults</c> and <c>faults evaluate</c>.</summary>
    private static Option[] DetectorOptionList() =>
    [
        CliOption.Text("--slack", "detector: slack, degrees C", "X"),
        CliOption.Text("--threshold", "detector: threshold", "X"),
        CliOption.Text("--spread-floor", "detector: floor of the peers' spread", "DEGC"),
        CliOption.Int("--min-peers", "detector: fewest peers a room is compared with", null, 3, 1000),
        CliOption.Int("--min-hours", "detector: fewest hours of data a day", null, 1, 24),
        CliOption.Text("--secondary-ratio", "detector: secondary finding ratio (0: off)", "X"),
    ];

    /// <summary>
    /// The old names of the building options: --building, --rooms and --faults mean a name, a room map and injected
    /// device faults elsewhere (gateway brick, gateway, simulate).
    /// </summary>
    private static Option[] RenamedBuildingOptions() =>
    [
        CliOption.Renamed("--building", "--building-spec FILE", "--building is a building's name in gateway brick"),
        CliOption.Renamed("--rooms", "--room-count N", "--rooms is a node-to-room map in gateway"),
        CliOption.Renamed("--faults", "--hvac-faults K", "--faults is the injected device faults in simulate"),
    ];

    public static Command Build()
    {
        var simulate = new Command("simulate", "a building (a JSON spec, see docs/faults.md, or a generated one of N rooms with K HVAC faults of mixed kinds) with one harvesting node per room on the real core; delivered readings go into the store FILE through the gateway's decoder and storage. Writes faults-truth.csv and building-hourly.csv (true air temperatures) to --out").Options(
            [
                CliOption.Text("--building-spec", "the building spec (JSON, docs/faults.md)", "FILE"),
                CliOption.Int("--room-count", "a generated building of N rooms", 20, 5, 500),
                CliOption.Int("--hvac-faults", "K HVAC faults of mixed kinds in the generated building", 3, 0, 500, "K"),
                CliOption.Days("days to simulate (generated building: 9..366, default 30; a spec: its own unless given)"),
                CliOption.Int("--seed", "seed of the generated building and the simulation", 1, 0, int.MaxValue),
                CliOption.Text("--db", "where the gateway would store the readings (SQLite)", "FILE").IsRequired(),
                CliOption.Text("--reference-db", "also store every room every 5 min there", "FILE"),
                CliOption.Text("--policy", "the nodes' policy: built-in (default), a table file or fixed:<interval>", "P"),
                CliOption.Out("faults-truth.csv and building-hourly.csv (default faults-sim)"),
                CliOption.Quiet(),
                .. RenamedBuildingOptions(),
            ]).With(Simulate);
        var evaluate = new Command("evaluate", "N buildings of 20 rooms, 30 days, 3 faults each, seeds from 2000 (--tune: from 1000, the tuning seeds); writes faults-eval.json (recall, precision, median_days_to_detect; the same under \"reference\" for 5-min sampling) and faults-truth.csv to --out").Options(
            [
                CliOption.Int("--buildings", "buildings", 10, 1, 1000),
                CliOption.Int("--room-count", "rooms per building", 20, 5, 200),
                CliOption.Days("days per building (9..366)", 30),
                CliOption.Int("--hvac-faults", "HVAC faults per building", 3, 0, 200, "K"),
                CliOption.Int("--seed-base", "first building seed", FaultEvaluation.EvaluationSeedBase, 0, int.MaxValue / 2, "S"),
                CliOption.Flag("--tune", "the tuning seeds (from 1000) instead"),
                CliOption.Out("faults-eval.json and faults-truth.csv (default faults-eval)"),
                CliOption.Text("--policy", "the nodes' policy: built-in (default), a table file or fixed:<interval>", "P"),
                CliOption.Quiet(),
                .. DetectorOptionList(),
                .. RenamedBuildingOptions()[1..],
            ]).With(Evaluate);
        return new Command("faults", "rank rooms whose temperature departs from their peers (HVAC faults); `faults simulate`, `faults evaluate`")
        {
            simulate, evaluate,
        }.WithDetails("""
            Ranks the rooms of the gateway store --db against their peers; prints the flagged rooms (what is unusual, since
            which day, excess heat), writes faults.json and one PNG per flagged room to --out (docs/faults.md).
            """).Options(
            [
                // Required by the ranking, checked in Run: a required option here would be required by the subcommands too.
                CliOption.Text("--db", "the gateway's store: SQLite file or postgres://user@host:port/database", "FILE"),
                CliOption.Text("--from", "first day", "YYYY-MM-DD"),
                CliOption.Text("--to", "last day", "YYYY-MM-DD"),
                CliOption.Out("faults.json and the plots (default faults-out)"),
                CliOption.Text("--publish", "publish the findings as Home Assistant problem sensors through this broker", "URL"),
                CliOption.Text("--prefix", "with --publish: the nodes' topic prefix (default sensornode)", "P"),
                CliOption.Text("--discovery-prefix", "with --publish: Home Assistant's discovery prefix (default homeassistant)", "D"),
                CliOption.Quiet(),
                .. DetectorOptionList(),
            ]).With(Run);
    }

    /// <summary><c>sensornode faults ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required (the gateway's SQLite store)");
        long? from = ParseDate(options, "from");
        long? to = ParseDate(options, "to") is long t ? t + 86_399 : null;
        // An empty window would end in "0 room(s) with temperatures", which reads as a store without data.
        if (from > to) throw new UsageException($"--from {options.Get("from")} is after --to {options.Get("to")}");
        FaultDetectorOptions detector = DetectorOptions(options);
        string outDir = options.Get("out") ?? "faults-out";
        BrokerUrl? publish = null;
        if (options.Get("publish") is string url)
        {
            try { publish = BrokerUrl.Parse(url); }
            catch (FormatException e) { throw new UsageException($"--publish: {e.Message}"); }
        }
        else if (options.Has("prefix") || options.Has("discovery-prefix")) throw new UsageException("--prefix and --discovery-prefix need --publish URL");
        string prefix = TopicPrefix(options, "prefix", "sensornode"), discovery = TopicPrefix(options, "discovery-prefix", "homeassistant");
        if (ReadingStore.IsMissingFile(db)) throw new UsageException($"--db {db}: no such file");
        OutputPaths.PrepareDirectory("out", outDir);

        FaultReport report;
        using (ReadingStore store = OpenStore(db))
        {
            IReadOnlyList<RoomSamples> rooms = RoomSamples.FromStore(store, from, to);
            if (rooms.Count < detector.MinPeers)
            {
                error.WriteLine($"sensornode faults: {rooms.Count} room(s) with temperatures in {db}; the peer comparison needs at least {detector.MinPeers}");
                return CommandLine.Failed;
            }
            report = FaultDetector.Detect(rooms, detector, from, to);
        }
        Directory.CreateDirectory(outDir);
        foreach (RoomVerdict room in report.Flagged) FaultPlot.Save(report, room, Path.Combine(outDir, PlotName(room.Room)));
        File.WriteAllText(Path.Combine(outDir, "faults.json"), JsonSerializer.Serialize(ReportJson(report), JsonOptions));
        WriteTable(report, output);
        if (publish != null)
        {
            IReadOnlyList<SensorNode.Gateway.Service.RetainedMessage> messages = FaultDiscovery.Messages(discovery, prefix, report, out IReadOnlyList<string> skipped);
            foreach (string node in skipped) error.WriteLine($"sensornode faults: node id '{node}' does not follow the core's rule; not published");
            try { FaultPublisher.Publish(publish, messages, $"sensornode-faults-{System.Environment.ProcessId}"); }
            catch (IOException e) { error.WriteLine($"sensornode faults: {e.Message}"); return CommandLine.Failed; }
            output.WriteLine($"published {messages.Count / 3} problem binary_sensor(s) ({report.Flagged.Count()} ON) to {publish}, retained");
        }
        return CommandLine.Ok;
    }

    // A topic prefix: one or more levels, no leading or trailing '/', no wildcards.
    private static string TopicPrefix(CommandInput options, string name, string fallback)
    {
        string value = options.Get(name) ?? fallback;
        if (value.Length == 0 || value.StartsWith('/') || value.EndsWith('/') || value.Contains('+') || value.Contains('#'))
            throw new UsageException($"--{name} '{value}': one or more topic levels, no leading or trailing '/', no '+' or '#'");
        return value;
    }

    /// <summary>"r03.png" (characters outside [A-Za-z0-9._-] become '_').</summary>
    public static string PlotName(string room) => new string(room.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray()) + ".png";

    private static void WriteTable(FaultReport report, TextWriter output)
    {
        var flagged = report.Flagged.ToList();
        output.WriteLine($"{report.Rooms.Count} rooms, {report.Days} days from {Date(report.StartUnixSeconds)}: {flagged.Count} flagged");
        int rank = 1;
        foreach (RoomVerdict room in flagged)
        {
            output.WriteLine($"{rank++,3}. {room.Room} (node {room.NodeId}) since {Date(report.DayStart(room.OnsetDay))}, alarm {Date(report.DayStart(room.AlarmDay))}: {room.Describe()}");
            output.WriteLine($"     excess heat ~{room.ExcessHeatKilowattHours:F0} kWh so far, ~{room.ExcessHeatKilowattHoursPerYear:F0} kWh/year; severity {room.Severity:F1}; data in {room.HoursWithData} of {report.Days * 24} h");
        }
        foreach (RoomVerdict room in report.Rooms.Where(r => r.ExplainedBy != null))
            output.WriteLine($"     not flagged: {room.Room} ({string.Join("; ", room.SecondaryFindings.Select(f => f.Describe()))}), explained by {room.ExplainedBy}'s fault next door");
    }

    private static object ReportJson(FaultReport report) => new
    {
        start = Date(report.StartUnixSeconds),
        days = report.Days,
        detector = report.Options,
        rooms = report.Rooms.Select(r => new
        {
            room = r.Room, node_id = r.NodeId, flagged = r.Flagged, severity = Math.Round(r.Severity, 3),
            onset = r.Flagged ? Date(report.DayStart(r.OnsetDay)) : null,
            alarm = r.Flagged ? Date(report.DayStart(r.AlarmDay)) : null,
            findings = r.Findings.Select(f => f.Describe()).ToList(), drifts = r.Drifts,
            excess_heat_kwh = Math.Round(r.ExcessHeatKilowattHours, 1), excess_heat_kwh_per_year = Math.Round(r.ExcessHeatKilowattHoursPerYear, 0),
            explained_by = r.ExplainedBy, secondary_findings = r.SecondaryFindings.Select(f => f.Describe()).ToList(),
            hours_with_data = r.HoursWithData, plot = r.Flagged ? PlotName(r.Room) : null,
        }),
    };

    private static int Simulate(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required (where the gateway would store the readings)");
        int seed = options.Int("seed");
        BuildingSpec spec;
        if (options.Get("building-spec") is string file)
        {
            if (options.Has("room-count") || options.Has("hvac-faults")) throw new UsageException("--building-spec FILE and --room-count/--hvac-faults exclude each other");
            try { spec = BuildingSpec.Parse(File.ReadAllText(file)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { throw new UsageException($"--building-spec {file}: {e.Message}"); }
            if (options.Has("days")) spec = spec with { Days = Within(options, "days", 1, 366) };
            if (options.Has("seed")) spec = spec with { Seed = seed };
            try { spec.Validate(); }
            catch (ArgumentException e) { throw new UsageException($"--building-spec {file} with --days: {e.Message}"); }
        }
        else
        {
            int rooms = options.Int("room-count");
            spec = BuildingSpec.Generate("building", rooms, options.Has("days") ? Within(options, "days", 9, 366) : 30, Within(options, "hvac-faults", 0, rooms), seed);
        }
        var config = new NodeConfig();
        PolicySpec policy = PolicyOption(options.Get("policy"), config);
        string outDir = options.Get("out") ?? "faults-sim";
        OutputPaths.PrepareDirectory("out", outDir);
        // The stores are opened before the run, so a --db that cannot be one fails at once with what is wrong with it.
        using ReadingStore store = OpenStore(db);
        string? referenceDb = options.Get("reference-db");
        using ReadingStore? reference = referenceDb == null ? null : OpenStore(referenceDb);
        bool quiet = options.Has("quiet");
        if (!quiet) error.WriteLine($"simulating building '{spec.Name}': {spec.Rooms.Count} rooms x {spec.Days} days, {spec.Faults.Count} fault(s), seed {spec.Seed}, policy {policy.Name}");
        var wall = System.Diagnostics.Stopwatch.StartNew();
        BuildingRun run = BuildingSimulator.Run(spec, config, HardwareProfile.Default(), policy);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "faults-truth.csv"), BuildingSimulator.TruthCsv(spec));
        File.WriteAllText(Path.Combine(outDir, "building-hourly.csv"), BuildingSimulator.HourlyCsv(run));
        StoredCounts delivered = BuildingStore.WriteDelivered(run, store, config.TopicPrefix);
        output.WriteLine($"{delivered.Describe(db)} ({delivered.Delivered / (double)(spec.Rooms.Count * spec.Days):F1} delivered per room-day){(delivered.Refused > 0 ? $", {delivered.Refused} message(s) refused by the decoder" : "")}; truth in {Path.Combine(outDir, "faults-truth.csv")} ({wall.Elapsed.TotalSeconds:F1} s)");
        if (reference != null)
        {
            output.WriteLine($"reference (every room every 5 min): {BuildingStore.WriteReference(run, reference).Describe(referenceDb!)}");
        }
        return CommandLine.Ok;
    }

    private static ReadingStore OpenStore(string db) =>
        ReadingStore.TryOpen(db, out ReadingStore? store, out string problem) ? store! : throw new CommandFailedException(problem);

    private static int Evaluate(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        if (options.Has("tune") && options.Has("seed-base")) throw new UsageException("--tune and --seed-base exclude each other");
        int seedBase = options.Has("tune") ? FaultEvaluation.TuningSeedBase : options.Int("seed-base");
        int rooms = options.Int("room-count");
        var config = new NodeConfig();
        PolicySpec policy = PolicyOption(options.Get("policy"), config);
        string outDir = options.Get("out") ?? "faults-eval";
        OutputPaths.PrepareDirectory("out", outDir);
        FaultEvaluationResult result = FaultEvaluation.Run(options.Int("buildings"), rooms, Within(options, "days", 9, 366),
            Within(options, "hvac-faults", 0, rooms), seedBase, outDir, DetectorOptions(options), config, HardwareProfile.Default(), policy,
            options.Has("quiet") ? null : error);
        File.WriteAllText(Path.Combine(outDir, "faults-eval.json"), JsonSerializer.Serialize(result, JsonOptions));
        output.WriteLine($"harvesting: recall {result.Harvesting.Recall:F3}, precision {result.Harvesting.Precision:F3}, median {result.Harvesting.MedianDaysToDetect} d to detect (max {result.Harvesting.MaxDaysToDetect}), within 7 d {result.Harvesting.RecallWithin7Days:F3}");
        output.WriteLine($"reference:  recall {result.Reference.Recall:F3}, precision {result.Reference.Precision:F3}, median {result.Reference.MedianDaysToDetect} d to detect (max {result.Reference.MaxDaysToDetect}), within 7 d {result.Reference.RecallWithin7Days:F3}");
        output.WriteLine($"worst building (harvesting): {result.Harvesting.WorstBuilding} recall {result.Harvesting.WorstBuildingRecall:F3} precision {result.Harvesting.WorstBuildingPrecision:F3}; {result.WallSeconds} s; {Path.Combine(outDir, "faults-eval.json")}");
        return CommandLine.Ok;
    }

    private static PolicySpec PolicyOption(string? text, NodeConfig config)
    {
        if (text == null) return PolicySpec.BuiltIn();
        try { return PolicySpec.Parse(text, config); }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException) { throw new UsageException($"--policy {text}: {e.Message}"); }
    }

    private static FaultDetectorOptions DetectorOptions(CommandInput options)
    {
        var d = new FaultDetectorOptions();
        d = d with
        {
            Slack = GetDouble(options, "slack", d.Slack), Threshold = GetDouble(options, "threshold", d.Threshold),
            SpreadFloorCelsius = GetDouble(options, "spread-floor", d.SpreadFloorCelsius),
            SecondaryRatio = GetDouble(options, "secondary-ratio", d.SecondaryRatio),
            MinPeers = options.IntOrNull("min-peers") ?? d.MinPeers, MinHoursPerDay = options.IntOrNull("min-hours") ?? d.MinHoursPerDay,
        };
        try { d.Validate(); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        return d;
    }

    /// <summary>An integer option whose range depends on other options (a generated building's days, faults up to its rooms).</summary>
    private static int Within(CommandInput options, string name, int min, int max)
    {
        int value = options.Int(name);
        if (value < min || value > max) throw new UsageException($"--{name}: expected an integer {min}..{max}, got '{value}'");
        return value;
    }

    private static double GetDouble(CommandInput options, string name, double fallback)
    {
        string? text = options.Get(name);
        if (text == null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new UsageException($"--{name}: expected a number, got '{text}'");
        return value;
    }

    private static long? ParseDate(CommandInput options, string name)
    {
        string? text = options.Get(name);
        if (text == null) return null;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime date))
            throw new UsageException($"--{name}: expected YYYY-MM-DD, got '{text}'");
        return (long)(date - DateTime.UnixEpoch).TotalSeconds;
    }

    private static string Date(long unixSeconds) => DateTime.UnixEpoch.AddSeconds(unixSeconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
