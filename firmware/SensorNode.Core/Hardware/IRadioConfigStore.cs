namespace SensorNode.Core.Hardware
{
    /// <summary>
    /// The Wi-Fi station configuration nanoCLR keeps in flash (the Wireless80211 block on I:). nanoCLR reads it at
    /// every boot, before Main: when it is enabled the radio is started and associates with the stored network;
    /// when it is disabled the Wi-Fi driver is not even initialised for that boot, and no connect can work until the
    /// next boot (docs/architecture.md, "The radio at boot"). So whether a wake may use the radio is decided by the
    /// wake before it. Each <see cref="Enable"/> or <see cref="Disable"/> is one flash write; reading is free.
    /// </summary>
    public interface IRadioConfigStore
    {
        /// <summary>
        /// True when the stored station configuration was enabled when this boot started, i.e. nanoCLR started the
        /// radio before Main and this wake can connect. Latched at boot: later Enable/Disable calls do not change it.
        /// </summary>
        bool EnabledAtBoot { get; }

        /// <summary>True when the configuration now in flash is enabled (the next boot starts the radio). Reads only.</summary>
        bool IsStoredEnabled();

        /// <summary>Stores the configuration enabled, with this node's network and passphrase: one flash write. False on failure.</summary>
        bool Enable();

        /// <summary>Stores the configuration disabled: one flash write. False on failure.</summary>
        bool Disable();
    }
}
