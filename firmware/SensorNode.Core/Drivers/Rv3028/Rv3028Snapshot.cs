namespace SensorNode.Core.Drivers
{
    /// <summary>What one burst read of the RV-3028 registers 0x00-0x1A says (<see cref="Rv3028Clock.TryReadSnapshot"/>).</summary>
    public struct Rv3028Snapshot
    {
        /// <summary>The RTC's time, Unix seconds (UTC); meaningful only when <see cref="TimeValid"/>.</summary>
        public long UnixSeconds;
        /// <summary>
        /// False when the power-on reset flag (PORF) is set (the RTC lost its supply, backup included, since it was last
        /// set) or the clock registers do not hold a valid BCD date of 2000-2099.
        /// </summary>
        public bool TimeValid;
        /// <summary>Events counted on EVI since the last time-stamp reset, 0-255 (the Count TS register).</summary>
        public int EventCount;
        /// <summary>
        /// Time of the last event (time-stamp overwrite mode), Unix seconds; 0 when no event was counted or the
        /// time-stamp registers do not decode.
        /// </summary>
        public long LastEventUnixSeconds;
        /// <summary>The status register (flags: <see cref="Rv3028Codec.StatusEventFlag"/>, <see cref="Rv3028Codec.StatusPowerOnReset"/>...).</summary>
        public byte Status;
        /// <summary>Control 1 register, kept as read so a write of the control block changes nothing else.</summary>
        public byte Control1;
        /// <summary>Control 2 register (<see cref="Rv3028Codec.Control2EventInterrupt"/>, <see cref="Rv3028Codec.Control2TimeStampEnable"/>).</summary>
        public byte Control2;
    }
}
