using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Devices;

namespace SensorNode.Simulation;

/// <summary>
/// One node's simulated hardware, and its wakes. Every <see cref="Wake"/> is a reboot: a brand-new
/// <see cref="WakeCycle"/> is built over the same devices, so the only thing carried from one wake to the
/// next is what the core wrote to <see cref="Flash"/>, exactly as on the device.
/// </summary>
public sealed class SimulatedNode
{
    public NodeConfig Config { get; }
    public SimulatedClock Clock { get; }
    public SimulatedFlash Flash { get; }
    public SimulatedSht3x Sht3x { get; }
    public SimulatedOpt3001 Opt3001 { get; }
    public SimulatedBh1750 Bh1750 { get; }
    public SimulatedAdc Adc { get; }
    public SimulatedPin Pir { get; }
    public SimulatedLink Link { get; }
    public SimulatedBroker Broker { get; }
    public SimulatedMqttSession Mqtt { get; }
    public SimulatedSleepController Sleep { get; }

    /// <summary>The report of the last wake.</summary>
    public WakeReport? LastReport { get; private set; }

    public SimulatedNode(NodeConfig config, long startUnixMilliseconds, int seed, SimulatedBroker? broker = null)
    {
        Config = config;
        Clock = new SimulatedClock(startUnixMilliseconds);
        Flash = new SimulatedFlash();
        Sht3x = new SimulatedSht3x { TemperatureCelsius = 21.5, HumidityPercent = 45 };
        Opt3001 = new SimulatedOpt3001 { IlluminanceLux = 300 };
        Bh1750 = new SimulatedBh1750 { IlluminanceLux = 300 };
        Adc = new SimulatedAdc(config.DividerRatioMilli, gain: 1.0, offsetMillivolts: 0, noiseMillivoltsRms: 0, seed: seed);
        Adc.SupercapVolts = 4.5;
        Pir = new SimulatedPin();
        Link = new SimulatedLink(Clock);
        Broker = broker ?? new SimulatedBroker();
        Mqtt = new SimulatedMqttSession(Broker, Link, Clock);
        Sleep = new SimulatedSleepController();
    }

    /// <summary>Light at the node, lx (both light-sensor models see it).</summary>
    public double IlluminanceLux
    {
        get => Opt3001.IlluminanceLux;
        set { Opt3001.IlluminanceLux = value; Bh1750.IlluminanceLux = value; }
    }

    /// <summary>Boots the node for one wake and runs it to the point where it enters deep sleep.</summary>
    public WakeReport Wake(WakeCause cause)
    {
        Clock.Boot();
        Sleep.Boot(cause);
        var hardware = new NodeHardware
        {
            ClimateSensor = Sht3x,
            LightSensor = Config.LightSensor == LightSensorKind.Bh1750 ? Bh1750 : Opt3001,
            SupercapAdc = Adc,
            Pir = Pir,
            Clock = Clock,
            Delay = Clock,
            Storage = Flash,
            Link = Link,
            Mqtt = Mqtt,
        };
        var cycle = new WakeCycle(Config, hardware);
        SleepPlan plan = cycle.Run(Sleep.GetWakeCause());
        plan.Enter(Sleep);
        LastReport = cycle.LastReport;
        return cycle.LastReport;
    }

    /// <summary>Deep sleep for the armed interval (or until <paramref name="maxMilliseconds"/>).</summary>
    public void SleepFor(long milliseconds) => Clock.Advance(milliseconds);
}
