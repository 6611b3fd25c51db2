using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Supercap voltage through a resistor divider into one ADC channel. Averages several conversions, maps
    /// the average raw count to pin millivolts by a two-point calibration line (the ESP32 ADC has both offset
    /// and gain error), and scales by the divider ratio. A saturated or failed conversion is reported as a
    /// fault, never as a plausible voltage: the energy policy must not act on a clamped reading.
    /// </summary>
    public sealed class SupercapMonitor
    {
        /// <summary>Smallest divider ratio x1000 (1000: no divider).</summary>
        public const int MinDividerRatioMilli = 1000;
        /// <summary>Largest divider ratio x1000 (100:1).</summary>
        public const int MaxDividerRatioMilli = 100000;
        /// <summary>Fewest conversions per reading.</summary>
        public const int MinSamples = 1;
        /// <summary>Most conversions per reading.</summary>
        public const int MaxSamples = 64;
        /// <summary>Highest calibration pin voltage accepted, mV (above any ADC pin's absolute maximum).</summary>
        public const int MaxCalibrationMillivolts = 5000;

        private readonly IAdcChannel _adc;
        private readonly int _dividerRatioMilli;
        private readonly int _lowRaw;
        private readonly int _lowMillivolts;
        private readonly int _highRaw;
        private readonly int _highMillivolts;
        private readonly int _samples;

        /// <summary>
        /// Monitor over <paramref name="adc"/>. <paramref name="dividerRatioMilli"/>: Vcap / Vpin x1000,
        /// 1000 to 100000 (2000 for two equal resistors). Calibration: two bench points, each a raw count and the
        /// pin voltage (mV, measured with a meter) that produced it; raw counts 1 to adc.MaxRaw - 1 with high
        /// above low, millivolts 0 to 5000 with high above low. <paramref name="samples"/>: conversions averaged
        /// per reading, 1 to 64. Throws ArgumentNullException for a null channel and ArgumentException (naming
        /// the valid range) for any other bad value. No conversion happens here.
        /// </summary>
        public SupercapMonitor(IAdcChannel adc, int dividerRatioMilli, int calibrationLowRaw, int calibrationLowMillivolts,
            int calibrationHighRaw, int calibrationHighMillivolts, int samples)
        {
            if (adc == null)
            {
                throw new ArgumentNullException("adc");
            }
            int maxRaw = adc.MaxRaw;
            RequireRange("dividerRatioMilli", dividerRatioMilli, MinDividerRatioMilli, MaxDividerRatioMilli,
                " (Vcap/Vpin x1000; 2000 for two equal resistors)");
            RequireRange("samples", samples, MinSamples, MaxSamples, "");
            RequireRange("calibrationLowRaw", calibrationLowRaw, 1, maxRaw - 2,
                " (inside the ADC's 0.." + maxRaw.ToString() + " and below the high point; 0 and full scale are saturated)");
            RequireRange("calibrationHighRaw", calibrationHighRaw, calibrationLowRaw + 1, maxRaw - 1,
                " (above calibrationLowRaw, below the ADC's full scale " + maxRaw.ToString() + ")");
            RequireRange("calibrationLowMillivolts", calibrationLowMillivolts, 0, MaxCalibrationMillivolts - 1, " mV");
            RequireRange("calibrationHighMillivolts", calibrationHighMillivolts, calibrationLowMillivolts + 1,
                MaxCalibrationMillivolts, " mV (above calibrationLowMillivolts)");
            _adc = adc;
            _dividerRatioMilli = dividerRatioMilli;
            _lowRaw = calibrationLowRaw;
            _lowMillivolts = calibrationLowMillivolts;
            _highRaw = calibrationHighRaw;
            _highMillivolts = calibrationHighMillivolts;
            _samples = samples;
            LastError = SensorError.None;
        }

        /// <summary>Outcome of the last reading; <see cref="SensorError.None"/> after a success.</summary>
        public SensorError LastError { get; private set; }

        /// <summary>
        /// As <see cref="TryReadMillivolts(out int)"/>, switching a gated divider on only for the reading (it would
        /// otherwise draw microamps through the whole deep sleep) and always off again: <paramref name="gate"/> high,
        /// <paramref name="settleMilliseconds"/> of settling, the conversions, gate low. A null gate reads at once.
        /// </summary>
        public bool TryReadMillivolts(IDigitalOutput gate, IDelay delay, int settleMilliseconds, out int supercapMillivolts)
        {
            if (gate == null)
            {
                return TryReadMillivolts(out supercapMillivolts);
            }
            gate.Write(true);
            try
            {
                delay.DelayMilliseconds(settleMilliseconds);
                return TryReadMillivolts(out supercapMillivolts);
            }
            finally
            {
                gate.Write(false);
            }
        }

        /// <summary>
        /// Takes the configured number of conversions and returns the supercap voltage, mV (0 or more; rounded
        /// to nearest). False with <see cref="LastError"/> and 0 as soon as one conversion fails
        /// (<see cref="SensorError.BusError"/>) or reads 0 or full scale, or the calibrated value falls below
        /// 0 mV (<see cref="SensorError.OutOfRange"/>).
        /// </summary>
        public bool TryReadMillivolts(out int supercapMillivolts)
        {
            supercapMillivolts = 0;
            int maxRaw = _adc.MaxRaw;
            long rawSum = 0;
            for (int i = 0; i < _samples; i++)
            {
                int raw;
                if (!_adc.TryReadRaw(out raw))
                {
                    return Fail(SensorError.BusError);
                }
                if (raw <= 0 || raw >= maxRaw)
                {
                    return Fail(SensorError.OutOfRange);
                }
                rawSum += raw;
            }

            // pinMv = lowMv + (rawSum / samples - lowRaw) * (highMv - lowMv) / (highRaw - lowRaw), kept as one
            // fraction over samples * (highRaw - lowRaw) so the average's fraction is not truncated early.
            long denominator = (long)(_highRaw - _lowRaw) * _samples;
            long pinNumerator = _lowMillivolts * denominator
                + (rawSum - (long)_lowRaw * _samples) * (_highMillivolts - _lowMillivolts);
            long supercap = RoundedDivision.Divide(pinNumerator * _dividerRatioMilli, denominator * 1000);
            if (supercap < 0 || supercap > int.MaxValue)
            {
                return Fail(SensorError.OutOfRange);
            }
            supercapMillivolts = (int)supercap;
            LastError = SensorError.None;
            return true;
        }

        /// <summary>
        /// One line for the boot log, e.g. "Supercap ADC: divider x1000 2000, 8 samples, calibration 410 raw = 480 mV,
        /// 3686 raw = 2560 mV, last error None".
        /// </summary>
        public string Describe()
        {
            return "Supercap ADC: divider x1000 " + _dividerRatioMilli.ToString() + ", " + _samples.ToString()
                + " samples, calibration " + _lowRaw.ToString() + " raw = " + _lowMillivolts.ToString() + " mV, "
                + _highRaw.ToString() + " raw = " + _highMillivolts.ToString() + " mV, last error "
                + SensorErrorText.Name(LastError);
        }

        private static void RequireRange(string name, int value, int min, int max, string detail)
        {
            if (value < min || value > max)
            {
                throw new ArgumentException(name + " must be " + min.ToString() + " to " + max.ToString() + detail
                    + ", was " + value.ToString(), name);
            }
        }

        private bool Fail(SensorError error)
        {
            LastError = error;
            return false;
        }
    }
}
