using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Storage;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>The climate slot end to end: nf.config picks the chip, the wake reads it, the payload carries its values.</summary>
public class ClimateSensorWakeTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC

    private static SimulatedNode TransmittingNode(ClimateSensorKind kind)
    {
        var config = new NodeConfig { ClimateSensor = kind, ClimateAddress = kind == ClimateSensorKind.Sht4x ? 0x46 : 0x44 };
        var node = new SimulatedNode(config, Start, seed: 1) { TemperatureCelsius = 23.45, HumidityPercent = 38.5 };
        var action = new PolicyAction { WakeIntervalIndex = 4, MotionWakeArmed = false, Transmit = true };
        byte[] table = PolicyTable.FromActionCodes(99, Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray()).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
        return node;
    }

    private static double Published(SimulatedNode node, string name) =>
        node.Broker.Messages.Where(m => m.Topic.EndsWith("/state"))
            .SelectMany(m => JsonDocument.Parse(m.Payload).RootElement.EnumerateArray())
            .Single(r => r.TryGetProperty("n", out var n) && n.GetString() == name).GetProperty("v").GetDouble();

    [Theory]
    [InlineData(ClimateSensorKind.Sht3x)]
    [InlineData(ClimateSensorKind.Sht4x)]
    public void TheConfiguredChip_IsRead_AndItsValuesArePublished(ClimateSensorKind kind)
    {
        SimulatedNode node = TransmittingNode(kind);

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(ReadingFaults.None, report.Faults);
        Assert.Equal(kind == ClimateSensorKind.Sht3x ? 1 : 0, node.Sht3x.MeasurementsStarted);
        Assert.Equal(kind == ClimateSensorKind.Sht4x ? 1 : 0, node.Sht4x.MeasurementsStarted);
        Assert.Equal(23.45, Published(node, "temperature"), 2);
        Assert.Equal(38.5, Published(node, "humidity"), 2);
    }

    [Fact]
    public void AMissingSht4x_IsAClimateFault_NeverANumber()
    {
        SimulatedNode node = TransmittingNode(ClimateSensorKind.Sht4x);
        node.Sht4x.Present = false;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.Equal(ReadingFaults.Climate, report.Faults);
        string payload = node.Broker.Messages.Single(m => m.Topic.EndsWith("/state")).PayloadText;
        Assert.DoesNotContain("\"Cel\"", payload);
        Assert.Contains("\"lx\"", payload);
    }
}
