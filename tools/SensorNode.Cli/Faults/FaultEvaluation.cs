using System.Text.Json.Serialization;
using SensorNode.Core.Config;
using SensorNode.Gateway;
using SensorNode.Gateway.Faults;
using SensorNode.Simulation.Building;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Cli.Faults;

/// <summary>Room-level scores of one sampling (harvesting nodes, or the 5-min reference) over the buildings.</summary>
public sealed class FaultScores
{
    [JsonPropertyName("recall")] public double Recall { get; set; }
    [JsonPropertyName("precision")] public double Precision { get; set; }
    /// <summary>Median of (alarm day - start day) over detected faults, days (alarms come at the end of a day: 0 = found on its first day).</summary>
    [JsonPropertyName("median_days_to_detect")] public double MedianDaysToDetect { get; set; }
    [JsonPropertyName("max_days_to_detect")] public int MaxDaysToDetect { get; set; }
    /// <summary>Faults found within 7 days of their start, as a fraction of all faults.</summary>
    [JsonPropertyName("recall_within_7_days")] public double RecallWithin7Days { get; set; }
    [JsonPropertyName("faults")] public int Faults { get; set; }
    [JsonPropertyName("detected")] public int Detected { get; set; }
    [JsonPropertyName("flagged")] public int Flagged { get; set; }
    [JsonPropertyName("false_alarms")] public int FalseAlarms { get; set; }
    [JsonPropertyName("missed")] public List<string> Missed { get; set; } = [];
    [JsonPropertyName("false_alarm_rooms")] public List<string> FalseAlarmRooms { get; set; } = [];
    [JsonPropertyName("worst_building")] public string WorstBuilding { get; set; } = "";
    [JsonPropertyName("worst_building_recall")] public double WorstBuildingRecall { get; set; }
    [JsonPropertyName("worst_building_precision")] public double WorstBuildingPrecision { get; set; }
}

/// <summary>What one detector run on one building got right and wrong.</summary>
public sealed class BuildingScore
{
    [JsonPropertyName("building")] public string Building { get; set; } = "";
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("faults")] public int Faults { get; set; }
    [JsonPropertyName("detected")] public int Detected { get; set; }
    [JsonPropertyName("flagged")] public int Flagged { get; set; }
    [JsonPropertyName("days_to_detect")] public List<int> DaysToDetect { get; set; } = [];
    [JsonPropertyName("missed")] public List<string> Missed { get; set; } = [];
    [JsonPropertyName("false_alarms")] public List<string> FalseAlarms { get; set; } = [];
    [JsonPropertyName("readings_stored")] public long ReadingsStored { get; set; }
}

/// <summary>faults-eval.json.</summary>
public sealed class FaultEvaluationResult
{
    [JsonPropertyName("recall")] public double Recall { get; set; }
    [JsonPropertyName("precision")] public double Precision { get; set; }
    [JsonPropertyName("median_days_to_detect")] public double MedianDaysToDetect { get; set; }
    [JsonPropertyName("harvesting")] public FaultScores Harvesting { get; set; } = new();
    [JsonPropertyName("reference")] public FaultScores Reference { get; set; } = new();
    [JsonPropertyName("buildings")] public int Buildings { get; set; }
    [JsonPropertyName("rooms_per_building")] public int RoomsPerBuilding { get; set; }
    [JsonPropertyName("days")] public int Days { get; set; }
    [JsonPropertyName("faults_per_building")] public int FaultsPerBuilding { get; set; }
    [JsonPropertyName("seeds")] public List<int> Seeds { get; set; } = [];
    [JsonPropertyName("tuning_seeds")] public string TuningSeeds { get; set; } = "";
    [JsonPropertyName("policy")] public string Policy { get; set; } = "";
    [JsonPropertyName("harvesting_readings_per_room_day")] public double HarvestingReadingsPerRoomDay { get; set; }
    [JsonPropertyName("detector")] public FaultDetectorOptions Detector { get; set; } = new();
    [JsonPropertyName("per_building")] public List<BuildingScore> PerBuilding { get; set; } = [];
    [JsonPropertyName("per_building_reference")] public List<BuildingScore> PerBuildingReference { get; set; } = [];
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
}

/// <summary>
/// The evaluation behind <c>sensornode faults evaluate</c>: generated buildings (seeds from a base), each run
/// with harvesting nodes into a gateway store and, for the reference, sampled every 5 min into another, then
/// the detector on both and room-level scores against the injected truth.
/// </summary>
public static class FaultEvaluation
{
    /// <summary>Evaluation seeds start here; tuning used <see cref="TuningSeedBase"/> upwards (disjoint for up to 1000 buildings).</summary>
    public const int EvaluationSeedBase = 2000;
    public const int TuningSeedBase = 1000;

    public static FaultEvaluationResult Run(int buildings, int rooms, int days, int faults, int seedBase, string outDir,
        FaultDetectorOptions detector, NodeConfig config, HardwareProfile profile, PolicySpec policy, TextWriter? log)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        var result = new FaultEvaluationResult
        {
            Buildings = buildings, RoomsPerBuilding = rooms, Days = days, FaultsPerBuilding = faults, Detector = detector, Policy = policy.Name,
            TuningSeeds = $"{TuningSeedBase}..{TuningSeedBase + 19}",
        };
        long readings = 0;
        var truth = new System.Text.StringBuilder();
        for (int b = 0; b < buildings; b++)
        {
            int seed = seedBase + b;
            BuildingSpec spec = BuildingSpec.Generate($"b{seed}", rooms, days, faults, seed);
            BuildingRun run = BuildingSimulator.Run(spec, config, profile, policy);
            truth.Append(b == 0 ? BuildingSimulator.TruthCsv(spec) : string.Join('\n', BuildingSimulator.TruthCsv(spec).Split('\n').Skip(1)));
            result.Seeds.Add(seed);

            BuildingScore harvest = DetectInStore(spec, outDir, "harvest", store => BuildingStore.WriteDelivered(run, store, config.TopicPrefix).Stored, detector);
            BuildingScore reference = DetectInStore(spec, outDir, "reference", store => BuildingStore.WriteReference(run, store).Stored, detector);
            readings += harvest.ReadingsStored;
            result.PerBuilding.Add(harvest);
            result.PerBuildingReference.Add(reference);
            log?.WriteLine($"{spec.Name}: harvesting {harvest.Detected}/{harvest.Faults} found, {harvest.FalseAlarms.Count} false alarm(s) [{string.Join(" ", harvest.DaysToDetect)} d]; " +
                           $"reference {reference.Detected}/{reference.Faults}, {reference.FalseAlarms.Count} false [{string.Join(" ", reference.DaysToDetect)} d]  ({wall.Elapsed.TotalSeconds:F0} s)");
        }
        File.WriteAllText(Path.Combine(outDir, "faults-truth.csv"), truth.ToString());
        result.Harvesting = Summarise(result.PerBuilding);
        result.Reference = Summarise(result.PerBuildingReference);
        result.Recall = result.Harvesting.Recall;
        result.Precision = result.Harvesting.Precision;
        result.MedianDaysToDetect = result.Harvesting.MedianDaysToDetect;
        result.HarvestingReadingsPerRoomDay = readings / (double)(buildings * rooms * days);
        result.WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1);
        return result;
    }

    private static BuildingScore DetectInStore(BuildingSpec spec, string outDir, string kind, Func<ReadingStore, long> write, FaultDetectorOptions detector)
    {
        string path = Path.Combine(outDir, $"{spec.Name}-{kind}.db");
        foreach (string f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        long stored;
        FaultReport report;
        using (ReadingStore store = ReadingStore.Open(path))
        {
            stored = write(store);
            report = FaultDetector.Detect(RoomSamples.FromStore(store), detector, spec.StartUnixSeconds, spec.StartUnixSeconds + spec.Days * 86_400L - 1);
        }
        BuildingScore score = Score(spec, report);
        score.Seed = spec.Seed;
        score.ReadingsStored = stored;
        return score;
    }

    /// <summary>
    /// Room-level score: a faulty room counts as detected when it is flagged and its first alarm is on or after
    /// the fault's start day (an alarm before it is a false alarm); any other flagged room is a false alarm.
    /// </summary>
    public static BuildingScore Score(BuildingSpec spec, FaultReport report)
    {
        var score = new BuildingScore { Building = spec.Name, Faults = spec.Faults.Count };
        var faultByRoom = spec.Faults.ToDictionary(f => spec.Rooms[f.Room].Name);
        int dayOffset = (int)((spec.StartUnixSeconds - report.StartUnixSeconds) / 86_400);
        foreach (RoomVerdict verdict in report.Flagged)
        {
            score.Flagged++;
            int alarm = verdict.AlarmDay - dayOffset;
            if (faultByRoom.TryGetValue(verdict.Room, out RoomFault? fault) && alarm >= fault.StartDay)
            {
                score.Detected++;
                score.DaysToDetect.Add(alarm - fault.StartDay);
            }
            else
            {
                score.FalseAlarms.Add($"{spec.Name}/{verdict.Room}" + (fault != null ? $" (alarm day {alarm} before its {RoomFault.Name(fault.Kind)} started on day {fault.StartDay})" : $" ({verdict.Describe()})"));
            }
        }
        foreach (RoomFault fault in spec.Faults)
        {
            string room = spec.Rooms[fault.Room].Name;
            if (!report.Flagged.Any(v => v.Room == room && v.AlarmDay - dayOffset >= fault.StartDay))
                score.Missed.Add($"{spec.Name}/{room} {RoomFault.Name(fault.Kind)} from day {fault.StartDay} (magnitude {fault.Magnitude})");
        }
        return score;
    }

    public static FaultScores Summarise(IReadOnlyList<BuildingScore> buildings)
    {
        int faults = buildings.Sum(b => b.Faults), detected = buildings.Sum(b => b.Detected), flagged = buildings.Sum(b => b.Flagged);
        var days = buildings.SelectMany(b => b.DaysToDetect).OrderBy(d => d).ToList();
        BuildingScore? worst = buildings.OrderBy(b => b.Faults > 0 ? b.Detected / (double)b.Faults : 1)
            .ThenBy(b => b.Flagged > 0 ? b.Detected / (double)b.Flagged : 1).FirstOrDefault();
        return new FaultScores
        {
            Faults = faults, Detected = detected, Flagged = flagged, FalseAlarms = flagged - detected,
            Recall = faults > 0 ? Math.Round(detected / (double)faults, 3) : 1,
            Precision = flagged > 0 ? Math.Round(detected / (double)flagged, 3) : 1,
            MedianDaysToDetect = days.Count == 0 ? double.NaN : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2.0,
            MaxDaysToDetect = days.Count == 0 ? -1 : days[^1],
            RecallWithin7Days = faults > 0 ? Math.Round(days.Count(d => d <= 7) / (double)faults, 3) : 1,
            Missed = buildings.SelectMany(b => b.Missed).ToList(),
            FalseAlarmRooms = buildings.SelectMany(b => b.FalseAlarms).ToList(),
            WorstBuilding = worst?.Building ?? "",
            WorstBuildingRecall = worst == null || worst.Faults == 0 ? 1 : Math.Round(worst.Detected / (double)worst.Faults, 3),
            WorstBuildingPrecision = worst == null || worst.Flagged == 0 ? 1 : Math.Round(worst.Detected / (double)worst.Flagged, 3),
        };
    }
}
