namespace SensorNode.Core.Drivers
{
    /// <summary>Pure OPT3001 arithmetic: the configuration word the driver writes and the result-register decoding.</summary>
    public static class Opt3001Codec
    {
        /// <summary>Manufacturer ID register value of a genuine TI part ("TI" in ASCII).</summary>
        public const int ManufacturerIdTexasInstruments = 0x5449;

        /// <summary>Largest exponent the chip reports (full scale 83865.60 lx); 0xC-0xF are reserved.</summary>
        public const int MaxExponent = 11;

        /// <summary>Full scale in 0.01 lx: mantissa 0xFFF at exponent 11 = 83865.60 lx.</summary>
        public const int MaxCentiLux = 0xFFF << MaxExponent;

        /// <summary>
        /// Wait after starting a conversion, ms: the 100-ms mode's maximum integration time (datasheet "Electrical
        /// Characteristics", total integration time 90 to 110 ms). An automatic range change can stretch a conversion further; the driver checks the
        /// conversion-ready flag rather than trusting the wait.
        /// </summary>
        public const int ConversionMilliseconds = 110;

        /// <summary>
        /// Configuration word that starts one conversion: automatic full-scale range, 100 ms (an eighth of the
        /// 800-ms mode's active charge), single shot, latch bit left at its reset value. 0xC210.
        /// </summary>
        internal const ushort SingleShotAutomaticRange100Milliseconds =
            (ushort)(Opt3001ConfigBits.RangeAutomatic | Opt3001ConfigBits.ModeSingleShot | Opt3001ConfigBits.Latch);

        /// <summary>
        /// Decodes the result register (0 to 0xFFFF): lux = 0.01 * 2^E * M (datasheet "Result Register"), so
        /// 0.01 lx = M &lt;&lt; E; range 0 to <see cref="MaxCentiLux"/>. False for a reserved exponent (above 11),
        /// which only a corrupted transfer produces; <paramref name="centiLux"/> is then 0.
        /// </summary>
        public static bool TryDecodeCentiLux(int resultRegister, out int centiLux)
        {
            int exponent = (resultRegister >> 12) & 0xF;
            int mantissa = resultRegister & 0xFFF;
            if (exponent > MaxExponent)
            {
                centiLux = 0;
                return false;
            }
            centiLux = mantissa << exponent;
            return true;
        }

        /// <summary>True when the configuration register says the conversion has finished (CRF set).</summary>
        internal static bool IsConversionReady(int configuration)
        {
            return (configuration & (int)Opt3001ConfigBits.ConversionReady) != 0;
        }
    }
}
