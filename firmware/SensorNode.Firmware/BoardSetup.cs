using System.Collections;
using System.Diagnostics;
using nanoFramework.Hardware.Esp32;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;

namespace SensorNode.Firmware
{
    /// <summary>
    /// Boot steps shared by the application and the bench tests: read nf.config / secrets.config from flash
    /// (errors are logged and defaults used, the node still runs) and route the I2C pins.
    /// </summary>
    public static class BoardSetup
    {
        /// <summary>nanoCLR mounts the ESP32's internal LittleFS partition as I: at boot; nothing to mount here.</summary>
        public const string InternalDrive = "I:\\";

        /// <summary>The node configuration file on <see cref="InternalDrive"/>.</summary>
        public const string ConfigFileName = "nf.config";

        /// <summary>The secrets file on <see cref="InternalDrive"/> (git-ignored on the PC, deployed separately).</summary>
        public const string SecretsFileName = "secrets.config";

        /// <summary>Parses nf.config; a missing file or a parser failure gives the reference-design defaults.</summary>
        public static NodeConfig LoadConfig(IPersistentStorage storage)
        {
            ArrayList errors = new ArrayList();
            string text = ReadOrReport(storage, ConfigFileName, "using defaults");
            NodeConfig config = text != null ? ConfigParser.Parse(text, ConfigFileName, errors) : null;
            LogErrors(errors);
            return config != null ? config : new NodeConfig();
        }

        /// <summary>Parses secrets.config; a missing file gives empty secrets (open Wi-Fi, anonymous MQTT).</summary>
        public static NodeSecrets LoadSecrets(IPersistentStorage storage)
        {
            ArrayList errors = new ArrayList();
            string text = ReadOrReport(storage, SecretsFileName, "no Wi-Fi passphrase, anonymous MQTT");
            NodeSecrets secrets = text != null ? ConfigParser.ParseSecrets(text, SecretsFileName, errors) : null;
            LogErrors(errors);
            return secrets != null ? secrets : new NodeSecrets();
        }

        /// <summary>
        /// Routes SDA/SCL of the configured bus through the ESP32's GPIO matrix. Call once, before any I2C device
        /// is opened.
        /// </summary>
        public static void AssignI2cPins(NodeConfig config)
        {
            bool secondBus = config.I2cBusId == 2;
            Configuration.SetPinFunction(config.I2cDataPin, secondBus ? DeviceFunction.I2C2_DATA : DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(config.I2cClockPin, secondBus ? DeviceFunction.I2C2_CLOCK : DeviceFunction.I2C1_CLOCK);
        }

        // The file's text, or null (logged) when it is missing or empty.
        private static string ReadOrReport(IPersistentStorage storage, string name, string consequence)
        {
            string text = ConfigFile.ReadText(storage, name);
            if (text == null || text.Length == 0)
            {
                Debug.WriteLine(name + " missing or empty: " + consequence);
                return null;
            }

            return text;
        }

        private static void LogErrors(ArrayList errors)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                ConfigError error = (ConfigError)errors[i];
                Debug.WriteLine(error.Source + ":" + error.Line.ToString() + " [" + error.Field + "] " + error.Message);
            }
        }
    }
}
