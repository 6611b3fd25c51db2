using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Reporting;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Tests.Simulator;

/// <summary>Whole simulated runs: the real core, wake by wake, under the physics.</summary>
public class NodeSimulatorTests
{
    private static readonly long Monday = new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static SimulationSetup Setup(int days = 7, string faults = "", int seed = 1, PolicySpec? policy = null, SyntheticProfileKind kind = SyntheticProfileKind.Office) => new()
    {
        Config = new NodeConfig(),
        Profile = HardwareProfile.Default(),
        Environment = SyntheticEnvironment.Generate(kind, Monday, days, seed),
        FaultSpec = faults,
        Seed = seed,
        Policy = policy ?? PolicySpec.BuiltIn(),
    };

    private static NodeRunResult Run(SimulationSetup setup) => new NodeSimulator(setup, 0, recordTimeline: true).Run();

    [Fact]
    public void SameSeedAndInputs_GiveIdenticalMetrics()
    {
        SimulationMetrics a = Run(Setup(faults: "wifi=0.1,crc=0.05,no-ack=0.05", seed: 7)).Metrics;
        SimulationMetrics b = Run(Setup(faults: "wifi=0.1,crc=0.05,no-ack=0.05", seed: 7)).Metrics;
        a.WallSeconds = b.WallSeconds = 0;
        a.NodeDaysPerSecond = b.NodeDaysPerSecond = 0;

        Assert.Equal(MetricsJson.Serialize(a), MetricsJson.Serialize(b));
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentRuns()
    {
        SimulationMetrics a = Run(Setup(seed: 1)).Metrics;
        SimulationMetrics b = Run(Setup(seed: 2)).Metrics;

        a.WallSeconds = b.WallSeconds = 0;
        a.NodeDaysPerSecond = b.NodeDaysPerSecond = 0;

        Assert.NotEqual(MetricsJson.Serialize(a), MetricsJson.Serialize(b));
    }

    [Fact]
    public void EnergyIsConserved_OverAWholeRun()
    {
        SimulationMetrics m = Run(Setup(days: 14)).Metrics;

        double outflow = m.EnergySpentJ + m.EnergyLeakageJ + m.EnergyClampLossJ + m.EnergyStoredChangeJ;
        Assert.True(m.EnergyHarvestedJ > 10, $"harvested {m.EnergyHarvestedJ} J");
        Assert.InRange(Math.Abs(m.EnergyHarvestedJ - outflow), 0, 1e-9 * m.EnergyHarvestedJ + 1e-9);
        Assert.Equal(m.EnergySpentJ, m.EnergySpentByPhaseJ.Values.Sum(), 6);
        Assert.True(m.EnergySpentByPhaseJ["boot"] > 0 && m.EnergySpentByPhaseJ["sleep"] > 0 && m.EnergySpentByPhaseJ["wifi_associate"] > 0);
    }

    [Fact]
    public void Metrics_AreConsistentWithEachOther()
    {
        SimulationMetrics m = Run(Setup(days: 14)).Metrics;

        Assert.True(m.EventsTotal > 0);
        Assert.InRange(m.EventsCaptured, 0, m.EventsTotal);
        Assert.InRange(m.EventsDelivered, 0, m.EventsCaptured);
        Assert.InRange(m.ReadingsDelivered, 1, m.ReadingsTaken);
        Assert.True(m.Wakes >= m.ReadingsTaken);
        Assert.InRange(m.DeadTimeFraction, 0, 1);
        Assert.True(m.DeliveryLatencyP95S >= m.DeliveryLatencyP50S);
        Assert.Equal(14, m.SimulatedDays, 6);
        Assert.True(m.MessagesPublished >= 1);
    }

    [Theory]
    [InlineData("i2c-nack=0.3")]
    [InlineData("crc=0.3")]
    [InlineData("wifi=0.3")]
    [InlineData("broker-down=0.3")]
    [InlineData("no-ack=0.3")]
    [InlineData("brownout-tx=0.3")]
    [InlineData("flash-cut=0.05")]
    public void EveryFaultKind_LeavesNoReadingSilentlyLost(string faults)
    {
        NodeRunResult result = Run(Setup(days: 7, faults: faults, seed: 3));
        SimulationMetrics m = result.Metrics;

        Assert.True(m.FaultsInjected.Values.Sum() > 0, $"{faults}: nothing injected");
        // Each reading is delivered, still in the log, or counted as dropped by the node itself: exactly, so a run that
        // loses one reading silently and drops another cannot balance the books.
        Assert.Equal(m.ReadingsDropped, result.UnaccountedReadings);
        Assert.True(m.ReadingsDelivered + m.ReadingsPending + m.ReadingsDropped == m.ReadingsTaken,
            $"{faults}: taken {m.ReadingsTaken}, delivered {m.ReadingsDelivered}, pending {m.ReadingsPending}, dropped {m.ReadingsDropped}");
    }

    [Fact]
    public void BrownoutDuringTransmission_IsCountedAsABrownout_AndTheNodeRecovers()
    {
        SimulationMetrics m = Run(Setup(days: 7, faults: "brownout-tx=1", seed: 5)).Metrics;

        Assert.True(m.Brownouts >= 1);
        Assert.True(m.Wakes > m.Brownouts, "the node came back after each brown-out");
        Assert.Equal(0, m.ReadingsDelivered);                 // every transmission died
    }

    [Fact]
    public void UnarmedPir_CapturesOnlyEventsThatHappenWhileAwake()
    {
        // A policy that never arms the PIR: fixed intervals but the armed flag off everywhere.
        var config = new NodeConfig();
        var codes = new byte[Core.Policy.StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++)
            codes[i] = Core.Policy.PolicyTable.EncodeAction(new Core.Policy.PolicyAction { WakeIntervalIndex = 5, MotionWakeArmed = false, Transmit = true });
        string path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, Core.Policy.PolicyTable.FromActionCodes(7, codes).Serialize());
        try
        {
            SimulationMetrics m = Run(Setup(days: 7, policy: PolicySpec.Parse(path, config))).Metrics;
            Assert.Equal(0, m.MotionWakes);
            Assert.True(m.EventsCaptured < m.EventsTotal / 10, $"captured {m.EventsCaptured} of {m.EventsTotal}");
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void DarkRoom_BrownsOut_AndStaysDeadWithoutLight()
    {
        // Window-side at night-only would be dark; use a trace with no light at all.
        var dark = new EnvironmentTrace("dark", Monday, 60, new float[7 * 1440], new float[7 * 1440].Select(_ => 21f).ToArray(),
            new float[7 * 1440].Select(_ => 45f).ToArray(), Array.Empty<long>(), new TraceDiagnostics("dark"));
        var setup = new SimulationSetup { Config = new NodeConfig(), Profile = HardwareProfile.Default(), Environment = dark, InitialVolts = 3.4 };

        SimulationMetrics m = new NodeSimulator(setup, 0, false).Run().Metrics;

        Assert.Equal(1, m.Brownouts);
        Assert.InRange(m.DeadTimeFraction, 0.3, 1);
        Assert.Equal(0, m.EnergyHarvestedJ);
    }

    [Fact]
    public void Fleet_SumsItsNodes_AndIsIndependentOfParallelism()
    {
        SimulationSetup setup = Setup(days: 3);
        Func<int, EnvironmentTrace> env = i => SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 3, 100 + i);

        FleetResult parallel = FleetSimulator.Run(setup, 4, env);
        FleetResult serial = FleetSimulator.Run(setup, 4, env, maxParallelism: 1);

        Assert.Equal(4, parallel.Metrics.Nodes);
        Assert.Equal(parallel.PerNode.Sum(n => n.Wakes), parallel.Metrics.Wakes);
        Assert.Equal(parallel.PerNode.Sum(n => n.EventsCaptured), parallel.Metrics.EventsCaptured);
        Assert.Equal(serial.PerNode.Select(n => n.Wakes), parallel.PerNode.Select(n => n.Wakes));
        Assert.Equal(serial.Metrics.EnergySpentJ, parallel.Metrics.EnergySpentJ, 9);
    }
}
