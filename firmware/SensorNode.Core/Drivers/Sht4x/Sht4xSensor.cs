using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Sensirion SHT4x temperature and humidity sensor. One measurement is a one-byte command and, after the
    /// conversion, a 6-byte read; the chip NACKs its address while converting. It returns to idle (about 0.08 uA)
    /// by itself after each measurement, so, as with the SHT3x, there is nothing to power down.
    /// </summary>
    public sealed class Sht4xSensor : IClimateSensor
    {
        private readonly Sht4xPrecision _precision;
        private readonly SensirionMeasurement _measurement;

        /// <summary>
        /// Driver over <paramref name="channel"/> (address 0x44, 0x45 or 0x46 by part number, set by whoever made the
        /// channel). No bus traffic here. Throws ArgumentNullException for a null channel and ArgumentException for an
        /// undefined <paramref name="precision"/>.
        /// </summary>
        public Sht4xSensor(II2cChannel channel, Sht4xPrecision precision)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }
            _measurement = new SensirionMeasurement(channel, new byte[] { Sht4xCodec.MeasureCommand(precision) });
            _precision = precision;
        }

        /// <inheritdoc />
        public SensorError LastError
        {
            get { return _measurement.LastError; }
        }

        /// <summary>
        /// Sends the measurement command. Returns the wait before <see cref="TryReadMeasurement"/>, ms (10 high, 6
        /// medium, 3 low); 0 on a bus failure, with <see cref="LastError"/> set.
        /// </summary>
        public int StartMeasurement()
        {
            return _measurement.Start(Sht4xCodec.MeasurementMilliseconds(_precision));
        }

        /// <summary>
        /// Reads the measurement started last and checks the CRC of each word. A measurement is returned at most
        /// once; after a failed read (a too-early NACK) the same measurement may be retried.
        /// </summary>
        public bool TryReadMeasurement(out ClimateSample sample)
        {
            sample = new ClimateSample();
            int rawTemperature;
            int rawHumidity;
            if (!_measurement.TryReadWords(out rawTemperature, out rawHumidity))
            {
                return false;
            }
            sample.TemperatureCentiCelsius = Sht4xCodec.TemperatureCentiCelsius(rawTemperature);
            sample.HumidityCentiPercent = Sht4xCodec.HumidityCentiPercent(rawHumidity);
            return true;
        }

        /// <summary>One line for the boot log, e.g. "SHT4x, high precision, no heater, last error None".</summary>
        public string Describe()
        {
            return "SHT4x, " + Sht4xCodec.PrecisionName(_precision) + " precision, no heater, last error " + SensorErrorText.Name(LastError);
        }
    }
}
