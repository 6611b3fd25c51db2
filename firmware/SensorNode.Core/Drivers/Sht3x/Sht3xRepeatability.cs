namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// SHT3x measurement repeatability (datasheet section 2, Table 4). Higher repeatability means less noise
    /// but a longer conversion, and the chip draws its measuring current for all of it.
    /// </summary>
    public enum Sht3xRepeatability
    {
        /// <summary>Least noise; conversion up to 15 ms (the driver waits 16). The default for a node that wakes rarely.</summary>
        High = 0,
        /// <summary>Middle ground; conversion up to 6 ms (the driver waits 7).</summary>
        Medium = 1,
        /// <summary>Noisiest; conversion up to 4 ms (the driver waits 5): about a quarter of High's charge, for a nearly empty supercap.</summary>
        Low = 2,
    }
}
