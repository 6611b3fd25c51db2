namespace SensorNode.Core.Drivers
{
    /// <summary>Pure BH1750FVI arithmetic for one-time H-resolution mode with the default measurement time.</summary>
    public static class Bh1750Codec
    {
        /// <summary>
        /// Wait after the one-time H-resolution command, ms: the datasheet maximum (typical 120 ms). The chip
        /// gives no ready flag, so the driver must trust this wait.
        /// </summary>
        public const int MeasurementMilliseconds = 180;

        /// <summary>Full scale in 0.01 lx: raw 0xFFFF / 1.2 = 54612.50 lx; brighter light reads as this.</summary>
        public const int MaxCentiLux = 5461250;

        /// <summary>
        /// Illuminance in 0.01 lx from the big-endian data word (0 to 65535): lux = raw / 1.2 (datasheet
        /// "I2C Bus Access", read format example), so 0.01 lx = raw * 1000 / 12, rounded to nearest. Raw 0x8390
        /// gives 2806667 (the datasheet's 28067 lx). Range 0 to <see cref="MaxCentiLux"/>.
        /// </summary>
        public static int CentiLuxFromRaw(int raw)
        {
            return (int)RoundedDivision.Divide(raw * 1000L, 12);
        }
    }
}
