using System;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Pure SHT3x-DIS arithmetic: commands, the CRC-8 and the raw-to-unit conversions. Integer only, so the
    /// result is the same on nanoFramework and .NET.
    /// </summary>
    public static class Sht3xCodec
    {
        /// <summary>Bytes of one single-shot result: temperature word, its CRC, humidity word, its CRC.</summary>
        public const int MeasurementLength = 6;

        /// <summary>
        /// CRC-8 of <paramref name="count"/> bytes from <paramref name="offset"/> (datasheet 4.12, Table 20): the
        /// <see cref="SensirionCrc8"/> every Sensirion chip uses. CRC(0xBEEF) = 0x92.
        /// </summary>
        public static byte Crc8(byte[] data, int offset, int count)
        {
            return SensirionCrc8.Compute(data, offset, count);
        }

        /// <summary>True when the two data bytes at <paramref name="offset"/> match the CRC byte after them.</summary>
        public static bool IsWordValid(byte[] data, int offset)
        {
            return SensirionCrc8.IsWordValid(data, offset);
        }

        /// <summary>
        /// Temperature in 0.01 degC from the raw word (0 to 65535): T = -45 + 175 * raw / 65535 degC
        /// (datasheet 4.13), rounded to nearest. Range -4500 to 13000.
        /// </summary>
        public static int TemperatureCentiCelsius(int raw)
        {
            return (int)RoundedDivision.Divide(17500L * raw, 65535) - 4500;
        }

        /// <summary>
        /// Relative humidity in 0.01 %RH from the raw word (0 to 65535): RH = 100 * raw / 65535 %
        /// (datasheet 4.13), rounded to nearest. Range 0 to 10000.
        /// </summary>
        public static int HumidityCentiPercent(int raw)
        {
            return (int)RoundedDivision.Divide(10000L * raw, 65535);
        }

        /// <summary>
        /// Time to wait after a single-shot command, ms: the datasheet maximum conversion time (Table 4:
        /// 15, 6, 4 ms) plus 1 ms for the ESP32's millisecond timer granularity.
        /// </summary>
        public static int MeasurementMilliseconds(Sht3xRepeatability repeatability)
        {
            switch (repeatability)
            {
                case Sht3xRepeatability.High: return 16;
                case Sht3xRepeatability.Medium: return 7;
                case Sht3xRepeatability.Low: return 5;
                default: throw UndefinedRepeatability(repeatability);
            }
        }

        /// <summary>The single-shot command without clock stretching for <paramref name="repeatability"/>.</summary>
        internal static Sht3xCommand SingleShotCommand(Sht3xRepeatability repeatability)
        {
            switch (repeatability)
            {
                case Sht3xRepeatability.High: return Sht3xCommand.SingleShotHighRepeatability;
                case Sht3xRepeatability.Medium: return Sht3xCommand.SingleShotMediumRepeatability;
                case Sht3xRepeatability.Low: return Sht3xCommand.SingleShotLowRepeatability;
                default: throw UndefinedRepeatability(repeatability);
            }
        }

        /// <summary>"high", "medium" or "low" for Describe (Enum.ToString() gives the number on nanoFramework).</summary>
        internal static string RepeatabilityName(Sht3xRepeatability repeatability)
        {
            switch (repeatability)
            {
                case Sht3xRepeatability.High: return "high";
                case Sht3xRepeatability.Medium: return "medium";
                case Sht3xRepeatability.Low: return "low";
                default: throw UndefinedRepeatability(repeatability);
            }
        }

        private static ArgumentException UndefinedRepeatability(Sht3xRepeatability repeatability)
        {
            return new ArgumentException("repeatability must be High, Medium or Low, was " + ((int)repeatability).ToString(), "repeatability");
        }
    }
}
