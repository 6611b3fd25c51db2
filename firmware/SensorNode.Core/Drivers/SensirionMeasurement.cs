using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// The transaction Sensirion's climate chips share (SHT3x single-shot, SHT4x): write a command, wait for the
    /// conversion, read two 16-bit words each followed by its CRC-8. The chip NACKs until the conversion is done, so a
    /// failed read may be retried; a measurement is handed out at most once. The drivers add only their commands and
    /// their conversions.
    /// </summary>
    internal sealed class SensirionMeasurement
    {
        private readonly II2cChannel _channel;
        private readonly byte[] _command;
        private readonly byte[] _data = new byte[6];
        private bool _pending;

        /// <summary>Over <paramref name="channel"/> (checked by the caller), sending <paramref name="command"/> to measure.</summary>
        internal SensirionMeasurement(II2cChannel channel, byte[] command)
        {
            _channel = channel;
            _command = command;
            LastError = SensorError.None;
        }

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        internal SensorError LastError { get; private set; }

        /// <summary>Sends the command. Returns <paramref name="waitMilliseconds"/>, or 0 on a bus failure (LastError says why).</summary>
        internal int Start(int waitMilliseconds)
        {
            I2cStatus status = _channel.Write(_command);
            if (status != I2cStatus.Ok)
            {
                _pending = false;
                LastError = I2cErrors.ToSensorError(status);
                return 0;
            }
            _pending = true;
            LastError = SensorError.None;
            return waitMilliseconds;
        }

        /// <summary>
        /// Reads the two raw words of the measurement started last, each checked against its CRC. False with
        /// <see cref="LastError"/> on NACK, bus fault, CRC mismatch or when nothing was started; the words are then 0.
        /// </summary>
        internal bool TryReadWords(out int first, out int second)
        {
            first = 0;
            second = 0;
            if (!_pending)
            {
                return Fail(SensorError.NotStarted);
            }
            I2cStatus status = _channel.Read(_data);
            if (status != I2cStatus.Ok)
            {
                return Fail(I2cErrors.ToSensorError(status));
            }
            if (!SensirionCrc8.IsWordValid(_data, 0) || !SensirionCrc8.IsWordValid(_data, 3))
            {
                return Fail(SensorError.CrcMismatch);
            }
            first = (_data[0] << 8) | _data[1];
            second = (_data[3] << 8) | _data[4];
            _pending = false;
            LastError = SensorError.None;
            return true;
        }

        private bool Fail(SensorError error)
        {
            LastError = error;
            return false;
        }
    }
}
