namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Why the last driver operation failed. Runtime faults are normal on a node that browns out, so drivers
    /// report them as <c>false</c> plus this code, never as an exception and never as a stale or zero value.
    /// </summary>
    public enum SensorError
    {
        /// <summary>The last operation succeeded.</summary>
        None = 0,
        /// <summary>The device did not acknowledge its address: absent, unpowered, or (SHT3x) still measuring.</summary>
        NotAcknowledged = 1,
        /// <summary>The transfer broke off (partial transfer, clock-stretch timeout, other bus fault), or an ADC conversion failed.</summary>
        BusError = 2,
        /// <summary>The data arrived but its checksum did not match (SHT3x only: the other chips send no CRC).</summary>
        CrcMismatch = 3,
        /// <summary>
        /// No finished measurement to read: StartMeasurement was not called, failed, its result was already read,
        /// or (OPT3001) the conversion has not completed yet.
        /// </summary>
        NotStarted = 4,
        /// <summary>The device answered with a value it cannot legitimately report (OPT3001 reserved exponent, ADC saturated at 0 or full scale).</summary>
        OutOfRange = 5,
    }
}
