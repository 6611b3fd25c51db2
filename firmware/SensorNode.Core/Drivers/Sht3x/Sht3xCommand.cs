namespace SensorNode.Core.Drivers
{
    /// <summary>SHT3x-DIS 16-bit commands, sent MSB first (datasheet section 4).</summary>
    internal enum Sht3xCommand : ushort
    {
        // 4.3, Table 9: single shot, clock stretching disabled. The chip NACKs a read header until the
        // conversion is done, so the bus is never held and the driver can sleep through the wait.
        SingleShotHighRepeatability = 0x2400,
        SingleShotMediumRepeatability = 0x240B,
        SingleShotLowRepeatability = 0x2416,

        // 4.3, Table 9: single shot, clock stretching enabled (the chip holds SCL until done). Not used by the
        // driver: an ESP32 bus times out long before a 15 ms stretch ends. Listed so the simulator can answer them.
        SingleShotHighRepeatabilityStretched = 0x2C06,
        SingleShotMediumRepeatabilityStretched = 0x2C0D,
        SingleShotLowRepeatabilityStretched = 0x2C10,

        // 4.9: soft reset (back to idle, measurement data discarded).
        SoftReset = 0x30A2,
    }
}
