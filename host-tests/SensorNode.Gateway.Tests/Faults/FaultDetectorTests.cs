using SensorNode.Gateway.Faults;
using SensorNode.Gateway.Tests.Storage;

namespace SensorNode.Gateway.Tests.Faults;

public class FaultDetectorTests
{
    // 2024-11-04 00:00, a Monday (local-hour convention).
    private const long Monday = 1_730_678_400;

    /// <summary>
    /// A room's irregular samples over <paramref name="days"/> days: weekday comfort 21 degC 6-19 h, 16 at night and at
    /// weekends, plus the room's offset, noise, and <paramref name="fault"/>(day, hour) added; a sample every 10-50 min by
    /// day and every 1-4 h at night, with whole hours missing at random (a harvesting node's pattern).
    /// </summary>
    private static RoomSamples Room(string name, int days, int seed, double offset = 0, Func<int, int, double>? fault = null, bool sparseNights = true)
    {
        var random = new Random(seed);
        var times = new List<long>();
        var temps = new List<double>();
        long t = Monday + random.Next(600);
        while (t < Monday + days * 86_400L)
        {
            int day = (int)((t - Monday) / 86_400);
            int hour = (int)((t - Monday) % 86_400 / 3600);
            bool weekend = day % 7 >= 5;
            bool comfort = !weekend && hour is >= 6 and < 19;
            double value = (comfort ? 21 : 16) + offset + (random.NextDouble() - 0.5) * 0.4 + (fault?.Invoke(day, hour) ?? 0);
            if (random.NextDouble() > 0.15) { times.Add(t); temps.Add(value); }
            t += comfort || !sparseNights ? random.Next(600, 3000) : random.Next(3600, 4 * 3600);
        }
        return new RoomSamples(name, "node-" + name, times.ToArray(), temps.ToArray());
    }

    private static List<RoomSamples> Building(int rooms, int days, Func<int, Func<int, int, double>?>? faults = null, bool sparseNights = true) =>
        Enumerable.Range(0, rooms).Select(i => Room($"r{i:D2}", days, 100 + i, offset: (i % 5 - 2) * 0.15, fault: faults?.Invoke(i), sparseNights)).ToList();

    [Fact]
    public void Detect_FlagsNothing_WhenRoomsDifferOnlyByTheirSetpointsAndNoise()
    {
        FaultReport report = FaultDetector.Detect(Building(12, 21));
        Assert.Empty(report.Flagged);
        Assert.Equal(21, report.Days);
        Assert.Equal(Monday, report.StartUnixSeconds);
    }

    [Fact]
    public void Detect_FlagsAHotRoom_WithOnsetAndAlarmOnItsFirstDays_OnGappySamples()
    {
        FaultReport report = FaultDetector.Detect(Building(12, 21, i => i == 4 ? (day, _) => day >= 8 ? 3.0 : 0 : null));
        RoomVerdict flagged = Assert.Single(report.Flagged);
        Assert.Equal("r04", flagged.Room);
        Assert.Equal(8, flagged.OnsetDay);
        Assert.InRange(flagged.AlarmDay, 8, 9);
        Assert.Contains(flagged.Findings, f => f.Period == FaultPeriod.Occupied && f.Warmer);
        Assert.Contains("too hot when occupied (+3.3 degC vs peers)", flagged.Describe());
        Assert.Same(flagged, report.Rooms[0]);
        Assert.True(flagged.HoursWithData < report.Days * 24, "the samples have gaps");
    }

    [Fact]
    public void Detect_SaysNoSetback_WhenARoomIsWarmOnlyAtNight()
    {
        FaultReport report = FaultDetector.Detect(Building(10, 14, i => i == 7 ? (day, hour) => day >= 3 && hour < 6 ? 4.0 : 0 : null));
        RoomVerdict flagged = Assert.Single(report.Flagged);
        Assert.Equal("r07", flagged.Room);
        FaultFinding finding = Assert.Single(flagged.Findings);
        Assert.Equal(FaultPeriod.Unoccupied, finding.Period);
        Assert.True(finding.Warmer);
        Assert.StartsWith("does not set back at night", flagged.Describe());
    }

    [Fact]
    public void Detect_FlagsAColdRoom_AndEstimatesNoExcessHeat()
    {
        FaultReport report = FaultDetector.Detect(Building(10, 14, i => i == 2 ? (day, hour) => day >= 5 ? -2.5 : 0 : null));
        RoomVerdict flagged = Assert.Single(report.Flagged);
        Assert.Equal("r02", flagged.Room);
        Assert.All(flagged.Findings, f => Assert.False(f.Warmer));
        Assert.InRange(flagged.ExcessHeatKilowattHours, 0, 1);
    }

    [Fact]
    public void ExcessHeat_IsTheLossCoefficientTimesTheDegreeHoursAbovePeers()
    {
        // Every room sampled on the hour; room 0 is 22 degC from day 2, the peer median (of 22, 20.01..20.05) 20.035:
        // 60 W/K x 1.965 K x 24 h x 5 days = 14.148 kWh.
        var rooms = Enumerable.Range(0, 6).Select(i =>
        {
            long[] times = Enumerable.Range(0, 7 * 24).Select(h => Monday + h * 3600L + 60).ToArray();
            double[] temps = times.Select(t => 20.0 + (i == 0 && t >= Monday + 2 * 86_400 ? 2 : i * 0.01)).ToArray();
            return new RoomSamples($"r{i}", $"n{i}", times, temps);
        }).ToList();
        RoomVerdict hot = Assert.Single(FaultDetector.Detect(rooms).Flagged);
        Assert.Equal(2, hot.OnsetDay);
        Assert.Equal(14.148, hot.ExcessHeatKilowattHours, 3);
        Assert.Equal(14.148 * 8760 / (5 * 24), hot.ExcessHeatKilowattHoursPerYear, 1);
    }

    private static Func<int, int, double>? NightFaultAndItsNeighbour(int room) => room switch
    {
        4 => (day, hour) => day >= 6 && (hour < 6 || hour >= 19 || day % 7 >= 5) ? 6.5 : 0,
        5 => (day, hour) => day >= 6 && (hour < 6 || hour >= 19 || day % 7 >= 5) ? 3.0 : 0,
        _ => null,
    };

    [Fact]
    public void Detect_ExplainsAWeakerNeighbourAtNight_ByTheStrongerFault()
    {
        FaultReport report = FaultDetector.Detect(Building(12, 21, NightFaultAndItsNeighbour, sparseNights: false));
        Assert.Equal("r04", Assert.Single(report.Flagged).Room);
        RoomVerdict neighbour = report.Rooms.Single(r => r.Room == "r05");
        Assert.Equal("r04", neighbour.ExplainedBy);
        Assert.NotEmpty(neighbour.SecondaryFindings);
        FaultReport withoutRule = FaultDetector.Detect(Building(12, 21, NightFaultAndItsNeighbour, sparseNights: false), new FaultDetectorOptions { SecondaryRatio = 0 });
        Assert.Equal(["r04", "r05"], withoutRule.Flagged.Select(r => r.Room).Order());
    }

    [Fact]
    public void Detect_IgnoresHoursWithTooFewPeers()
    {
        // Only 3 rooms report: below the minimum of 5 peers, no band, no verdict.
        FaultReport report = FaultDetector.Detect(Building(3, 7, i => i == 0 ? (_, _) => 6.0 : null));
        Assert.Empty(report.Flagged);
        Assert.All(report.PeerMedian, m => Assert.True(double.IsNaN(m)));
    }

    [Fact]
    public void FromStore_ReadsEachNodesTemperatures_UnderItsRoom()
    {
        using var db = new TempDatabase();
        using ReadingStore store = db.Open();
        store.Store(new DecodedPack("n1", [new DecodedReading("n1", 1, Monday + 10, 21.5, 40, 300, 4.1, 0), new DecodedReading("n1", 2, Monday + 900, null, 40, 300, 4.1, 0)], null), (Monday + 950) * 1000);
        store.Store(new DecodedPack("n2", [new DecodedReading("n2", 1, Monday + 20, 20.5, null, null, null, null)], null), (Monday + 30) * 1000);
        store.SetRoom("n1", "101");
        IReadOnlyList<RoomSamples> rooms = RoomSamples.FromStore(store);
        Assert.Equal(["101", "n2"], rooms.Select(r => r.Room));
        Assert.Equal([Monday + 10], rooms[0].UnixSeconds);
        Assert.Equal([21.5], rooms[0].TemperatureCelsius);
        Assert.Empty(RoomSamples.FromStore(store, Monday + 100));
    }

    [Fact]
    public void Options_Validate_NamesTheBadValue()
    {
        Assert.Contains("min peers", Assert.Throws<ArgumentException>(() => new FaultDetectorOptions { MinPeers = 2 }.Validate()).Message);
        Assert.Contains("threshold", Assert.Throws<ArgumentException>(() => new FaultDetectorOptions { Threshold = 0 }.Validate()).Message);
    }
}
