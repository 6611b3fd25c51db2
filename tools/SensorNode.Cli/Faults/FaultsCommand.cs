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
    public const string Help = """
        usage: sensornode faults --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out DIR] [detector options]
                                 [--publish URL [--prefix P] [--discovery-prefix D]]
               sensornode faults simulate (--building FILE | --rooms N [--faults K]) --db FILE [--reference-db FILE]
                                          [--days N] [--seed N] [--policy P] [--out DIR]
               sensornode faults evaluate [--buildings N] [--rooms N] [--days N] [--faults K] [--seed-base S | --tune]
                                          [--out DIR] [detector options]

        faults: ranks the rooms of the gateway store FILE against their peers; prints the flagged rooms (what is unusual,
                since which day, excess heat), writes faults.json and one PNG per flagged room to --out (default faults-out).
        simulate: a building (a JSON spec, see docs/faults.md, or a generated one of N rooms with K faults of mixed kinds)
                with one harvesting node per room on the real core; delivered readings go into the store FILE through the
                gateway's decoder and storage; --reference-db also stores every room every 5 min. Writes faults-truth.csv
                and building-hourly.csv (true air temperatures) to --out (default faults-sim).
        evaluate: N buildings (default 10) of 20 rooms, 30 days, 3 faults each, seeds from 2000 (--tune: from 1000, the
                tuning seeds); writes faults-eval.json (recall, precision, median_days_to_detect; the same under
                "reference" for 5-min sampling) and faults-truth.csv to --out (default faults-eval).
        detector options: --slack X --threshold X --spread-floor DEGC --min-peers N --min-hours N --secondary-ratio X (0: off)
        """;

    private static readonly string[] DetectorValued = { "slack", "threshold", "spread-floor", "min-peers", "min-hours", "secondary-ratio" };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "simulate") return Simulate(args[1..], output, error);
        if (args.Length > 0 && args[0] == "evaluate") return Evaluate(args[1..], output, error);
        var options = new Options(args, ["db", "from", "to", "out", "publish", "prefix", "discovery-prefix", .. DetectorValued], ["help", "quiet"]);
        if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required (the gateway's SQLite store)");
        long? from = ParseDate(options, "from");
        long? to = ParseDate(options, "to") is long t ? t + 86_399 : null;
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
        if (!File.Exists(db)) throw new UsageException($"--db {db}: no such file");
        OutputPaths.PrepareDirectory("out", outDir);

        FaultReport report;
        using (ReadingStore store = ReadingStore.Open(db))
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
    private static string TopicPrefix(Options options, string name, string fallback)
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

    private static int Simulate(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Options(args, ["building", "rooms", "faults", "days", "seed", "db", "reference-db", "policy", "out"], ["help", "quiet"]);
        if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required (where the gateway would store the readings)");
        int seed = options.GetInt("seed", 1, 0, int.MaxValue);
        BuildingSpec spec;
        if (options.Get("building") is string file)
        {
            if (options.Has("rooms") || options.Has("faults")) throw new UsageException("--building FILE and --rooms/--faults exclude each other");
            try { spec = BuildingSpec.Parse(File.ReadAllText(file)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { throw new UsageException($"--building {file}: {e.Message}"); }
            if (options.Has("days")) spec = spec with { Days = options.GetInt("days", 30, 1, 366) };
            if (options.Has("seed")) spec = spec with { Seed = seed };
            try { spec.Validate(); }
            catch (ArgumentException e) { throw new UsageException($"--building {file} with --days: {e.Message}"); }
        }
        else
        {
            int rooms = options.GetInt("rooms", 20, 5, 500);
            spec = BuildingSpec.Generate("building", rooms, options.GetInt("days", 30, 9, 366), options.GetInt("faults", 3, 0, rooms), seed);
        }
        var config = new NodeConfig();
        PolicySpec policy = PolicyOption(options.Get("policy"), config);
        string outDir = options.Get("out") ?? "faults-sim";
        OutputPaths.PrepareDirectory("out", outDir);
        bool quiet = options.Has("quiet");
        if (!quiet) error.WriteLine($"simulating building '{spec.Name}': {spec.Rooms.Count} rooms x {spec.Days} days, {spec.Faults.Count} fault(s), seed {spec.Seed}, policy {policy.Name}");
        var wall = System.Diagnostics.Stopwatch.StartNew();
        BuildingRun run = BuildingSimulator.Run(spec, config, HardwareProfile.Default(), policy);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "faults-truth.csv"), BuildingSimulator.TruthCsv(spec));
        File.WriteAllText(Path.Combine(outDir, "building-hourly.csv"), BuildingSimulator.HourlyCsv(run));
        (long stored, int refused) = (0, 0);
        using (ReadingStore store = ReadingStore.Open(db)) (stored, refused) = BuildingStore.WriteDelivered(run, store, config.TopicPrefix);
        output.WriteLine($"{stored} readings stored in {db} ({stored / (double)(spec.Rooms.Count * spec.Days):F1} per room-day){(refused > 0 ? $", {refused} message(s) refused by the decoder" : "")}; truth in {Path.Combine(outDir, "faults-truth.csv")} ({wall.Elapsed.TotalSeconds:F1} s)");
        if (options.Get("reference-db") is string referenceDb)
        {
            using ReadingStore reference = ReadingStore.Open(referenceDb);
            output.WriteLine($"{BuildingStore.WriteReference(run, reference)} reference readings (every room every 5 min) stored in {referenceDb}");
        }
        return CommandLine.Ok;
    }

    private static int Evaluate(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Options(args, ["buildings", "rooms", "days", "faults", "seed-base", "out", "policy", .. DetectorValued], ["help", "tune", "quiet"]);
        if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        if (options.Has("tune") && options.Has("seed-base")) throw new UsageException("--tune and --seed-base exclude each other");
        int seedBase = options.Has("tune") ? FaultEvaluation.TuningSeedBase : options.GetInt("seed-base", FaultEvaluation.EvaluationSeedBase, 0, int.MaxValue / 2);
        int rooms = options.GetInt("rooms", 20, 5, 200);
        var config = new NodeConfig();
        PolicySpec policy = PolicyOption(options.Get("policy"), config);
        string outDir = options.Get("out") ?? "faults-eval";
        OutputPaths.PrepareDirectory("out", outDir);
        FaultEvaluationResult result = FaultEvaluation.Run(options.GetInt("buildings", 10, 1, 1000), rooms, options.GetInt("days", 30, 9, 366),
            options.GetInt("faults", 3, 0, rooms), seedBase, outDir, DetectorOptions(options), config, HardwareProfile.Default(), policy,
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

    private static FaultDetectorOptions DetectorOptions(Options options)
    {
        var d = new FaultDetectorOptions();
        d = d with
        {
            Slack = GetDouble(options, "slack", d.Slack), Threshold = GetDouble(options, "threshold", d.Threshold),
            SpreadFloorCelsius = GetDouble(options, "spread-floor", d.SpreadFloorCelsius),
            SecondaryRatio = GetDouble(options, "secondary-ratio", d.SecondaryRatio),
            MinPeers = options.GetInt("min-peers", d.MinPeers, 3, 1000), MinHoursPerDay = options.GetInt("min-hours", d.MinHoursPerDay, 1, 24),
        };
        try { d.Validate(); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
        return d;
    }

    private static double GetDouble(Options options, string name, double fallback)
    {
        string? text = options.Get(name);
        if (text == null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new UsageException($"--{name}: expected a number, got '{text}'");
        return value;
    }

    private static long? ParseDate(Options options, string name)
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
