using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Sensirion SHT3x-DIS temperature and humidity sensor in single-shot mode without clock stretching.
    /// One measurement is one command write and one 6-byte read; both values come from that one conversion.
    /// Between measurements the chip idles at about 0.2 uA, so there is nothing to power down.
    /// </summary>
    public sealed class Sht3xSensor : IClimateSensor
    {
        private readonly Sht3xRepeatability _repeatability;
        private readonly SensirionMeasurement _measurement;

        /// <summary>
        /// Driver over <paramref name="channel"/> (address 0x44 or 0x45, set by whoever made the channel).
        /// No bus traffic here. Throws ArgumentNullException for a null channel and ArgumentException for an
        /// undefined <paramref name="repeatability"/>.
        /// </summary>
        public Sht3xSensor(II2cChannel channel, Sht3xRepeatability repeatability)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }
            int command = (int)Sht3xCodec.SingleShotCommand(repeatability);
            _repeatability = repeatability;
            _measurement = new SensirionMeasurement(channel, new byte[] { (byte)(command >> 8), (byte)command });
        }

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        public SensorError LastError
        {
            get { return _measurement.LastError; }
        }

        /// <summary>
        /// Sends the single-shot command. Returns the wait before <see cref="TryReadMeasurement"/>, ms
        /// (16 high, 7 medium, 5 low). On a bus failure returns 0, sets <see cref="LastError"/>, and the next
        /// <see cref="TryReadMeasurement"/> returns false with <see cref="SensorError.NotStarted"/>.
        /// </summary>
        public int StartMeasurement()
        {
            return _measurement.Start(Sht3xCodec.MeasurementMilliseconds(_repeatability));
        }

        /// <summary>
        /// Reads the measurement started last and checks the CRC of each word. False with
        /// <see cref="LastError"/> on NACK (the chip NACKs until the conversion is done), bus fault, CRC
        /// mismatch, or when nothing was started; <paramref name="sample"/> is then all zero and must be
        /// ignored. A measurement is returned at most once. After a failed read the same measurement may be
        /// retried (useful after a too-early NACK); a new <see cref="StartMeasurement"/> always works.
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
            sample.TemperatureCentiCelsius = Sht3xCodec.TemperatureCentiCelsius(rawTemperature);
            sample.HumidityCentiPercent = Sht3xCodec.HumidityCentiPercent(rawHumidity);
            return true;
        }

        /// <summary>One line for the boot log, e.g. "SHT3x single-shot, high repeatability, no clock stretching, last error None".</summary>
        public string Describe()
        {
            return "SHT3x single-shot, " + Sht3xCodec.RepeatabilityName(_repeatability)
                + " repeatability, no clock stretching, last error " + SensorErrorText.Name(LastError);
        }
    }
}
