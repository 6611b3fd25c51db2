using System;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Pure SHT4x arithmetic (Sensirion SHT40/41/45): commands, conversion times and the raw-to-unit conversions.
    /// Integer only, so the result is the same on nanoFramework and .NET. Section numbers are from the SHT4x datasheet
    /// (HT_DS_Datasheet_SHT4x, version 6.6, April 2024).
    /// </summary>
    public static class Sht4xCodec
    {
        /// <summary>Bytes of one measurement: temperature word, its CRC, humidity word, its CRC (datasheet 4.5).</summary>
        public const int MeasurementLength = 6;

        /// <summary>Soft reset command (datasheet 4.5, Table 7).</summary>
        public const byte SoftResetCommand = 0x94;

        /// <summary>Read-serial-number command: answers two words with CRCs, like a measurement (datasheet 4.5).</summary>
        public const byte ReadSerialCommand = 0x89;

        /// <summary>The measurement command for <paramref name="precision"/>: 0xFD, 0xF6 or 0xE0 (no heater).</summary>
        public static byte MeasureCommand(Sht4xPrecision precision)
        {
            switch (precision)
            {
                case Sht4xPrecision.High: return 0xFD;
                case Sht4xPrecision.Medium: return 0xF6;
                case Sht4xPrecision.Low: return 0xE0;
                default: throw UndefinedPrecision(precision);
            }
        }

        /// <summary>
        /// Time to wait after a measurement command, ms: the datasheet maximum (Table 4: 8.3, 4.5, 1.6 ms) rounded
        /// up, plus 1 ms for the ESP32's millisecond timer granularity.
        /// </summary>
        public static int MeasurementMilliseconds(Sht4xPrecision precision)
        {
            switch (precision)
            {
                case Sht4xPrecision.High: return 10;
                case Sht4xPrecision.Medium: return 6;
                case Sht4xPrecision.Low: return 3;
                default: throw UndefinedPrecision(precision);
            }
        }

        /// <summary>
        /// Temperature in 0.01 degC from the raw word (0 to 65535): T = -45 + 175 * raw / 65535 degC (datasheet 4.6),
        /// rounded to nearest. Range -4500 to 13000; the same formula as the SHT3x.
        /// </summary>
        public static int TemperatureCentiCelsius(int raw)
        {
            return (int)RoundedDivision.Divide(17500L * raw, 65535) - 4500;
        }

        /// <summary>
        /// Relative humidity in 0.01 %RH from the raw word (0 to 65535): RH = -6 + 125 * raw / 65535 % (datasheet 4.6),
        /// rounded to nearest, then cropped to 0..10000 as the datasheet advises (the formula spans -6 to 119 %RH).
        /// </summary>
        public static int HumidityCentiPercent(int raw)
        {
            int centiPercent = (int)RoundedDivision.Divide(12500L * raw, 65535) - 600;
            return centiPercent < 0 ? 0 : (centiPercent > 10000 ? 10000 : centiPercent);
        }

        /// <summary>"high", "medium" or "low" for Describe (Enum.ToString() gives the number on nanoFramework).</summary>
        internal static string PrecisionName(Sht4xPrecision precision)
        {
            switch (precision)
            {
                case Sht4xPrecision.High: return "high";
                case Sht4xPrecision.Medium: return "medium";
                case Sht4xPrecision.Low: return "low";
                default: throw UndefinedPrecision(precision);
            }
        }

        private static ArgumentException UndefinedPrecision(Sht4xPrecision precision)
        {
            return new ArgumentException("precision must be High, Medium or Low, was " + ((int)precision).ToString(), "precision");
        }
    }
}
