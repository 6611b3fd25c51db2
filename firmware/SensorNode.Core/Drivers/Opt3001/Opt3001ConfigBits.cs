namespace SensorNode.Core.Drivers
{
    /// <summary>OPT3001 configuration register fields (datasheet SBOS681, "Configuration Register" field descriptions).</summary>
    internal enum Opt3001ConfigBits : ushort
    {
        // RN[15:12] range number: 0b1100 selects the automatic full-scale range.
        RangeMask = 0b1111_0000_0000_0000,
        RangeAutomatic = 0b1100_0000_0000_0000,

        // CT[11] conversion time: 0 = 100 ms, 1 = 800 ms.
        ConversionTime800Milliseconds = 0b0000_1000_0000_0000,

        // M[10:9] mode: 00 shutdown, 01 single shot (returns to 00 when done), 10/11 continuous.
        ModeMask = 0b0000_0110_0000_0000,
        ModeSingleShot = 0b0000_0010_0000_0000,
        ModeContinuous = 0b0000_0110_0000_0000,

        // Read-only flags: OVF[8] overflow, CRF[7] conversion ready (cleared by reading this register),
        // FH[6] / FL[5] comparator flags.
        Overflow = 0b0000_0001_0000_0000,
        ConversionReady = 0b0000_0000_1000_0000,
        FlagHigh = 0b0000_0000_0100_0000,
        FlagLow = 0b0000_0000_0010_0000,

        // Interrupt pin setup: L[4] latch (reset default 1), POL[3], ME[2] mask exponent, FC[1:0] fault count.
        Latch = 0b0000_0000_0001_0000,
        Polarity = 0b0000_0000_0000_1000,
        MaskExponent = 0b0000_0000_0000_0100,
        FaultCountMask = 0b0000_0000_0000_0011,
    }
}
