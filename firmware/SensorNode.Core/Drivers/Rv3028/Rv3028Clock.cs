using System;
using SensorNode.Core.Hardware;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Micro Crystal RV-3028-C7 event RTC: the node's crystal clock and its motion counter. The PIR drives the EVI
    /// input; the RTC counts the events and time-stamps the last one while the ESP32 sleeps (about 45 nA), and its
    /// open-drain INT output wakes the ESP32 (ext0) on an event only when the node asked for that. Thin I/O over
    /// <see cref="Rv3028Codec"/>: one burst read per wake, two short writes to restart the count.
    /// </summary>
    public sealed class Rv3028Clock
    {
        private readonly II2cChannel _channel;
        private readonly byte[] _pointer;
        private readonly byte[] _registers;
        private readonly byte[] _controlBlock;
        private readonly byte[] _eventControl;
        private readonly byte[] _clock;
        private readonly byte[] _status;
        private readonly byte[] _statusRead;
        private readonly byte[] _flags;
        private readonly byte[] _stop;
        private readonly byte[] _timerValue;

        /// <summary>Driver over <paramref name="channel"/> (address 0x52). No bus traffic here. Throws ArgumentNullException for a null channel.</summary>
        public Rv3028Clock(II2cChannel channel)
        {
            if (channel == null)
            {
                throw new ArgumentNullException("channel");
            }
            _channel = channel;
            _pointer = new byte[1];
            _registers = new byte[Rv3028Codec.SnapshotBytes];
            _controlBlock = new byte[4];
            _eventControl = new byte[2];
            _clock = new byte[1 + Rv3028Codec.ClockBytes];
            _status = new byte[2];
            _statusRead = new byte[1];
            _flags = new byte[3];
            _stop = new byte[2];
            _timerValue = new byte[3];
            LastError = SensorError.None;
        }

        /// <summary>Outcome of the last operation; <see cref="SensorError.None"/> after a success.</summary>
        public SensorError LastError { get; private set; }

        /// <summary>
        /// One burst read of registers 0x00-0x1A: clock, flags, controls, event count and time stamp. False with
        /// <see cref="LastError"/> on a bus fault (the snapshot is then all zero and not valid).
        /// </summary>
        public bool TryReadSnapshot(out Rv3028Snapshot snapshot)
        {
            _pointer[0] = (byte)Rv3028Register.Seconds;
            I2cStatus status = _channel.WriteRead(_pointer, _registers);
            if (status != I2cStatus.Ok)
            {
                snapshot = new Rv3028Snapshot();
                return Fail(status);
            }
            Rv3028Codec.DecodeSnapshot(_registers, out snapshot);
            LastError = SensorError.None;
            return true;
        }

        /// <summary>
        /// Writes the flag and control block from <paramref name="read"/>: clears the event flag (releasing INT, so an
        /// event already counted does not wake the node at once), keeps time stamping on, and enables the event
        /// interrupt only when <paramref name="wakeOnNextEvent"/>. The count is untouched. Flags are cleared by writing 0;
        /// the other flags are written back as read (writing 1 leaves a flag as it is). False with <see cref="LastError"/>
        /// on a bus fault.
        /// </summary>
        public bool TryWriteControls(Rv3028Snapshot read, bool wakeOnNextEvent)
        {
            int control2 = (read.Control2 | Rv3028Codec.Control2TimeStampEnable) & ~Rv3028Codec.Control2EventInterrupt;
            if (wakeOnNextEvent)
            {
                control2 |= Rv3028Codec.Control2EventInterrupt;
            }
            _controlBlock[0] = (byte)Rv3028Register.Status;
            _controlBlock[1] = (byte)(read.Status & ~Rv3028Codec.StatusEventFlag);
            _controlBlock[2] = read.Control1;
            _controlBlock[3] = (byte)control2;
            return Done(_channel.Write(_controlBlock));
        }

        /// <summary>
        /// Reads the status and the two control registers (0x0E-0x10), for the power gate's wake cause. False with
        /// <see cref="LastError"/> on a bus fault (all three are then 0).
        /// </summary>
        public bool TryReadFlags(out byte status, out byte control1, out byte control2)
        {
            _pointer[0] = (byte)Rv3028Register.Status;
            I2cStatus result = _channel.WriteRead(_pointer, _flags);
            status = result == I2cStatus.Ok ? _flags[0] : (byte)0;
            control1 = result == I2cStatus.Ok ? _flags[1] : (byte)0;
            control2 = result == I2cStatus.Ok ? _flags[2] : (byte)0;
            return Done(result);
        }

        /// <summary>
        /// Starts the countdown for a sleep of <paramref name="seconds"/> (<see cref="Rv3028Codec.TryEncodeCountdown"/>,
        /// single mode) with its interrupt on, so INT goes low when it ends, and the event interrupt on only when
        /// <paramref name="wakeOnNextEvent"/>; time stamping stays on. Stops the timer before loading the new value (the
        /// value is taken when TE goes from 0 to 1), then clears TF and BSF (the next wake reads them fresh) and leaves
        /// EVF as it is (an event the node asked to be woken by keeps INT low). False with <see cref="LastError"/> on
        /// a bus fault, or <see cref="SensorError.OutOfRange"/> for a sleep the countdown cannot time.
        /// </summary>
        public bool TryStartCountdown(int seconds, bool wakeOnNextEvent)
        {
            int value;
            byte clock;
            if (!Rv3028Codec.TryEncodeCountdown(seconds, out value, out clock))
            {
                return Fail(SensorError.OutOfRange);
            }
            byte status, control1, control2;
            if (!TryReadFlags(out status, out control1, out control2))
            {
                return false;
            }
            int stopped = control1 & ~(Rv3028Codec.Control1TimerEnable | Rv3028Codec.Control1TimerRepeat | Rv3028Codec.Control1TimerClockMask);
            _stop[0] = (byte)Rv3028Register.Control1;
            _stop[1] = (byte)stopped;
            _timerValue[0] = (byte)Rv3028Register.TimerValue0;
            _timerValue[1] = (byte)(value & 0xFF);
            _timerValue[2] = (byte)((value >> 8) & 0x0F);
            int interrupts = (control2 | Rv3028Codec.Control2TimeStampEnable | Rv3028Codec.Control2TimerInterrupt) & ~Rv3028Codec.Control2EventInterrupt;
            if (wakeOnNextEvent)
            {
                interrupts |= Rv3028Codec.Control2EventInterrupt;
            }
            _controlBlock[0] = (byte)Rv3028Register.Status;
            _controlBlock[1] = (byte)(status & ~(Rv3028Codec.StatusTimerFlag | Rv3028Codec.StatusBackupSwitch));
            _controlBlock[2] = (byte)(stopped | Rv3028Codec.Control1TimerEnable | clock);
            _controlBlock[3] = (byte)interrupts;
            I2cStatus result = _channel.Write(_stop);
            if (result == I2cStatus.Ok)
            {
                result = _channel.Write(_timerValue);
            }
            if (result == I2cStatus.Ok)
            {
                result = _channel.Write(_controlBlock);
            }
            return Done(result);
        }

        /// <summary>
        /// Resets the event counter and the time stamp (TSR) and sets the event mode (EVI active high, last event
        /// stamped). An event between the caller's snapshot and this reset (a few hundred microseconds of bus time) is
        /// lost. False with <see cref="LastError"/> on a bus fault.
        /// </summary>
        public bool TryResetCount()
        {
            _eventControl[0] = (byte)Rv3028Register.EventControl;
            _eventControl[1] = Rv3028Codec.EventControl(true);
            return Done(_channel.Write(_eventControl));
        }

        /// <summary>
        /// Sets the clock to <paramref name="unixSeconds"/> (2000-2099; writing the seconds register also restarts the
        /// sub-second divider) and clears the power-on reset flag, so the time reads as valid from now on. False with
        /// <see cref="LastError"/> on a bus fault, or <see cref="SensorError.OutOfRange"/> outside 2000-2099.
        /// </summary>
        public bool TrySetTime(long unixSeconds)
        {
            if (unixSeconds < 946684800L || unixSeconds >= 4102444800L)
            {
                return Fail(SensorError.OutOfRange);
            }
            _clock[0] = (byte)Rv3028Register.Seconds;
            Rv3028Codec.EncodeClock(unixSeconds, _clock, 1);
            I2cStatus status = _channel.Write(_clock);
            if (status == I2cStatus.Ok)
            {
                _pointer[0] = (byte)Rv3028Register.Status;
                status = _channel.WriteRead(_pointer, _statusRead);
            }
            if (status == I2cStatus.Ok)
            {
                _status[0] = (byte)Rv3028Register.Status;
                _status[1] = (byte)(_statusRead[0] & ~Rv3028Codec.StatusPowerOnReset);
                status = _channel.Write(_status);
            }
            if (status != I2cStatus.Ok)
            {
                return Fail(status);
            }
            LastError = SensorError.None;
            return true;
        }

        /// <summary>One line for the boot log, e.g. "RV-3028 event RTC, last error None".</summary>
        public string Describe()
        {
            return "RV-3028 event RTC, last error " + SensorErrorText.Name(LastError);
        }

        private bool Done(I2cStatus status)
        {
            if (status != I2cStatus.Ok)
            {
                return Fail(status);
            }
            LastError = SensorError.None;
            return true;
        }

        private bool Fail(I2cStatus status)
        {
            return Fail(I2cErrors.ToSensorError(status));
        }

        private bool Fail(SensorError error)
        {
            LastError = error;
            return false;
        }
    }
}
