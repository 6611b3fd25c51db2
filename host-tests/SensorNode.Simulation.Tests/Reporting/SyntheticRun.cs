using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Reporting;

/// <summary>
/// Made-up but plausible runs for the reporting tests: a day/night harvest, a supercap that charges by
/// day and sags at night (browning out on dark nights), periodic wakes, hourly transmissions and
/// seeded random motion events that are missed while the node is down (and now and then while it is up).
/// </summary>
internal static class SyntheticRun
{
    /// <summary>2026-03-01T00:00:00Z.</summary>
    public const long Start = 1_772_323_200;

    public static NodeTimeline Timeline(int days, int wakePeriodSeconds, int seed = 7)
    {
        var rng = new Random(seed);
        var pirBlind = new Random(seed + 1);
        var t = new NodeTimeline { SampleSeconds = 600, StartUnixSeconds = Start };
        long end = Start + days * 86_400L;
        double volts = 2.6;
        bool down = false;
        double cloud = 1.0;
        for (long s = Start; s < end; s += t.SampleSeconds)
        {
            double hour = (s - Start) % 86_400 / 3600.0;
            if (hour == 0)
            {
                cloud = 0.1 + 0.9 * rng.NextDouble();
            }

            double sun = Math.Max(0, Math.Sin((hour - 6) / 12 * Math.PI));
            double harvestUw = 900 * sun * cloud;
            volts = Math.Clamp(volts + (harvestUw - 175) * 0.00004, 1.6, 5.2);
            bool wasDown = down;
            down = down ? volts < 2.6 : volts < 2.1;
            t.SampleTimes.Add(s);
            t.SupercapVolts.Add(volts);
            t.HarvestMicrowatts.Add(harvestUw);
            if (down && !wasDown)
            {
                t.BrownoutTimes.Add(s);
            }

            for (long w = s; w < s + t.SampleSeconds; w += wakePeriodSeconds)
            {
                if (!down)
                {
                    (w % 3600 == 0 ? t.TransmitTimes : t.WakeTimes).Add(w);
                }
            }

            if (rng.NextDouble() < 0.02)
            {
                long e = s + rng.Next(t.SampleSeconds);
                (down || pirBlind.NextDouble() < 0.1 ? t.MissedEventTimes : t.CapturedEventTimes).Add(e);
            }
        }

        return t;
    }

    public static SimulationMetrics Metrics() => new()
    {
        Policy = "heuristic",
        Environment = "office-window",
        Profile = "default",
        Seed = 42,
        Nodes = 3,
        Faults = "wifi-drop:0.05",
        EventsTotal = 20,
        EventsCaptured = 19,
        EventsDelivered = 18,
        ReadingsTaken = 4321,
        ReadingsDelivered = 4300,
        ReadingsDropped = 3,
        ReadingsPending = 18,
        ReadingsDuplicated = 2,
        Wakes = 4400,
        MotionWakes = 19,
        Brownouts = 3,
        DeadTimeFraction = 0.0125,
        WatchedFraction = 0.625,
        WifiConnects = 720,
        MessagesPublished = 4302,
        EnergyHarvestedJ = 150.25,
        EnergySpentJ = 120.5,
        EnergySpentByPhaseJ = new()
        {
            ["sleep"] = 30.125,
            ["boot"] = 10,
            ["compute"] = 5.5,
            ["sensing"] = 4.875,
            ["flash_write"] = 2,
            ["wifi_associate"] = 45,
            ["mqtt_connect"] = 15,
            ["mqtt_publish"] = 8,
        },
        EnergyLeakageJ = 12.75,
        EnergyClampLossJ = 9.5,
        EnergyStoredChangeJ = 7.4,
        EnergyBalanceErrorJ = 0.1,
        EnergyPerDeliveredReadingMj = 28.023255813953487,
        DeliveryLatencyP50S = 1800.5,
        DeliveryLatencyP95S = 3540.4,
        ArrivalsTotal = 41,
        ArrivalsOnTime = 29,
        ArrivalLatencyP50S = 12.5,
        ArrivalLatencyP95S = 2710.25,
        TemperatureIntervals = 168,
        TemperatureIntervalsCovered = 151,
        TemperatureCoverage = 151 / 168.0,
        BrownoutsFloor = 1,
        Utility = 2.125,
        FinalSupercapV = 3.3125,
        MinSupercapV = 2.05,
        FaultsInjected = new() { ["wifi_drop"] = 36, ["flash_refuse"] = 1 },
        TraceRowsSkipped = 2,
        TraceSkippedExamples = new() { "light.csv:17: not a number: 'x'", "light.csv:90: time goes backwards" },
        SimulatedDays = 30,
        WallSeconds = 1.75,
        NodeDaysPerSecond = 17.142857142857142,
        TimeErrorMaxS = 42.5,
        TimeDriftSecondsPerDay = 1728,
    };
}
