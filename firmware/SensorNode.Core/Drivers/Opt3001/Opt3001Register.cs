namespace SensorNode.Core.Drivers
{
    /// <summary>OPT3001 register pointers (datasheet SBOS681, "Register Maps"). Every register is 16 bits, MSB first.</summary>
    internal enum Opt3001Register : byte
    {
        /// <summary>Result: exponent E[15:12], mantissa R[11:0] ("Result Register"). Read-only.</summary>
        Result = 0x00,
        /// <summary>Configuration ("Configuration Register"), reset value 0xC810.</summary>
        Configuration = 0x01,
        /// <summary>Interrupt low limit, reset value 0xC000.</summary>
        LowLimit = 0x02,
        /// <summary>Interrupt high limit, reset value 0xBFFF.</summary>
        HighLimit = 0x03,
        /// <summary>Manufacturer ID: 0x5449, "TI" in ASCII.</summary>
        ManufacturerId = 0x7E,
        /// <summary>Device ID: 0x3001.</summary>
        DeviceId = 0x7F,
    }
}
