using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Update;
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
    public SimulatedSht4x Sht4x { get; }
    public SimulatedOpt3001 Opt3001 { get; }
    public SimulatedBh1750 Bh1750 { get; }
    public SimulatedAdc Adc { get; }
    public SimulatedPin Pir { get; }
    public SimulatedLink Link { get; }
    public SimulatedBroker Broker { get; }
    public SimulatedMqttSession Mqtt { get; }
    public SimulatedSleepController Sleep { get; }
    /// <summary>The event RTC on the I2C bus; null unless the config has an [rtc] section.</summary>
    public SimulatedRv3028? Rtc { get; }
    /// <summary>True Unix ms at which the core of the last wake started (after boot and compute time).</summary>
    public long CoreStartUnixMilliseconds { get; private set; }
    /// <summary>nanoCLR's stored Wi-Fi configuration; wired into the core only with <see cref="ModelBootTimeRadio"/>.</summary>
    public SimulatedRadioConfig RadioConfig { get; } = new();

    /// <summary>
    /// Model nanoCLR's boot-time radio (docs/architecture.md): the radio works only in a boot that started with the stored
    /// configuration enabled, so a transmission costs an extra short boot. Off by default: older runs and their
    /// evaluation baselines assume a radio usable at any moment.
    /// </summary>
    public bool ModelBootTimeRadio
    {
        get => _hardware.RadioConfig != null;
        set
        {
            _hardware.RadioConfig = value ? RadioConfig : null;
            Link.RadioAvailable = value ? () => RadioConfig.EnabledAtBoot : null;
        }
    }

    /// <summary>The divider's load switch (always present: the ADC only sees it when the config names a gate pin).</summary>
    public SimulatedSwitch DividerSwitch { get; } = new();

    /// <summary>The hold line of the ESP32's load switch ([rtc] power_hold_pin; unused without it).</summary>
    public SimulatedSwitch PowerHold { get; } = new();

    /// <summary>
    /// After <see cref="Wake"/>: the node released its load switch and the RTC's INT does not hold it, so the ESP32 is
    /// off until the INT switches it on ([rtc] power_hold_pin); false: it deep-sleeps (without the switch, or the
    /// gate's fallback).
    /// </summary>
    public bool PoweredOff { get; private set; }

    /// <summary>nanoCLR boot after deep sleep, ms, booked as <see cref="Physics.PowerPhase.Boot"/> before the core runs (0 in plain tests).</summary>
    public int BootMilliseconds { get; set; }

    /// <summary>nanoCLR's boot-time radio start and association, ms (0: the stored Wi-Fi config is disabled), booked as <see cref="Physics.PowerPhase.BootAssociate"/>.</summary>
    public int BootAssociateMilliseconds { get; set; }

    /// <summary>The core's own compute time on nanoCLR, ms, booked as <see cref="Physics.PowerPhase.Compute"/>.</summary>
    public int ComputeMilliseconds { get; set; }

    private readonly NodeHardware _hardware;

    /// <summary>CRC of the node's sealed nf.config, announced with "sleeping:&lt;s&gt;;cfg=&lt;crc&gt;" (0: none, the plain form).</summary>
    public uint ConfigCrc { get; set; }

    /// <summary>The report of the last wake.</summary>
    public WakeReport? LastReport { get; private set; }

    /// <summary>
    /// Runs the loader before each wake (docs/updates.md): the core's <see cref="AppBoot"/> over this node's flash, as the
    /// device's Program does. Off by default: a node that never takes an update has no boot.bin, and older runs stay as they were.
    /// </summary>
    public bool ModelLoader { get; set; }

    /// <summary>
    /// Which downloaded versions are bad applications: their entry point fails before the wake completes, so (as on the
    /// device) the attempt stays counted and the flashed application runs this boot's wake. Null: every set works.
    /// </summary>
    public Func<uint, bool>? ApplicationFails { get; set; }

    /// <summary>Reading a downloaded set from flash and Assembly.Load at each boot that runs it, ms per KiB (an estimate to bench-measure).</summary>
    public double LoadMillisecondsPerKibibyte { get; set; } = 2;

    public SimulatedNode(NodeConfig config, long startUnixMilliseconds, int seed, SimulatedBroker? broker = null, double adcNoiseMillivoltsRms = 0)
    {
        Config = config;
        Clock = new SimulatedClock(startUnixMilliseconds);
        Flash = new SimulatedFlash();
        Sht3x = new SimulatedSht3x { TemperatureCelsius = 21.5, HumidityPercent = 45 };
        Sht4x = new SimulatedSht4x { TemperatureCelsius = 21.5, HumidityPercent = 45 };
        Opt3001 = new SimulatedOpt3001 { IlluminanceLux = 300 };
        Bh1750 = new SimulatedBh1750 { IlluminanceLux = 300 };
        Adc = CalibratedAdc(config, adcNoiseMillivoltsRms, seed);
        Adc.SupercapVolts = 4.5;
        Pir = new SimulatedPin();
        Link = new SimulatedLink(Clock);
        Broker = broker ?? new SimulatedBroker();
        Mqtt = new SimulatedMqttSession(Broker, Link, Clock);
        Sleep = new SimulatedSleepController();
        _hardware = new NodeHardware
        {
            ClimateSensor = Climate,
            LightSensor = config.LightSensor == LightSensorKind.Bh1750 ? Bh1750 : Opt3001,
            SupercapAdc = Adc,
            Pir = Pir,
            Clock = Clock,
            Delay = Clock,
            Storage = new PowerAwareStorage(Flash, Clock),
            Link = Link,
            Mqtt = Mqtt,
            SupercapGate = config.SupercapGatePin >= 0 ? DividerSwitch : null,
        };
        if (config.SupercapGatePin >= 0) Adc.Gate = DividerSwitch;
        if (config.RtcFitted)
        {
            Rtc = new SimulatedRv3028(() => Clock.NowUnixMilliseconds);
            _hardware.EventRtc = Rtc;
        }
    }

    /// <summary>
    /// An ADC whose error is exactly what the config's two-point calibration corrects (as on a board calibrated
    /// on the bench): the calibration line raw = f(pin mV) is inverted into the converter's gain and offset.
    /// </summary>
    private static SimulatedAdc CalibratedAdc(NodeConfig config, double noiseMillivoltsRms, int seed)
    {
        double countsPerMillivolt = (double)(config.CalibrationHighRaw - config.CalibrationLowRaw)
                                  / (config.CalibrationHighMillivolts - config.CalibrationLowMillivolts);
        double idealCountsPerMillivolt = SimulatedAdc.FullScaleRaw / SimulatedAdc.IdealFullScaleMillivolts;
        double gain = countsPerMillivolt / idealCountsPerMillivolt;
        double offsetMillivolts = (config.CalibrationLowRaw - config.CalibrationLowMillivolts * countsPerMillivolt) / idealCountsPerMillivolt;
        return new SimulatedAdc(config.DividerRatioMilli, gain, offsetMillivolts, noiseMillivoltsRms, seed);
    }

    /// <summary>Routes the node's MQTT through another session (a real broker) instead of the in-process one.</summary>
    public void ReplaceMqtt(IMqttSession session) => _hardware.Mqtt = session;

    /// <summary>The climate sensor the config fits (faults are injected into it).</summary>
    public SimulatedI2cDevice Climate => Config.ClimateSensor == ClimateSensorKind.Sht4x ? Sht4x : Sht3x;

    /// <summary>Air temperature at the node, degC (both climate-sensor models see it).</summary>
    public double TemperatureCelsius
    {
        get => Sht3x.TemperatureCelsius;
        set { Sht3x.TemperatureCelsius = value; Sht4x.TemperatureCelsius = value; }
    }

    /// <summary>Relative humidity at the node, % (both climate-sensor models see it).</summary>
    public double HumidityPercent
    {
        get => Sht3x.HumidityPercent;
        set { Sht3x.HumidityPercent = value; Sht4x.HumidityPercent = value; }
    }

    /// <summary>Light at the node, lx (both light-sensor models see it).</summary>
    public double IlluminanceLux
    {
        get => Opt3001.IlluminanceLux;
        set { Opt3001.IlluminanceLux = value; Bh1750.IlluminanceLux = value; }
    }

    /// <summary>Boots the node for one wake and runs it to the point where it enters deep sleep.</summary>
    public WakeReport Wake(WakeCause cause) => Wake(cause, null);

    /// <summary>One wake deciding with <paramref name="policy"/> instead of the table in flash (null: the table).</summary>
    public WakeReport Wake(WakeCause cause, IWakePolicy? policy)
    {
        Clock.Boot();
        // A switched-off ESP32 always boots as from a power-on: only the RTC's flags tell why (RtcPowerGate).
        Sleep.Boot(PoweredOff ? WakeCause.PowerOn : cause);
        PoweredOff = false;
        RadioConfig.Boot();
        Clock.Awake(BootMilliseconds, Physics.PowerPhase.Boot);
        if (BootAssociateMilliseconds > 0) Clock.Awake(BootAssociateMilliseconds, Physics.PowerPhase.BootAssociate);
        Clock.Awake(ComputeMilliseconds, Physics.PowerPhase.Compute);
        bool setFailed = ModelLoader && RunLoader();
        // Only the flash survives from the previous wake: the core is built afresh, as after a real reboot.
        var cycle = new WakeCycle(Config, _hardware, policy) { ConfigCrc = ConfigCrc, UpdatesEnabled = ModelLoader };
        CoreStartUnixMilliseconds = Clock.NowUnixMilliseconds;
        // As the device's Program: with the RTC as the power switch, hold the power first and take the cause from the RTC.
        RtcPowerGate? gate = null;
        if (Config.RtcPowerGated && Rtc != null)
        {
            gate = new RtcPowerGate(Sleep, Rtc, PowerHold);
            gate.HoldPower();
        }
        ISleepController sleep = gate ?? (ISleepController)Sleep;
        SleepPlan plan = cycle.Run(sleep.GetWakeCause());
        cycle.LastReport.ApplicationFailed = setFailed;
        plan.Enter(sleep, _hardware.RadioConfig);
        PoweredOff = gate != null && !PowerHold.On && !Rtc!.InterruptAsserted;
        LastReport = cycle.LastReport;
        return cycle.LastReport;
    }

    // The device's loader step: AppBoot chooses (and counts) the set; a bad set's entry fails after its load, the attempt
    // stays counted, and the flashed application's wake runs. True when this boot's set failed.
    private bool RunLoader()
    {
        var loader = new SimulatedSetLoader(Clock, LoadMillisecondsPerKibibyte);
        if (AppBoot.Run(_hardware.Storage, loader) < 0 || ApplicationFails == null || !ApplicationFails(loader.Version)) return false;
        AppBoot.EntryFailed(_hardware.Storage);
        return true;
    }

    /// <summary>Books the load of a set (flash read and Assembly.Load) as compute time; the simulated platform accepts every verified set.</summary>
    private sealed class SimulatedSetLoader(SimulatedClock clock, double millisecondsPerKibibyte) : IAppSetLoader
    {
        public uint Version { get; private set; }

        public bool Load(ChunkStore store, UpdateManifest manifest)
        {
            Version = manifest.Version;
            clock.Awake((long)Math.Ceiling(manifest.ImageBytes / 1024.0 * millisecondsPerKibibyte), Physics.PowerPhase.Compute);
            return true;
        }
    }

    /// <summary>Deep sleep for the armed interval (or until <paramref name="maxMilliseconds"/>).</summary>
    public void SleepFor(long milliseconds) => Clock.Advance(milliseconds);
}
