using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Simulation;

namespace SensorNode.Core.Tests.WakeCycleScenarios;

/// <summary>One wake of a <see cref="SimulatedNode"/>'s devices, as <see cref="SimulatedNode.Wake(WakeCause)"/> runs it, with parts swapped in.</summary>
internal static class CustomWake
{
    /// <summary>
    /// Boots <paramref name="node"/> and runs one wake over its devices, but with <paramref name="mqtt"/> (null: the node's
    /// simulated session), <paramref name="storage"/> (null: the node's raw flash) and <paramref name="policy"/> (null: the table in flash).
    /// </summary>
    public static WakeReport Run(SimulatedNode node, WakeCause cause, IMqttSession? mqtt = null, IPersistentStorage? storage = null, IWakePolicy? policy = null)
    {
        node.Clock.Boot();
        node.Sleep.Boot(cause);
        node.RadioConfig.Boot();
        var hardware = new NodeHardware
        {
            ClimateSensor = node.Sht3x,
            LightSensor = node.Config.LightSensor == LightSensorKind.Bh1750 ? node.Bh1750 : node.Opt3001,
            SupercapAdc = node.Adc,
            Pir = node.Pir,
            Clock = node.Clock,
            Delay = node.Clock,
            Storage = storage ?? node.Flash,
            Link = node.Link,
            Mqtt = mqtt ?? node.Mqtt,
            RadioConfig = node.ModelBootTimeRadio ? node.RadioConfig : null,
        };
        var cycle = new WakeCycle(node.Config, hardware, policy);
        cycle.Run(node.Sleep.GetWakeCause()).Enter(node.Sleep, hardware.RadioConfig);
        return cycle.LastReport;
    }
}
