using System.Collections;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// The configuration a boot may run on, read from I: with both files' seals required (<see cref="ConfigSeal"/>):
    /// a missing, unsealed, torn or invalid nf.config or secrets.config is a <see cref="ConfigFault"/>, never the
    /// defaults, because the defaults would publish as "node-01" and collide with another node. A faulty boot runs
    /// <see cref="FaultWake"/> instead of the wake cycle.
    /// </summary>
    public sealed class BootConfiguration
    {
        /// <summary>The node configuration file on I:.</summary>
        public const string ConfigFileName = "nf.config";
        /// <summary>The secrets file on I:.</summary>
        public const string SecretsFileName = "secrets.config";

        /// <summary>The parsed configuration; with a fault, the defaults or what parsed (never to drive the node as itself).</summary>
        public NodeConfig Config;
        /// <summary>The parsed secrets; empty with a secrets fault.</summary>
        public NodeSecrets Secrets;
        /// <summary>Every <see cref="ConfigError"/> found, in file order (nf.config first).</summary>
        public ArrayList Errors = new ArrayList();
        /// <summary>The first problem found; <see cref="ConfigFault.None"/> when the node may run.</summary>
        public ConfigFault Fault;
        /// <summary>CRC-32 of nf.config's sealed body (<see cref="ConfigSeal.Crc"/>): the configuration's identity. 0 without a valid seal.</summary>
        public uint ConfigCrc;
        /// <summary>
        /// The [wifi] and [mqtt] settings and the secrets can be trusted for a fault report: both files are sealed
        /// intact and none of their errors is in [wifi], [mqtt] or secrets.config. A fault elsewhere (a pin, a
        /// sensor address) still lets the node say so; a torn or missing file does not.
        /// </summary>
        public bool NetworkTrusted;

        /// <summary>True when the node may run its normal wake.</summary>
        public bool IsValid
        {
            get { return Fault == ConfigFault.None; }
        }

        /// <summary>The fault as one word for the report ("config-invalid"); "none" without one.</summary>
        public string FaultCode
        {
            get { return Describe(Fault); }
        }

        /// <summary>The word for <paramref name="fault"/>.</summary>
        public static string Describe(ConfigFault fault)
        {
            switch (fault)
            {
                case ConfigFault.None: return "none";
                case ConfigFault.StorageEmpty: return "storage-empty";
                case ConfigFault.ConfigMissing: return "config-missing";
                case ConfigFault.ConfigSeal: return "config-seal";
                case ConfigFault.ConfigInvalid: return "config-invalid";
                case ConfigFault.SecretsMissing: return "secrets-missing";
                case ConfigFault.SecretsSeal: return "secrets-seal";
                case ConfigFault.SecretsInvalid: return "secrets-invalid";
                default: return "unknown";
            }
        }

        /// <summary>
        /// Reads and checks both files. <paramref name="lifeSigns"/> names files only a node that has run writes
        /// (the state and the reading log): with nf.config absent, their presence tells a lost file from an empty I:.
        /// </summary>
        public static BootConfiguration Load(IPersistentStorage storage, string[] lifeSigns)
        {
            BootConfiguration boot = new BootConfiguration();
            ArrayList errors = boot.Errors;

            string configText = ConfigFile.ReadText(storage, ConfigFileName);
            string secretsText = ConfigFile.ReadText(storage, SecretsFileName);
            bool configIntact = false;
            bool secretsIntact = false;
            NodeConfig config = null;

            if (configText == null)
            {
                boot.Fault = secretsText == null && !AnyExists(storage, lifeSigns) ? ConfigFault.StorageEmpty : ConfigFault.ConfigMissing;
                ConfigError.Add(errors, ConfigFileName, 0, "", "the file is absent or unreadable");
            }
            else
            {
                string body = ConfigSeal.Open(configText, ConfigFileName, errors);
                if (body == null)
                {
                    boot.Fault = ConfigFault.ConfigSeal;
                }
                else
                {
                    configIntact = true;
                    boot.ConfigCrc = ConfigSeal.Crc(body);
                    int before = errors.Count;
                    config = ConfigParser.Parse(body, ConfigFileName, errors);
                    if (errors.Count > before)
                    {
                        boot.Fault = ConfigFault.ConfigInvalid;
                    }
                }
            }

            NodeSecrets secrets = null;
            int secretsErrorsFrom = errors.Count;
            if (secretsText == null)
            {
                ConfigError.Add(errors, SecretsFileName, 0, "", "the file is absent or unreadable");
                SetIfFirst(boot, ConfigFault.SecretsMissing);
            }
            else
            {
                string body = ConfigSeal.Open(secretsText, SecretsFileName, errors);
                if (body == null)
                {
                    SetIfFirst(boot, ConfigFault.SecretsSeal);
                }
                else
                {
                    secretsIntact = true;
                    secrets = ConfigParser.ParseSecrets(body, SecretsFileName, errors);
                    if (errors.Count > secretsErrorsFrom)
                    {
                        SetIfFirst(boot, ConfigFault.SecretsInvalid);
                    }
                }
            }

            boot.Config = config != null ? config : new NodeConfig();
            boot.Secrets = secrets != null ? secrets : new NodeSecrets();
            boot.NetworkTrusted = configIntact && secretsIntact && NoNetworkErrors(errors, secretsErrorsFrom);
            return boot;
        }

        private static void SetIfFirst(BootConfiguration boot, ConfigFault fault)
        {
            if (boot.Fault == ConfigFault.None)
            {
                boot.Fault = fault;
            }
        }

        private static bool AnyExists(IPersistentStorage storage, string[] names)
        {
            if (names == null)
            {
                return false;
            }

            for (int i = 0; i < names.Length; i++)
            {
                if (storage.GetLength(names[i]) > 0)
                {
                    return true;
                }
            }

            return false;
        }

        // No secrets error, and no nf.config error in [wifi]/[mqtt] or without a field (a whole-file problem).
        private static bool NoNetworkErrors(ArrayList errors, int secretsFrom)
        {
            if (errors.Count > secretsFrom)
            {
                return false;
            }

            for (int i = 0; i < secretsFrom; i++)
            {
                string field = ((ConfigError)errors[i]).Field;
                if (field == null || field.Length == 0 || IsNetworkField(field))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNetworkField(string field)
        {
            return field != null && (field.StartsWith("wifi") || field.StartsWith("mqtt"));
        }
    }
}
