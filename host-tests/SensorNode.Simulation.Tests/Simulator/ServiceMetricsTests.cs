using SensorNode.Core.Config;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Simulator;

public class ServiceMetricsTests
{
    private const long Start = 1_700_000_000_000; // Unix ms
    private const long Min = 60_000;
    private static readonly ServiceTargets Defaults = new(); // 30 min gap, 15 min target, 60 min intervals

    [Fact]
    public void Compute_CountsAMotionAfterAQuietGap_AsAnArrival_AndMeasuresItsLatency()
    {
        // Events at 40, 50 (burst), 100 min; readings 1 (taken 40, arrived 45), 2 (taken 100, arrived 130).
        long[] events = { Start + 40 * Min, Start + 50 * Min, Start + 100 * Min };
        uint[] sequence = { 1, 1, 2 };
        long[] taken = { 0, Start + 40 * Min, Start + 100 * Min };
        long[] arrived = { 0, Start + 45 * Min, Start + 130 * Min };
        bool[] temperature = { false, true, true };

        ServiceOutcome o = ServiceMetrics.Compute(Start, Start + 180 * Min, events, sequence, taken, arrived, temperature, Defaults);

        Assert.Equal(2, o.ArrivalsTotal);           // 40 min (after the 40 min since the start) and 100 min; 50 is within the gap
        Assert.Equal(1, o.ArrivalsOnTime);          // 5 min on time; 30 min late
        Assert.Equal(new[] { 300.0, 1800.0 }, o.ArrivalLatenciesSeconds);
    }

    [Fact]
    public void Compute_MissedAndUndeliveredArrivals_AreLate_WithInfiniteLatency()
    {
        long[] events = { Start + 60 * Min, Start + 200 * Min };
        uint[] sequence = { 0, 1 };                 // the first was missed; the second stored but never delivered
        long[] taken = { 0, Start + 200 * Min };
        long[] arrived = { 0, 0 };
        bool[] temperature = { false, true };

        ServiceOutcome o = ServiceMetrics.Compute(Start, Start + 300 * Min, events, sequence, taken, arrived, temperature, Defaults);

        Assert.Equal(2, o.ArrivalsTotal);
        Assert.Equal(0, o.ArrivalsOnTime);
        Assert.All(o.ArrivalLatenciesSeconds, l => Assert.True(double.IsPositiveInfinity(l)));
    }

    [Fact]
    public void Compute_ASequenceReusedForALaterReading_IsNotTheEventsDelivery()
    {
        long[] events = { Start + 60 * Min };
        uint[] sequence = { 1 };
        long[] taken = { 0, Start + 70 * Min };     // sequence 1 now belongs to a reading taken after the event
        long[] arrived = { 0, Start + 71 * Min };
        ServiceOutcome o = ServiceMetrics.Compute(Start, Start + 120 * Min, events, sequence, taken, arrived, new[] { false, true }, Defaults);
        Assert.Equal(0, o.ArrivalsOnTime);
    }

    [Fact]
    public void Compute_TemperatureCoverage_CountsIntervalsWithADeliveredReadingThatHasATemperature()
    {
        // 4 intervals of 60 min (the last one partial); readings: 10 min delivered, 20 min delivered (same interval),
        // 70 min undelivered, 130 min delivered without temperature, 190 min delivered.
        long[] taken = { 0, Start + 10 * Min, Start + 20 * Min, Start + 70 * Min, Start + 130 * Min, Start + 190 * Min };
        long[] arrived = { 0, Start + 11 * Min, Start + 21 * Min, 0, Start + 131 * Min, Start + 300 * Min };
        bool[] temperature = { false, true, true, true, false, true };

        ServiceOutcome o = ServiceMetrics.Compute(Start, Start + 200 * Min, Array.Empty<long>(), Array.Empty<uint>(), taken, arrived, temperature, Defaults);

        Assert.Equal(4, o.TemperatureIntervals);
        Assert.Equal(2, o.TemperatureIntervalsCovered); // intervals 0 and 3
        Assert.Equal(0, o.ArrivalsTotal);
    }

    [Fact]
    public void Utility_ByDefault_ABrownoutAboveTheFloorCostsANodeDayOfTheBestPossibleScore()
    {
        // A perfect day (every event, every arrival on time, every hour covered, watched all day) with one brown-out
        // above the floor scores nothing: the default price of a brown-out is the whole day's service.
        var perfectDay = new SimulationMetrics
        {
            EventsTotal = 10, EventsCaptured = 10, ArrivalsTotal = 2, ArrivalsOnTime = 2, TemperatureCoverage = 1,
            WatchedFraction = 1, Brownouts = 1, SimulatedDays = 1, Nodes = 1,
        };
        Assert.Equal(0, ServiceMetrics.Utility(perfectDay, brownoutsFloor: 0, Defaults), 9);
        Assert.Equal(Defaults.WeightEvents + Defaults.WeightArrivals + Defaults.WeightTemperature + Defaults.WeightWatched, Defaults.WeightBrownout, 9);
        Assert.Equal(new NodeConfig().ServiceWeightBrownoutMilli / 1000.0, Defaults.WeightBrownout, 9);
        // [service] without weight_brownout means the same default.
        Assert.Equal(ServiceTargets.FromConfig(new NodeConfig()).WeightBrownout, Defaults.WeightBrownout, 9);
    }

    [Fact]
    public void Utility_WeighsTheServices_AndPenalisesOnlyBrownoutsAboveTheFloor()
    {
        var m = new SimulationMetrics
        {
            EventsTotal = 100, EventsCaptured = 90, ArrivalsTotal = 10, ArrivalsOnTime = 5, TemperatureCoverage = 0.8,
            DeadTimeFraction = 0.1, Brownouts = 3, SimulatedDays = 10, Nodes = 1,
        };
        var unitBrownout = new ServiceTargets { WeightBrownout = 1 };
        // 0.9 + 0.5 + 0.8 - 0.1 - 1 x (3 - 1) / 10
        Assert.Equal(1.9, ServiceMetrics.Utility(m, brownoutsFloor: 1, unitBrownout), 9);
        Assert.Equal(2.1, ServiceMetrics.Utility(m, brownoutsFloor: 5, unitBrownout), 9);
        var arrivalsOnly = new ServiceTargets { WeightEvents = 0, WeightArrivals = 2, WeightTemperature = 0, WeightDeadTime = 0, WeightBrownout = 0 };
        Assert.Equal(1.0, ServiceMetrics.Utility(m, 0, arrivalsOnly), 9);
    }

    [Fact]
    public void FromConfig_ReadsTheServiceSection()
    {
        var config = new NodeConfig { ServiceArrivalGapMinutes = 45, ServiceArrivalTargetMinutes = 5, ServiceTemperatureIntervalMinutes = 30, ServiceWeightBrownoutMilli = 250 };
        ServiceTargets t = ServiceTargets.FromConfig(config);
        Assert.Equal(2700, t.ArrivalGapSeconds);
        Assert.Equal(300, t.ArrivalTargetSeconds);
        Assert.Equal(1800, t.TemperatureIntervalSeconds);
        Assert.Equal(0.25, t.WeightBrownout);
        Assert.Equal(new ServiceTargets().ArrivalGapSeconds, ServiceTargets.FromConfig(new NodeConfig()).ArrivalGapSeconds);
    }
}
