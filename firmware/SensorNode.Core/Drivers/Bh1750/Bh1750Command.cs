namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// BH1750FVI one-byte instructions ("Instruction Set Architecture" table of the ROHM datasheet). The chip
    /// takes one opcode per transaction: each is written with its own stop condition.
    /// </summary>
    internal enum Bh1750Command : byte
    {
        // State changes.
        PowerDown = 0x00,
        PowerOn = 0x01,
        /// <summary>Clears the data register; accepted only while powered on.</summary>
        Reset = 0x07,

        // Continuous modes: the chip keeps measuring (and drawing ~120 uA) until told to power down.
        ContinuousHighResolution = 0x10,
        ContinuousHighResolution2 = 0x11,
        ContinuousLowResolution = 0x13,

        // One-time modes: one measurement, then the chip powers itself down.
        OneTimeHighResolution = 0x20,
        OneTimeHighResolution2 = 0x21,
        OneTimeLowResolution = 0x23,

        // Measurement time (MTreg, default 69) is set with 0b01000_xxx (high bits) and 0b011_xxxxx (low bits);
        // the driver keeps the default, for which lux = raw / 1.2.
    }
}
