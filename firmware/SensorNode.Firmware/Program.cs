using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using System.Net.NetworkInformation;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Telemetry;
using SensorNode.Firmware.Adapters;
using SensorNode.Core.Update;
using SensorNode.Firmware.Loader;

namespace SensorNode.Firmware
{
    /// <summary>
    /// Composition root. Every wake is a fresh boot (docs/architecture.md, "Boot flow"): read and check the configuration,
    /// note whether nanoCLR started the radio, run one WakeCycle (or, without a trustworthy configuration, one FaultWake)
    /// and deep-sleep as it planned. Whatever fails, the node still deep-sleeps on a timer with the stored Wi-Fi
    /// configuration disabled: staying awake, or waking into a radio nobody asked for, would drain the supercap.
    /// </summary>
    public class Program
    {

        /// <summary>Entry point; never returns (the deep sleep restarts the chip).</summary>
        public static void Main()
        {
            // First statement: microseconds since boot at Main entry, for the bench (boot_marker).
            ulong mainEntryMicroseconds = HighResTimer.GetCurrent();
            int safeIntervalSeconds = NodeConfig.DefaultSafeIntervalSeconds; // the configuration may not even be readable
            ISleepController sleep = null;
            NanoI2cChannel rtcChannel = null; // the gate's and the wake's, one device on the bus
            IRadioConfigStore radio = null;
            try
            {
                LittleFsStorage storage = new LittleFsStorage(BoardSetup.InternalDrive);
                BootConfiguration boot = BoardSetup.LoadBoot(storage);
                NodeConfig config = boot.Config;
                bool pinsTrusted = BoardSetup.PinsTrusted(boot);
                if (pinsTrusted)
                {
                    MarkBoot(config, mainEntryMicroseconds);
                }
                safeIntervalSeconds = boot.IsValid ? config.SafeIntervalSeconds : FaultWake.FaultSleepSeconds;

                // Before anything could write it: whether nanoCLR started the radio at this boot.
                radio = new StationConfigStore(config.WifiSsid, boot.Secrets.WifiPassword);

                // The chip latches the wake cause until the next sleep, so reading it after the files is equivalent.
                // With the event RTC fitted the motion wake is the RTC's INT (low), else the PIR output (high).
                sleep = !boot.IsValid ? new Esp32SleepController(Esp32SleepController.NoPirPin)
                    : config.RtcFitted ? new Esp32SleepController(config.RtcInterruptPin, 0) : new Esp32SleepController(config.PirPin);
                if (boot.IsValid && config.RtcPowerGated)
                {
                    // The RTC switches the power: hold it before anything clears the RTC's flags (which release INT),
                    // and read why it came on from those flags (the chip itself always saw a power-on). Opening the pin
                    // as an output configures it with its pulls off and then sets the level (nanoframework/nf-interpreter
                    // main e22bb79, targets/ESP32/_nanoCLR/System.Device.Gpio/cpu_gpio.cpp, CPU_GPIO_EnableOutputPin:
                    // gpio_config, then gpio_set_level): until then the line floats, so the board pulls it down.
                    BoardSetup.AssignI2cPins(config);
                    rtcChannel = new NanoI2cChannel(config.I2cBusId, config.RtcAddress);
                    RtcPowerGate gate = new RtcPowerGate(sleep, rtcChannel, new GpioDigitalOutput(new GpioController(), config.RtcPowerHoldPin));
                    gate.HoldPower();
                    sleep = gate;
                }
                WakeCause cause = sleep.GetWakeCause();
                Debug.WriteLine("SensorNode wake, cause " + ((int)cause).ToString() + ", radio at boot " + (radio.EnabledAtBoot ? "on" : "off")
                    + ", cfg " + boot.ConfigCrc.ToString("X8"));

                // No Dispose before sleeping: deep sleep resets the chip and nanoCLR re-initialises every peripheral.
                SleepPlan plan;
                if (boot.IsValid)
                {
                    RunApplicationSet(storage);
                    WakeCycle cycle = new WakeCycle(config, BuildHardware(config, boot.Secrets, storage, radio, rtcChannel));
                    cycle.ConfigCrc = boot.ConfigCrc;
                    cycle.UpdatesEnabled = true;
                    plan = cycle.Run(cause);
                    LogWake(cycle.LastReport);
                }
                else
                {
                    FaultWake fault = new FaultWake(boot, BuildFaultHardware(config, boot.Secrets, storage, radio, pinsTrusted), ReadUnconfiguredIdentity());
                    plan = fault.Run(cause);
                    LogFault(fault.LastReport);
                }
                plan.Enter(sleep, radio);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Wake failed: " + ex.Message);
            }

            // Only reached when the wake or the planned sleep threw.
            SleepAfterFailure(sleep, radio, safeIntervalSeconds);
        }

        /// <summary>
        /// Fleet updates (docs/updates.md): when the loader chooses a downloaded application set, its entry point runs the
        /// wake and deep-sleeps, so this returns only when there is no set to run or the set failed; the flashed
        /// application's wake then runs in this same boot (the failed attempt stays counted).
        /// </summary>
        private static void RunApplicationSet(LittleFsStorage storage)
        {
            AssemblySetLoader loader = new AssemblySetLoader();
            if (AppBoot.Run(storage, loader) < 0)
            {
                return;
            }
            try
            {
                loader.Entry.Invoke(null, null);
                Debug.WriteLine("Application set returned instead of sleeping");
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Application set failed: " + ex.Message);
            }
            AppBoot.EntryFailed(storage);
        }

        private static NodeHardware BuildHardware(NodeConfig config, NodeSecrets secrets, LittleFsStorage storage, IRadioConfigStore radio, NanoI2cChannel rtcChannel)
        {
            BoardSetup.AssignI2cPins(config);

            NodeHardware hardware = new NodeHardware();
            hardware.ClimateSensor = new NanoI2cChannel(config.I2cBusId, config.ClimateAddress);
            hardware.LightSensor = new NanoI2cChannel(config.I2cBusId, config.LightAddress);
            if (config.RtcFitted)
            {
                hardware.EventRtc = rtcChannel ?? new NanoI2cChannel(config.I2cBusId, config.RtcAddress);
            }
            hardware.SupercapAdc = new NanoAdcChannel(new AdcController(), config.SupercapAdcChannel);

            // Pull-down keeps an unplugged PIR from reading as motion.
            GpioController gpio = new GpioController();
            hardware.Pir = new GpioDigitalInput(gpio, config.PirPin, PinMode.InputPullDown);
            if (config.SupercapGatePin >= 0)
            {
                hardware.SupercapGate = new GpioDigitalOutput(gpio, config.SupercapGatePin);
            }
            return AddRadioAndTime(hardware, config, secrets, storage, radio);
        }

        // The fault wake touches no sensor, no PIR and no I2C pin; the supercap divider only when [pins]/[adc] are trusted
        // (else the reference design's ADC channel, read-only, and no gate).
        private static NodeHardware BuildFaultHardware(NodeConfig config, NodeSecrets secrets, LittleFsStorage storage, IRadioConfigStore radio, bool pinsTrusted)
        {
            NodeHardware hardware = new NodeHardware();
            int adcChannel = pinsTrusted ? config.SupercapAdcChannel : new NodeConfig().SupercapAdcChannel;
            hardware.SupercapAdc = new NanoAdcChannel(new AdcController(), adcChannel);
            if (pinsTrusted && config.SupercapGatePin >= 0)
            {
                hardware.SupercapGate = new GpioDigitalOutput(new GpioController(), config.SupercapGatePin);
            }
            return AddRadioAndTime(hardware, config, secrets, storage, radio);
        }

        // What both wakes share: clock, delay, storage, Wi-Fi, MQTT and the stored Wi-Fi configuration.
        private static NodeHardware AddRadioAndTime(NodeHardware hardware, NodeConfig config, NodeSecrets secrets, LittleFsStorage storage, IRadioConfigStore radio)
        {
            hardware.Clock = new SystemClock();
            hardware.Delay = new ThreadDelay();
            hardware.Storage = storage;
            hardware.Link = new WifiLink(config, secrets);
            hardware.Mqtt = new M2MqttSession(config, secrets, storage);
            hardware.RadioConfig = radio;
            return hardware;
        }

        private static void LogWake(WakeReport report)
        {
            if (report.MaintenanceSeconds > 0)
            {
                Debug.WriteLine("Maintenance window: stayed awake " + report.MaintenanceSeconds.ToString() + " s for nanoff");
            }
            if (report.MaintenanceSkippedForEnergy)
            {
                Debug.WriteLine("Maintenance window skipped: the supercap cannot pay for it without risking a brown-out");
            }
            if (report.RadioDeferredToNextBoot)
            {
                Debug.WriteLine("Radio needed: Wi-Fi configuration enabled, radio wake in " + SleepPlan.RadioBootDelaySeconds.ToString() + " s");
            }
            if (report.TlsSkippedClockUnset)
            {
                Debug.WriteLine("TLS skipped: clock not set (no SNTP answer); readings kept");
            }
        }

        private static void LogFault(FaultWakeReport report)
        {
            if (report.MaintenanceSkippedForEnergy)
            {
                Debug.WriteLine("Maintenance window skipped: the supercap cannot pay for it");
            }
            Debug.WriteLine(report.Reported ? "Fault reported" : report.RadioDeferredToNextBoot ? "Fault report at the next boot"
                : "Fault not reported: " + report.Reason);
        }

        /// <summary>
        /// Bench aid ([pins] boot_marker): drives the marker GPIO high and logs the HighResTimer microseconds since boot at
        /// Main entry (<paramref name="mainEntryMicroseconds"/>) and at the edge; the difference is the configuration read.
        /// </summary>
        private static void MarkBoot(NodeConfig config, ulong mainEntryMicroseconds)
        {
            if (config.BootMarkerPin < 0)
            {
                return;
            }
            // Opened here and never closed: the deep sleep resets the pin.
            GpioPin marker = new GpioController().OpenPin(config.BootMarkerPin, PinMode.Output);
            marker.Write(PinValue.High);
            ulong edge = HighResTimer.GetCurrent();
            Debug.WriteLine("Boot marker GPIO " + config.BootMarkerPin.ToString() + ": Main entered at " + mainEntryMicroseconds.ToString()
                + " us, marker high at " + edge.ToString() + " us since boot");
        }

        /// <summary>
        /// "unconfigured-&lt;mac&gt;" from the Wi-Fi station's MAC (NetworkInterface.PhysicalAddress, which nanoCLR fills
        /// from the network block it created with esp_efuse_mac_get_default); null when it cannot be read.
        /// </summary>
        private static string ReadUnconfiguredIdentity()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        return UnconfiguredIdentity.FromMac(interfaces[i].PhysicalAddress);
                    }
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MAC unreadable: " + ex.Message);
            }
            return null;
        }

        // The fault came before the store was built: build it now, only to leave the radio off at the next boot.
        private static IRadioConfigStore StoreForShutdown()
        {
            try
            {
                return new StationConfigStore(null, null);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Wi-Fi configuration unreadable: " + ex.Message);
                return null;
            }
        }

        private static void SleepAfterFailure(ISleepController sleep, IRadioConfigStore radio, int safeIntervalSeconds)
        {
            try
            {
                if (sleep == null)
                {
                    sleep = new Esp32SleepController(Esp32SleepController.NoPirPin);
                }
                if (radio == null)
                {
                    radio = StoreForShutdown();
                }

                // Also leaves the stored Wi-Fi configuration disabled (RadioAtBoot never throws).
                SleepPlan.Safe(safeIntervalSeconds).Enter(sleep, radio);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Arming the safe sleep failed: " + ex.Message);
            }

            // Even arming threw: deep-sleep anyway. A source armed before the fault still wakes the chip, and a
            // node left awake would brown out; after that the supercap recharges into a power-on boot.
            try
            {
                Sleep.StartDeepSleep();
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Deep sleep failed: " + ex.Message);
            }
        }
    }
}
