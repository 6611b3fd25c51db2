using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// TI OPT3001 ambient-light sensor: single-shot conversions with automatic full-scale range and the
    /// 100-ms integration time. The chip shuts itself down after each conversion (0.3 uA typical).
    /// The OPT3001 sends no CRC: a bit flipped on the bus yields a plausible wrong value that no driver can detect.
    /// </summary>
    public sealed class Opt3001Sensor : ILightSensor
    {
        private readonly II2cChannel _channel;
        private readonly byte[] _startConversion;
        private readonly byte[] _pointer;
        private readonly byte[] _register;
        private bool _conversionPending;
        private bool _conversionReady;

        /// <summary>
        /// Driver over <paramref name="channel"/> (address 0x44-0x47 by the ADDR pin; the reference board uses
        /// 0x45 so it does not clash with the SHT3x). No bus traffic here. Throws ArgumentNullException for a null channel.
        /// </summary>
        public Opt3001Sensor(II2cChannel channel)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }
            _channel = channel;
            int config = Opt3001Codec.SingleShotAutomaticRange100Milliseconds;
            _startConversion = new byte[] { (byte)Opt3001Register.Configuration, (byte)(config >> 8), (byte)config };
            _pointer = new byte[1];
            _register = new byte[2];
            LastError = SensorError.None;
        }

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        public SensorError LastError { get; private set; }

        /// <summary>
        /// Writes the configuration register to start one conversion. Returns the wait before
        /// <see cref="TryReadIlluminance"/>, ms (110); 0 on a bus failure, with <see cref="LastError"/> set.
        /// </summary>
        public int StartMeasurement()
        {
            _conversionPending = false;
            _conversionReady = false;
            I2cStatus status = _channel.Write(_startConversion);
            if (status != I2cStatus.Ok)
            {
                LastError = I2cErrors.ToSensorError(status);
                return 0;
            }
            _conversionPending = true;
            LastError = SensorError.None;
            return Opt3001Codec.ConversionMilliseconds;
        }

        /// <summary>
        /// Reads the conversion started last: first the configuration register, whose conversion-ready flag
        /// proves the result is new, then the result register. Illuminance in 0.01 lx, 0 to 8386560
        /// (83865.60 lx: brighter light reads as full scale). False with <see cref="LastError"/> on a bus fault,
        /// a reserved exponent (<see cref="SensorError.OutOfRange"/>), or when no finished conversion is waiting
        /// (<see cref="SensorError.NotStarted"/>, also when read too early); the out value is then 0.
        /// After a failed result read the same conversion may be read again.
        /// </summary>
        public bool TryReadIlluminance(out int illuminanceCentiLux)
        {
            illuminanceCentiLux = 0;
            if (!_conversionPending)
            {
                return Fail(SensorError.NotStarted);
            }
            if (!_conversionReady)
            {
                int configuration;
                if (!TryReadRegister(Opt3001Register.Configuration, out configuration))
                {
                    return false;
                }
                if (!Opt3001Codec.IsConversionReady(configuration))
                {
                    return Fail(SensorError.NotStarted);
                }
                // Reading the configuration cleared the chip's flag: remember it for a retry.
                _conversionReady = true;
            }
            int result;
            if (!TryReadRegister(Opt3001Register.Result, out result))
            {
                return false;
            }
            int centiLux;
            if (!Opt3001Codec.TryDecodeCentiLux(result, out centiLux))
            {
                return Fail(SensorError.OutOfRange);
            }
            _conversionPending = false;
            _conversionReady = false;
            illuminanceCentiLux = centiLux;
            LastError = SensorError.None;
            return true;
        }

        /// <summary>
        /// Reads the manufacturer ID register: 0x5449 on a genuine OPT3001 (a bring-up check that the right chip
        /// answers). False with <see cref="LastError"/> on a bus fault; <paramref name="id"/> is then 0.
        /// Does not disturb a pending conversion.
        /// </summary>
        public bool TryReadManufacturerId(out int id)
        {
            if (!TryReadRegister(Opt3001Register.ManufacturerId, out id))
            {
                return false;
            }
            LastError = SensorError.None;
            return true;
        }

        /// <summary>One line for the boot log, e.g. "OPT3001 single-shot, auto range, 100 ms, last error None".</summary>
        public string Describe()
        {
            return "OPT3001 single-shot, auto range, 100 ms, last error " + SensorErrorText.Name(LastError);
        }

        private bool TryReadRegister(Opt3001Register register, out int value)
        {
            value = 0;
            _pointer[0] = (byte)register;
            I2cStatus status = _channel.WriteRead(_pointer, _register);
            if (status != I2cStatus.Ok)
            {
                return Fail(I2cErrors.ToSensorError(status));
            }
            value = (_register[0] << 8) | _register[1];
            return true;
        }

        private bool Fail(SensorError error)
        {
            LastError = error;
            return false;
        }
    }
}
