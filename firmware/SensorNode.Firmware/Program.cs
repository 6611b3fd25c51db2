using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Firmware.Adapters;

namespace SensorNode.Firmware
{
    /// <summary>
    /// Composition root. Every wake is a fresh boot: read the configuration from flash, build the adapters, run
    /// one WakeCycle and deep-sleep as it planned. Whatever fails, the node still deep-sleeps on a timer:
    /// staying awake would drain the supercap into a brown-out.
    /// </summary>
    public class Program
    {
        // Used when the configuration could not even be read (NodeConfig's own default is the same).
        private const int FallbackSafeIntervalSeconds = 600;

        /// <summary>Entry point; never returns (the deep sleep restarts the chip).</summary>
        public static void Main()
        {
            NodeConfig config = null;
            Esp32SleepController sleep = null;
            try
            {
                LittleFsStorage storage = new LittleFsStorage(BoardSetup.InternalDrive);
                config = BoardSetup.LoadConfig(storage);
                NodeSecrets secrets = BoardSetup.LoadSecrets(storage);

                // The chip latches the wake cause until the next sleep, so reading it after the files is equivalent.
                sleep = new Esp32SleepController(config.PirPin);
                WakeCause cause = sleep.GetWakeCause();
                Debug.WriteLine("SensorNode wake, cause " + ((int)cause).ToString());

                NodeHardware hardware = BuildHardware(config, secrets, storage);

                // No Dispose before sleeping: deep sleep resets the chip and nanoCLR re-initialises every peripheral.
                SleepPlan plan = new WakeCycle(config, hardware).Run(cause);
                plan.Enter(sleep, null);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("Wake failed: " + ex.Message);
            }

            // Only reached when the wake or the planned sleep threw.
            int safeIntervalSeconds = config != null ? config.SafeIntervalSeconds : FallbackSafeIntervalSeconds;
            SleepAfterFailure(sleep, safeIntervalSeconds);
        }

        private static NodeHardware BuildHardware(NodeConfig config, NodeSecrets secrets, LittleFsStorage storage)
        {
            BoardSetup.AssignI2cPins(config);

            NodeHardware hardware = new NodeHardware();
            hardware.ClimateSensor = new NanoI2cChannel(config.I2cBusId, config.Sht3xAddress);
            hardware.LightSensor = new NanoI2cChannel(config.I2cBusId, config.LightAddress);
            hardware.SupercapAdc = new NanoAdcChannel(new AdcController(), config.SupercapAdcChannel);

            // Pull-down keeps an unplugged PIR from reading as motion.
            GpioController gpio = new GpioController();
            hardware.Pir = new GpioDigitalInput(gpio, config.PirPin, PinMode.InputPullDown);
            if (config.SupercapGatePin >= 0)
            {
                hardware.SupercapGate = new GpioDigitalOutput(gpio, config.SupercapGatePin);
            }
            hardware.Clock = new SystemClock();
            hardware.Delay = new ThreadDelay();
            hardware.Storage = storage;
            hardware.Link = new WifiLink(config, secrets);
            hardware.Mqtt = new M2MqttSession(config, secrets, storage);
            return hardware;
        }

        private static void SleepAfterFailure(Esp32SleepController sleep, int safeIntervalSeconds)
        {
            try
            {
                if (sleep == null)
                {
                    sleep = new Esp32SleepController(Esp32SleepController.NoPirPin);
                }

                SleepPlan.Safe(safeIntervalSeconds).Enter(sleep, null);
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
