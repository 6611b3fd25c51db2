using SensorNode.Simulation.Building;
using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Tests.Building;

public class BuildingSimulatorTests
{
    private static BuildingSpec Spec(params RoomFault[] faults) =>
        new() { Name = "t", Rooms = BuildingSpec.DefaultRooms(8), Days = 10, Seed = 7, Faults = faults };

    /// <summary>Mean over the hours of days [from, to) where <paramref name="hourFilter"/> holds, of room minus the median of the others.</summary>
    private static double DeviationFromPeers(BuildingRun run, int room, int from, int to, Func<long, bool> hourFilter)
    {
        EnvironmentTrace grid = run.Rooms[0].Environment;
        var deviations = new List<double>();
        for (int step = 0; step < grid.StepCount; step += 60)
        {
            long s = grid.StartUnixSeconds + (long)step * grid.StepSeconds;
            int day = (int)((s - run.Spec.StartUnixSeconds) / 86_400);
            if (day < from || day >= to || !hourFilter(s)) continue;
            var others = run.Rooms.Where((_, i) => i != room).Select(r => (double)r.AirCelsius[step]).OrderBy(v => v).ToList();
            deviations.Add(run.Rooms[room].AirCelsius[step] - others[others.Count / 2]);
        }
        return deviations.Average();
    }

    private static bool WeekdayDaytime(long s) => (s / 86_400 + 4) % 7 is not (0 or 6) && s % 86_400 / 3600 is >= 9 and < 17;
    private static bool Night(long s) => s % 86_400 / 3600 is >= 1 and < 5;

    [Fact]
    public void Environment_IsIdentical_ForTheSameSpec()
    {
        BuildingRun a = BuildingSimulator.Environment(Spec(new RoomFault(2, HvacFaultKind.StuckOpenHot, 3, 0.8)));
        BuildingRun b = BuildingSimulator.Environment(Spec(new RoomFault(2, HvacFaultKind.StuckOpenHot, 3, 0.8)));
        for (int i = 0; i < a.Rooms.Count; i++) Assert.Equal(a.Rooms[i].AirCelsius, b.Rooms[i].AirCelsius);
        Assert.Equal(a.OutdoorCelsius, b.OutdoorCelsius);
    }

    [Fact]
    public void HealthyRooms_HoldComfortByDay_AndSetBackAtNight()
    {
        BuildingRun run = BuildingSimulator.Environment(Spec());
        for (int room = 0; room < run.Rooms.Count; room++)
        {
            Assert.InRange(Math.Abs(DeviationFromPeers(run, room, 1, 10, WeekdayDaytime)), 0, 1.0);
        }
        double day = run.Rooms[1].AirCelsius[(2 * 24 + 11) * 60], night = run.Rooms[1].AirCelsius[(2 * 24 + 4) * 60];
        Assert.InRange(day, 20, 23);
        Assert.InRange(night, 15, 19);
    }

    [Fact]
    public void StuckOpenHot_RunsWarmerThanPeers_OnlyAfterItsStartDay()
    {
        BuildingRun run = BuildingSimulator.Environment(Spec(new RoomFault(2, HvacFaultKind.StuckOpenHot, 5, 1.0)));
        Assert.InRange(DeviationFromPeers(run, 2, 0, 5, WeekdayDaytime), -1, 1);
        Assert.True(DeviationFromPeers(run, 2, 6, 10, WeekdayDaytime) > 2, "a stuck-open heating valve runs the room hot");
    }

    [Fact]
    public void StuckOpenCold_AndFailedReheat_RunCold()
    {
        BuildingRun run = BuildingSimulator.Environment(Spec(new RoomFault(1, HvacFaultKind.StuckOpenCold, 2, 0.7), new RoomFault(5, HvacFaultKind.FailedReheat, 2)));
        Assert.True(DeviationFromPeers(run, 1, 3, 10, WeekdayDaytime) < -2);
        Assert.True(DeviationFromPeers(run, 5, 3, 10, WeekdayDaytime) < -1.5);
    }

    [Fact]
    public void ScheduleError_KeepsComfortAtNight()
    {
        BuildingRun run = BuildingSimulator.Environment(Spec(new RoomFault(4, HvacFaultKind.ScheduleError, 2)));
        Assert.True(DeviationFromPeers(run, 4, 3, 10, Night) > 2.5, "no night setback");
        Assert.InRange(DeviationFromPeers(run, 4, 3, 10, WeekdayDaytime), -1, 1);
    }

    [Fact]
    public void SensorOffset_HoldsTheRoomColderByAboutTheOffset()
    {
        BuildingRun run = BuildingSimulator.Environment(Spec(new RoomFault(6, HvacFaultKind.SensorOffset, 1, 2.5)));
        Assert.InRange(DeviationFromPeers(run, 6, 3, 10, WeekdayDaytime), -3.2, -1.5);
    }

    [Fact]
    public void Nodes_DeliverStateMessages_OnTheirRoomsTopics()
    {
        var spec = new BuildingSpec { Name = "n", Rooms = BuildingSpec.DefaultRooms(3), Days = 2, Seed = 3 };
        BuildingRun run = BuildingSimulator.Run(spec, new Core.Config.NodeConfig(), SensorNode.Simulation.Physics.HardwareProfile.Default(), null, maxParallelism: 1);
        foreach (RoomRun room in run.Rooms)
        {
            Assert.NotEmpty(room.Messages);
            Assert.All(room.Messages, m => Assert.Equal($"sensornode/{room.NodeId}/state", m.Topic));
        }
    }

    [Fact]
    public void Parse_ReadsABuildingFile_AndNamesABadRoom()
    {
        BuildingSpec spec = BuildingSpec.Parse("""
            { "name": "hq", "start": "2025-01-06", "days": 14, "seed": 5,
              "rooms": [ { "name": "101", "kind": "window-side" }, { "name": "102", "kind": "office" }, { "name": "hall", "kind": "corridor" } ],
              "schedule": { "comfort_start_hour": 7, "setback_heat_celsius": 15 },
              "faults": [ { "room": "102", "kind": "schedule-error", "start_day": 4 } ] }
            """);
        Assert.Equal(3, spec.Rooms.Count);
        Assert.Equal(SyntheticProfileKind.Corridor, spec.Rooms[2].Kind);
        Assert.Equal(7, spec.Schedule.ComfortStartHour);
        Assert.Equal(new RoomFault(1, HvacFaultKind.ScheduleError, 4), spec.Faults[0]);
        var bad = Assert.Throws<FormatException>(() => BuildingSpec.Parse("""{ "room_count": 4, "faults": [ { "room": "r09", "kind": "wrong-space", "start_day": 1 } ] }"""));
        Assert.Contains("r09", bad.Message);
        Assert.Throws<FormatException>(() => BuildingSpec.Parse("""{ "room_count": 4, "faults": [ { "room": "r01", "kind": "leaky", "start_day": 1 } ] }"""));
    }

    [Theory]
    [InlineData("{ \"room_count\": 4,\n  \"seed\": 3,\n  \"seed\": 4 }", "building file: line 3: $.seed: key 'seed' is given twice; keep one")]
    [InlineData("{ \"room_count\": 4,\n  \"outdoor_mean\": 6 }", "building file: line 2: $.outdoor_mean: unknown key 'outdoor_mean'")]
    [InlineData("{ \"rooms\": [ { \"name\": \"101\" },\n { \"name\": \"101\", \"kind\": \"corridor\" } ] }", "building file: room names must be unique: '101' is given 2 times")]
    [InlineData("{ \"room_count\": 4, \"start\": \"2024-13-01\" }", "building file: start '2024-13-01': expected a date yyyy-MM-dd")]
    public void Parse_ABadBuildingFile_SaysWhichKeyAndLine(string json, string expected)
    {
        var bad = Assert.Throws<FormatException>(() => BuildingSpec.Parse(json));

        Assert.Equal(expected, bad.Message);
    }

    [Fact]
    public void Generate_InjectsDistinctKindsInDistinctRooms_WithTimeToBeFound()
    {
        BuildingSpec spec = BuildingSpec.Generate("g", 20, 30, 3, 42);
        Assert.Equal(3, spec.Faults.Select(f => f.Kind).Distinct().Count());
        Assert.Equal(3, spec.Faults.Select(f => f.Room).Distinct().Count());
        Assert.All(spec.Faults, f => Assert.InRange(f.StartDay, 2, 22));
        Assert.Equal(spec, BuildingSpec.Generate("g", 20, 30, 3, 42) with { Rooms = spec.Rooms, Faults = spec.Faults });
        Assert.Equal(spec.Faults, BuildingSpec.Generate("g", 20, 30, 3, 42).Faults);
        string[] truth = BuildingSimulator.TruthCsv(spec).TrimEnd().Split('\n');
        Assert.Equal(4, truth.Length);
        Assert.StartsWith("building,room,node_id,fault,start_day", truth[0]);
    }
}
