using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Environment.Synthetic;

namespace SensorNode.Simulation.Building;

/// <summary>One room of a building: its name (the gateway's room label) and the synthetic profile its light and motion come from.</summary>
public sealed record RoomSpec(string Name, SyntheticProfileKind Kind);

/// <summary>
/// A simulated building (the file format is in docs/faults.md): rooms in a row along a corridor (room i
/// neighbours i-1 and i+1), one shared outdoor weather series, one HVAC schedule, and the injected faults.
/// Everything random derives from <see cref="Seed"/>.
/// </summary>
public sealed record BuildingSpec
{
    public string Name { get; init; } = "building";
    public required IReadOnlyList<RoomSpec> Rooms { get; init; }
    /// <summary>First day, a local midnight, Unix s (default 2024-11-04, a Monday in the heating season).</summary>
    public long StartUnixSeconds { get; init; } = UnixTime.FromDateTime(new DateTime(2024, 11, 4));
    /// <summary>Days simulated, 1 to 366.</summary>
    public int Days { get; init; } = 30;
    public int Seed { get; init; } = 1;
    /// <summary>Mean outdoor temperature, degC (default 6: a mild heating season).</summary>
    public double OutdoorMeanCelsius { get; init; } = 6;
    public HvacSchedule Schedule { get; init; } = new();
    public IReadOnlyList<RoomFault> Faults { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Rooms.Count is < 2 or > 500) throw new ArgumentException($"rooms: {Rooms.Count}; a building needs 2..500 rooms (peers)");
        if (Days is < 1 or > 366) throw new ArgumentException($"days {Days}: must be 1..366");
        if (Rooms.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"room names must be unique: '{twice.Key}' is given {twice.Count()} times");
        Schedule.Validate();
        foreach (RoomFault f in Faults)
        {
            if (f.Room < 0 || f.Room >= Rooms.Count) throw new ArgumentException($"fault in room {f.Room}: rooms are 0..{Rooms.Count - 1}");
            if (f.StartDay < 0 || f.StartDay >= Days) throw new ArgumentException($"fault start_day {f.StartDay}: must be 0..{Days - 1}");
            if (f.Kind is HvacFaultKind.StuckOpenHot or HvacFaultKind.StuckOpenCold && f.Magnitude is < 0.3 or > 1)
                throw new ArgumentException($"{RoomFault.Name(f.Kind)} magnitude {f.Magnitude}: a valve opening 0.3..1");
            if (f.Kind == HvacFaultKind.SensorOffset && Math.Abs(f.Magnitude) is < 0.5 or > 5)
                throw new ArgumentException($"sensor-offset magnitude {f.Magnitude}: ±0.5..±5 degC");
        }
        if (Faults.Select(f => f.Room).Distinct().Count() != Faults.Count) throw new ArgumentException("at most one fault per room");
    }

    /// <summary>
    /// The rooms of a generated building: every 4th a corridor, the others alternating window-side and
    /// office (a row of rooms on both sides of a corridor, cut into a line). Names "r00", "r01", ...
    /// </summary>
    public static IReadOnlyList<RoomSpec> DefaultRooms(int count) =>
        Enumerable.Range(0, count).Select(i => new RoomSpec($"r{i:D2}",
            i % 4 == 3 ? SyntheticProfileKind.Corridor : i % 2 == 0 ? SyntheticProfileKind.WindowSide : SyntheticProfileKind.Office)).ToList();

    /// <summary>
    /// A building of <paramref name="rooms"/> default rooms with <paramref name="faults"/> faults of distinct kinds
    /// (cycling through all kinds when more), in distinct random rooms, starting on random days in
    /// [<paramref name="firstStartDay"/>, days - 8] so each has at least 7 days to be found. All drawn from <paramref name="seed"/>.
    /// </summary>
    public static BuildingSpec Generate(string name, int rooms, int days, int faults, int seed, int firstStartDay = 2)
    {
        var random = new Random(unchecked(seed * 7919 + 17));
        HvacFaultKind[] kinds = Enum.GetValues<HvacFaultKind>().OrderBy(_ => random.Next()).ToArray();
        int[] roomOrder = Enumerable.Range(0, rooms).OrderBy(_ => random.Next()).ToArray();
        int lastStart = Math.Max(firstStartDay, days - 8);
        var list = new List<RoomFault>();
        for (int i = 0; i < Math.Min(faults, rooms); i++)
        {
            HvacFaultKind kind = kinds[i % kinds.Length];
            double magnitude = kind switch
            {
                HvacFaultKind.StuckOpenHot or HvacFaultKind.StuckOpenCold => random.Uniform(0.5, 1.0),
                HvacFaultKind.SensorOffset => (random.Next(2) == 0 ? -1 : 1) * random.Uniform(1.5, 3.0),
                _ => 1,
            };
            list.Add(new RoomFault(roomOrder[i], kind, random.Next(firstStartDay, lastStart + 1), Math.Round(magnitude, 2)));
        }
        return new BuildingSpec { Name = name, Rooms = DefaultRooms(rooms), Days = days, Seed = seed, Faults = list };
    }

    /// <summary>Reads a building file (JSON, see docs/faults.md).</summary>
    /// <exception cref="FormatException">Bad JSON or a value out of range; the message says which.</exception>
    public static BuildingSpec Parse(string json)
    {
        BuildingFile file;
        try { file = JsonSerializer.Deserialize<BuildingFile>(json, FileOptions) ?? throw new FormatException("empty building file"); }
        catch (JsonException e) { throw new FormatException($"building file: line {e.LineNumber + 1}: {JsonProblem(e)}"); }
        try
        {
            IReadOnlyList<RoomSpec> rooms = file.Rooms != null
                ? file.Rooms.Select(r => new RoomSpec(r.Name ?? throw new FormatException("a room needs a name"), SyntheticEnvironment.Parse(r.Kind ?? "office"))).ToList()
                : DefaultRooms(file.RoomCount ?? throw new FormatException("building file: give rooms (a list) or room_count"));
            var spec = new BuildingSpec
            {
                Name = file.Name ?? "building",
                Rooms = rooms,
                Days = file.Days ?? 30,
                Seed = file.Seed ?? 1,
                OutdoorMeanCelsius = file.OutdoorMeanC ?? 6,
                StartUnixSeconds = file.Start == null ? new BuildingSpec { Rooms = rooms }.StartUnixSeconds
                    : UnixTime.FromDateTime(DateTime.TryParseExact(file.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime start)
                        ? start : throw new FormatException($"building file: start '{file.Start}': expected a date yyyy-MM-dd")),
                Schedule = file.Schedule ?? new HvacSchedule(),
                Faults = (file.Faults ?? []).Select(f => new RoomFault(RoomIndex(rooms, f.Room), RoomFault.Parse(f.Kind ?? ""), f.StartDay, f.Magnitude ?? 1)).ToList(),
            };
            spec.Validate();
            return spec;
        }
        catch (ArgumentException e) { throw new FormatException("building file: " + e.Message); }
    }

    private static int RoomIndex(IReadOnlyList<RoomSpec> rooms, string? name)
    {
        for (int i = 0; i < rooms.Count; i++) if (rooms[i].Name == name) return i;
        throw new FormatException($"fault in room '{name}': no such room");
    }

    /// <summary>
    /// The key at fault in the user's words: the serializer's messages name .NET types ("could not be mapped to any .NET
    /// member contained in type 'SensorNode...BuildingFile'"); a repeated key (which it would otherwise resolve
    /// silently) and an unknown one name the key's path and the keys allowed there.
    /// </summary>
    private static string JsonProblem(JsonException e)
    {
        string path = e.Path ?? "$";
        string message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal) || message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            int quote = message.IndexOf('\''), end = quote < 0 ? -1 : message.IndexOf('\'', quote + 1);
            string key = end > quote ? message[(quote + 1)..end] : path;
            return message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
                ? $"{path}: key '{key}' is given twice; keep one"
                : $"{path}: unknown key '{key}'";
        }
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return $"{path}: {(cut > 0 ? message[..cut] : message)}";
    }

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        AllowDuplicateProperties = false,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed class BuildingFile
    {
        public string? Name { get; set; }
        public string? Start { get; set; }
        public int? Days { get; set; }
        public int? Seed { get; set; }
        public double? OutdoorMeanC { get; set; }
        public int? RoomCount { get; set; }
        public List<RoomFile>? Rooms { get; set; }
        public HvacSchedule? Schedule { get; set; }
        public List<FaultFile>? Faults { get; set; }
    }

    private sealed class RoomFile
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
    }

    private sealed class FaultFile
    {
        public string? Room { get; set; }
        public string? Kind { get; set; }
        public int StartDay { get; set; }
        public double? Magnitude { get; set; }
    }
}
