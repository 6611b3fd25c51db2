namespace SensorNode.Core.Hardware
{
    /// <summary>Outcome of one I2C transfer. Mirrors nanoFramework's I2cTransferStatus so the adapter is a plain mapping.</summary>
    public enum I2cStatus
    {
        /// <summary>Every byte was transferred.</summary>
        Ok = 0,
        /// <summary>The device did not acknowledge its address (absent, unpowered, or busy converting).</summary>
        AddressNotAcknowledged = 1,
        /// <summary>The device stopped acknowledging part way through.</summary>
        PartialTransfer = 2,
        /// <summary>The device held SCL low for too long.</summary>
        ClockStretchTimeout = 3,
        /// <summary>Any other bus failure.</summary>
        BusError = 4,
    }
}
