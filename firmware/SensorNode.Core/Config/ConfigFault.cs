namespace SensorNode.Core.Config
{
    /// <summary>
    /// Why a node has no configuration it may run on (<see cref="BootConfiguration"/>); reported in the fault
    /// message as the word from <see cref="BootConfiguration.FaultCode"/>. docs/recovery.md says what each means.
    /// </summary>
    public enum ConfigFault
    {
        /// <summary>Both files present, sealed and valid.</summary>
        None = 0,
        /// <summary>
        /// I: holds none of the node's files (no nf.config, secrets.config, state or reading log): never provisioned,
        /// or the partition was formatted (nanoCLR formats it when the mount fails). The node cannot tell which.
        /// </summary>
        StorageEmpty = 1,
        /// <summary>nf.config is absent but the node's state or reading log is there: the file was lost (an interrupted deployment).</summary>
        ConfigMissing = 2,
        /// <summary>nf.config has no valid seal line: torn by an interrupted deployment, changed after sealing, or not written by `sensornode flash`.</summary>
        ConfigSeal = 3,
        /// <summary>nf.config is intact but fails parsing or validation.</summary>
        ConfigInvalid = 4,
        /// <summary>secrets.config is absent (nf.config is fine).</summary>
        SecretsMissing = 5,
        /// <summary>secrets.config has no valid seal line.</summary>
        SecretsSeal = 6,
        /// <summary>secrets.config is intact but fails parsing or validation.</summary>
        SecretsInvalid = 7,
    }
}
