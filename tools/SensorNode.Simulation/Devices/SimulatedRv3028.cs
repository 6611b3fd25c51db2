using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Register-level Micro Crystal RV-3028-C7 event RTC on the simulated I2C bus (registers 0x00-0x1A; the EEPROM,
/// alarm, timer and UNIX-counter registers are not modelled). Its crystal runs at <see cref="CrystalDriftPpm"/> from the
/// simulator's true time. The simulator drives the EVI input with the trace's PIR events (<see cref="Event"/>); with time
/// stamping enabled (TSE) each one increments the event counter (saturating at 255), stamps its time (the last event
/// with TSOW = 1, the first with 0) and sets EVF, which holds INT low while EIE is set. Writing 1 to TSR resets the
/// counter and stamp; the events it clears are handed to the simulator as <see cref="TakeDrained"/> (the reading they
/// were counted in). Status flags are cleared by writing 0, writing 1 leaves them. PORF is set at power-on until the
/// status is written with it cleared. The backup supply is assumed to hold through every brown-out of the node; the
/// simulator calls <see cref="SwitchToBackup"/> when the rail falls, which sets BSF. The countdown timer (Timer Value
/// 0x0A-0x0B, TE and TD in Control 1, single mode) starts when TE goes from 0 to 1 and ends after value x tick of the
/// crystal (the first tick's sub-tick phase is not modelled); the simulator ends it (<see cref="ExpireCountdown"/>),
/// which sets TF and clears TE. INT is low while EVF with EIE or TF with TIE is set.
/// </summary>
public sealed class SimulatedRv3028 : SimulatedI2cDevice
{
    private readonly Func<long> _trueNowMilliseconds;
    private readonly List<int> _pending = new();
    private readonly List<int> _drained = new();
    private byte _pointer;
    private byte _status = Rv3028Codec.StatusPowerOnReset;
    private byte _control1;
    private byte _control2;
    private byte _eventControl;
    private int _count;
    private long _stampUnixSeconds;
    // The clock: RTC time = _setRtcMilliseconds + (true now - _setTrueMilliseconds) * (1 + drift).
    private long _setTrueMilliseconds;
    private double _setRtcMilliseconds;
    private readonly byte[] _clockWrite = new byte[Rv3028Codec.ClockBytes];
    private int _timerValue;
    private long? _countdownEndsAt;

    /// <param name="trueNowMilliseconds">The simulator's true Unix time, ms.</param>
    public SimulatedRv3028(Func<long> trueNowMilliseconds)
    {
        _trueNowMilliseconds = trueNowMilliseconds;
        _setTrueMilliseconds = trueNowMilliseconds();
        _setRtcMilliseconds = 946684800000.0; // 2000-01-01 after a power-on reset
    }

    /// <summary>Rate error of the 32.768 kHz crystal, ppm (positive: the RTC runs fast).</summary>
    public double CrystalDriftPpm { get; set; }

    /// <summary>The RTC's time now, Unix ms.</summary>
    public double RtcUnixMilliseconds => _setRtcMilliseconds + (_trueNowMilliseconds() - _setTrueMilliseconds) * (1 + CrystalDriftPpm * 1e-6);

    /// <summary>INT is low (the ESP32's ext0 level, the power gate's switch): an event flagged while the event interrupt is enabled, or the countdown's end while its interrupt is.</summary>
    public bool InterruptAsserted => ((_status & Rv3028Codec.StatusEventFlag) != 0 && EventInterruptEnabled)
        || ((_status & Rv3028Codec.StatusTimerFlag) != 0 && (_control2 & Rv3028Codec.Control2TimerInterrupt) != 0);

    /// <summary>True Unix ms at which the running countdown ends (its crystal's time); null when none runs.</summary>
    public long? CountdownEndsAtMilliseconds => _countdownEndsAt;

    /// <summary>The countdown reached zero: TF set, TE cleared (single mode).</summary>
    public void ExpireCountdown()
    {
        if (_countdownEndsAt == null) return;
        _countdownEndsAt = null;
        _control1 = (byte)(_control1 & ~Rv3028Codec.Control1TimerEnable);
        _status |= Rv3028Codec.StatusTimerFlag;
    }

    /// <summary>The rail the RTC runs on fell (a brown-out): it switches to its backup supply and sets BSF.</summary>
    public void SwitchToBackup() => _status |= Rv3028Codec.StatusBackupSwitch;

    /// <summary>The node enabled the event interrupt (EIE).</summary>
    public bool EventInterruptEnabled => (_control2 & Rv3028Codec.Control2EventInterrupt) != 0;

    /// <summary>The clock was set since the power-on reset (PORF cleared).</summary>
    public bool TimeSet => (_status & Rv3028Codec.StatusPowerOnReset) == 0;

    /// <summary>The event counter (Count TS).</summary>
    public int EventCount => _count;

    /// <summary>A rising edge on EVI at true time <paramref name="trueMilliseconds"/> (now or earlier, in order); <paramref name="tag"/> names the event for <see cref="TakeDrained"/>.</summary>
    public void Event(long trueMilliseconds, int tag)
    {
        if ((_control2 & Rv3028Codec.Control2TimeStampEnable) == 0)
        {
            return; // time stamping off (a fresh chip before the node configured it): the event goes unseen
        }
        double rtcMs = _setRtcMilliseconds + (trueMilliseconds - _setTrueMilliseconds) * (1 + CrystalDriftPpm * 1e-6);
        bool overwrite = (_eventControl & Rv3028Codec.EventTimeStampOverwrite) != 0;
        if (_count == 0 || overwrite)
        {
            _stampUnixSeconds = (long)Math.Floor(rtcMs / 1000);
        }
        if (_count < 255) _count++;
        _pending.Add(tag);
        _status |= Rv3028Codec.StatusEventFlag;
    }

    /// <summary>The tags of the events counted since the last time-stamp reset, not yet read by the node (oldest first).</summary>
    public IReadOnlyList<int> Held => _pending;

    /// <summary>The tags of the events cleared by time-stamp resets since the last call (oldest first).</summary>
    public List<int> TakeDrained()
    {
        var drained = new List<int>(_drained);
        _drained.Clear();
        return drained;
    }

    /// <inheritdoc />
    protected override I2cStatus OnWrite(byte[] data)
    {
        if (data.Length == 0) return I2cStatus.Ok;
        _pointer = data[0];
        bool clockWritten = false;
        for (int i = 1; i < data.Length; i++)
        {
            int register = _pointer;
            if (register <= (int)Rv3028Register.Year)
            {
                if (!clockWritten) Array.Copy(ReadClock(), _clockWrite, _clockWrite.Length);
                _clockWrite[register] = data[i];
                clockWritten = true;
            }
            else
            {
                WriteRegister(register, data[i]);
            }
            _pointer++;
        }
        if (clockWritten && Rv3028Codec.TryDecodeClock(_clockWrite, 0, out long unixSeconds))
        {
            // Writing the clock restarts the one-second divider: the new time starts at a whole second.
            _setTrueMilliseconds = _trueNowMilliseconds();
            _setRtcMilliseconds = unixSeconds * 1000.0;
        }
        return I2cStatus.Ok;
    }

    /// <inheritdoc />
    protected override I2cStatus OnRead(byte[] buffer)
    {
        byte[] clock = ReadClock();
        var stamp = new byte[Rv3028Codec.ClockBytes];
        if (_count > 0) Rv3028Codec.EncodeClock(_stampUnixSeconds, stamp, 0);
        for (int i = 0; i < buffer.Length; i++)
        {
            int register = _pointer + i;
            buffer[i] = register switch
            {
                <= (int)Rv3028Register.Year => clock[register],
                (int)Rv3028Register.TimerValue0 => (byte)(_timerValue & 0xFF),
                (int)Rv3028Register.TimerValue1 => (byte)((_timerValue >> 8) & 0x0F),
                (int)Rv3028Register.Status => _status,
                (int)Rv3028Register.Control1 => _control1,
                (int)Rv3028Register.Control2 => _control2,
                (int)Rv3028Register.EventControl => _eventControl,
                (int)Rv3028Register.CountTimeStamp => (byte)_count,
                (int)Rv3028Register.SecondsTimeStamp => stamp[0],
                (int)Rv3028Register.MinutesTimeStamp => stamp[1],
                (int)Rv3028Register.HoursTimeStamp => stamp[2],
                // The stamp has no weekday: date, month, year follow the hours.
                (int)Rv3028Register.DateTimeStamp => stamp[4],
                (int)Rv3028Register.MonthTimeStamp => stamp[5],
                (int)Rv3028Register.YearTimeStamp => stamp[6],
                _ => 0,
            };
        }
        return I2cStatus.Ok;
    }

    private byte[] ReadClock()
    {
        var clock = new byte[Rv3028Codec.ClockBytes];
        long seconds = (long)Math.Floor(RtcUnixMilliseconds / 1000);
        Rv3028Codec.EncodeClock(Math.Clamp(seconds, 946684800L, 4102444799L), clock, 0);
        return clock;
    }

    private void WriteRegister(int register, byte value)
    {
        switch (register)
        {
            case (int)Rv3028Register.Status:
                _status &= value; // a flag is cleared by writing 0 and left by writing 1
                break;
            case (int)Rv3028Register.TimerValue0:
                _timerValue = (_timerValue & 0xF00) | value;
                break;
            case (int)Rv3028Register.TimerValue1:
                _timerValue = (_timerValue & 0x0FF) | ((value & 0x0F) << 8);
                break;
            case (int)Rv3028Register.Control1:
                bool starts = (value & Rv3028Codec.Control1TimerEnable) != 0 && (_control1 & Rv3028Codec.Control1TimerEnable) == 0;
                bool stops = (value & Rv3028Codec.Control1TimerEnable) == 0;
                _control1 = value;
                if (stops) _countdownEndsAt = null;
                if (starts && _timerValue > 0)
                {
                    // value x tick of the crystal, in true time (a fast crystal ends the countdown early).
                    double seconds = (value & Rv3028Codec.Control1TimerClockMask) switch
                    {
                        0 => _timerValue / 4096.0,
                        1 => _timerValue / 64.0,
                        var clock => Rv3028Codec.CountdownSeconds(_timerValue, (byte)clock),
                    };
                    _countdownEndsAt = _trueNowMilliseconds() + (long)Math.Round(seconds * 1000 / (1 + CrystalDriftPpm * 1e-6));
                }
                break;
            case (int)Rv3028Register.Control2:
                _control2 = value;
                break;
            case (int)Rv3028Register.EventControl:
                _eventControl = (byte)(value & ~Rv3028Codec.EventTimeStampReset);
                if ((value & Rv3028Codec.EventTimeStampReset) != 0)
                {
                    _count = 0;
                    _stampUnixSeconds = 0;
                    _drained.AddRange(_pending);
                    _pending.Clear();
                }
                break;
            default:
                break; // registers the node does not use
        }
    }
}
