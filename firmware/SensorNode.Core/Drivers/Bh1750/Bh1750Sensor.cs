using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// ROHM BH1750FVI ambient-light sensor in one-time H-resolution mode (1 lx resolution, 0 to 54612 lx).
    /// The chip powers itself down after each measurement. It sends no CRC and no ready flag: a bit flipped on
    /// the bus, or a read before the conversion finished, yields a plausible value that no driver can detect.
    /// </summary>
    public sealed class Bh1750Sensor : ILightSensor
    {
        private readonly II2cChannel _channel;
        private readonly byte[] _powerOn;
        private readonly byte[] _measure;
        private readonly byte[] _data;
        private bool _measurementPending;

        /// <summary>
        /// Driver over <paramref name="channel"/> (address 0x23 with ADDR low, 0x5C with ADDR high).
        /// No bus traffic here. Throws ArgumentNullException for a null channel.
        /// </summary>
        public Bh1750Sensor(II2cChannel channel)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }
            _channel = channel;
            _powerOn = new byte[] { (byte)Bh1750Command.PowerOn };
            _measure = new byte[] { (byte)Bh1750Command.OneTimeHighResolution };
            _data = new byte[2];
            LastError = SensorError.None;
        }

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        public SensorError LastError { get; private set; }

        /// <summary>
        /// Sends Power On (0x01) then One Time H-Resolution (0x20), each in its own transaction. Returns the
        /// wait before <see cref="TryReadIlluminance"/>, ms (180); 0 on a bus failure, with <see cref="LastError"/> set.
        /// </summary>
        public int StartMeasurement()
        {
            _measurementPending = false;
            I2cStatus status = _channel.Write(_powerOn);
            if (status == I2cStatus.Ok)
            {
                status = _channel.Write(_measure);
            }
            if (status != I2cStatus.Ok)
            {
                LastError = I2cErrors.ToSensorError(status);
                return 0;
            }
            _measurementPending = true;
            LastError = SensorError.None;
            return Bh1750Codec.MeasurementMilliseconds;
        }

        /// <summary>
        /// Reads the 2-byte result of the measurement started last. Illuminance in 0.01 lx, 0 to 5461250
        /// (54612.50 lx: brighter light reads as full scale). False with <see cref="LastError"/> on a bus fault
        /// or when nothing was started (<see cref="SensorError.NotStarted"/>); the out value is then 0.
        /// A measurement is returned at most once; after a failed read it may be read again.
        /// </summary>
        public bool TryReadIlluminance(out int illuminanceCentiLux)
        {
            illuminanceCentiLux = 0;
            if (!_measurementPending)
            {
                return Fail(SensorError.NotStarted);
            }
            I2cStatus status = _channel.Read(_data);
            if (status != I2cStatus.Ok)
            {
                return Fail(I2cErrors.ToSensorError(status));
            }
            illuminanceCentiLux = Bh1750Codec.CentiLuxFromRaw((_data[0] << 8) | _data[1]);
            _measurementPending = false;
            LastError = SensorError.None;
            return true;
        }

        /// <summary>One line for the boot log, e.g. "BH1750 one-time H-resolution, 180 ms, last error None".</summary>
        public string Describe()
        {
            return "BH1750 one-time H-resolution, 180 ms, last error " + SensorErrorText.Name(LastError);
        }

        private bool Fail(SensorError error)
        {
            LastError = error;
            return false;
        }
    }
}
