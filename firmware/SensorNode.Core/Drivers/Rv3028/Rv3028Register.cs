namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// RV-3028-C7 RAM register addresses (Micro Crystal RV-3028-C7 Application Manual, "Register overview"; the same
    /// addresses are in Linux drivers/rtc/rtc-rv3028.c). The address pointer auto-increments, so one read from
    /// <see cref="Seconds"/> of 27 bytes returns the clock, the flags, the controls and the time stamp at once.
    /// </summary>
    internal enum Rv3028Register : byte
    {
        // Clock, BCD (Application Manual "Clock registers").
        Seconds = 0x00,
        Minutes = 0x01,
        Hours = 0x02,
        Weekday = 0x03,
        Date = 0x04,
        Month = 0x05,
        Year = 0x06,

        // Countdown timer preset, 12 bits ("Timer Value 0/1 registers": bits 7:0, then bits 11:8 in the low nibble).
        TimerValue0 = 0x0A,
        TimerValue1 = 0x0B,

        // Flags and controls ("Status register", "Control 1/2 register").
        Status = 0x0E,
        Control1 = 0x0F,
        Control2 = 0x10,

        // Event input and time stamp ("Event Control register", "Time Stamp registers").
        EventControl = 0x13,
        CountTimeStamp = 0x14,
        SecondsTimeStamp = 0x15,
        MinutesTimeStamp = 0x16,
        HoursTimeStamp = 0x17,
        DateTimeStamp = 0x18,
        MonthTimeStamp = 0x19,
        YearTimeStamp = 0x1A,
    }
}
