using System;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Drivers
{
    /// <summary>
    /// Pure codec of the Micro Crystal RV-3028-C7 registers the node uses: the BCD clock, the EVI time stamp, the
    /// event counter and the flag/control bits. Register facts are from the RV-3028-C7 Application Manual (to verify
    /// against its current revision, see Drivers/Rv3028/README.md) and match Linux drivers/rtc/rtc-rv3028.c.
    /// </summary>
    public static class Rv3028Codec
    {
        /// <summary>Fixed 7-bit I2C address of the RV-3028-C7.</summary>
        public const int Address = 0x52;

        /// <summary>Bytes of the burst read from register 0x00 through the year time stamp (0x1A).</summary>
        public const int SnapshotBytes = 0x1B;

        /// <summary>Bytes of the clock block 0x00-0x06 (seconds to year).</summary>
        public const int ClockBytes = 7;

        /// <summary>Status bit 0, PORF: a power-on reset happened (time invalid until the clock is set and the flag cleared).</summary>
        public const byte StatusPowerOnReset = 0b0000_0001;
        /// <summary>Status bit 1, EVF: an event was detected on EVI; drives INT low while <see cref="Control2EventInterrupt"/> is set. Cleared by writing 0.</summary>
        public const byte StatusEventFlag = 0b0000_0010;
        /// <summary>Status bit 3, TF: the countdown timer reached zero; drives INT low while <see cref="Control2TimerInterrupt"/> is set. Cleared by writing 0.</summary>
        public const byte StatusTimerFlag = 0b0000_1000;
        /// <summary>Status bit 5, BSF: the RTC switched to its backup supply since the flag was last cleared.</summary>
        public const byte StatusBackupSwitch = 0b0010_0000;

        /// <summary>Control 1 bits 1:0, TD: the countdown timer's clock (<see cref="TimerClockSecond"/>, <see cref="TimerClockMinute"/>).</summary>
        public const byte Control1TimerClockMask = 0b0000_0011;
        /// <summary>TD = 10: the countdown counts seconds (1 Hz).</summary>
        public const byte TimerClockSecond = 0b0000_0010;
        /// <summary>TD = 11: the countdown counts minutes (1/60 Hz).</summary>
        public const byte TimerClockMinute = 0b0000_0011;
        /// <summary>Control 1 bit 2, TE: the countdown runs; in single mode it stops itself at zero, setting TF.</summary>
        public const byte Control1TimerEnable = 0b0000_0100;
        /// <summary>Control 1 bit 7, TRPT: repeat mode; the node uses single mode (0).</summary>
        public const byte Control1TimerRepeat = 0b1000_0000;
        /// <summary>Control 2 bit 4, TIE: the countdown reaching zero (TF) pulls INT low.</summary>
        public const byte Control2TimerInterrupt = 0b0001_0000;
        /// <summary>Largest countdown value: the timer value is 12 bits (Timer Value 0 bits 7:0, Timer Value 1 bits 3:0).</summary>
        public const int MaxTimerValue = 4095;

        /// <summary>Control 2 bit 2, EIE: an event (EVF) pulls the open-drain INT output low: the ESP32's ext0 wake.</summary>
        public const byte Control2EventInterrupt = 0b0000_0100;
        /// <summary>Control 2 bit 7, TSE: time stamping (and the event counter) enabled.</summary>
        public const byte Control2TimeStampEnable = 0b1000_0000;

        /// <summary>Event Control bit 6, EHL: the event is a high level / rising edge on EVI (the PIR output is active high).</summary>
        public const byte EventHighLevel = 0b0100_0000;
        /// <summary>Event Control bit 2, TSR: writing 1 resets the time-stamp registers and the event counter (self-clearing).</summary>
        public const byte EventTimeStampReset = 0b0000_0100;
        /// <summary>Event Control bit 1, TSOW: 1 = each event overwrites the time stamp (it holds the last event), 0 = the first is kept.</summary>
        public const byte EventTimeStampOverwrite = 0b0000_0010;

        /// <summary>
        /// The countdown for a sleep of <paramref name="seconds"/>: seconds at 1 Hz up to 4095 s, else minutes at 1/60 Hz
        /// (rounded up: a sleep a little longer, never shorter) up to 4095 min. The first tick of either clock comes
        /// after up to one tick, so the sleep ends up to one tick early (Application Manual, countdown timer). False
        /// (value 0) outside 1 s to 4095 min.
        /// </summary>
        public static bool TryEncodeCountdown(int seconds, out int timerValue, out byte timerClock)
        {
            timerValue = 0;
            timerClock = TimerClockSecond;
            if (seconds < 1)
            {
                return false;
            }
            if (seconds <= MaxTimerValue)
            {
                timerValue = seconds;
                return true;
            }
            int minutes = (seconds + 59) / 60;
            if (minutes > MaxTimerValue)
            {
                return false;
            }
            timerValue = minutes;
            timerClock = TimerClockMinute;
            return true;
        }

        /// <summary>The length of a countdown of <paramref name="timerValue"/> ticks of <paramref name="timerClock"/>, s.</summary>
        public static int CountdownSeconds(int timerValue, byte timerClock)
        {
            return (timerClock & Control1TimerClockMask) == TimerClockMinute ? timerValue * 60 : timerValue;
        }

        /// <summary>
        /// The Event Control value the node writes: EVI active high, no digital filter (the PIR pulse is a clean
        /// ~2 s level), time stamp of the last event, source EVI (TSS = 0), plus <see cref="EventTimeStampReset"/> when
        /// <paramref name="reset"/>.
        /// </summary>
        public static byte EventControl(bool reset)
        {
            int value = EventHighLevel | EventTimeStampOverwrite;
            if (reset)
            {
                value |= EventTimeStampReset;
            }
            return (byte)value;
        }

        /// <summary>Binary 0-99 to packed BCD. Throws <see cref="ArgumentOutOfRangeException"/> outside 0-99.</summary>
        public static byte ToBcd(int value)
        {
            if (value < 0 || value > 99)
            {
                throw new ArgumentOutOfRangeException("value", "BCD holds 0-99.");
            }
            return (byte)(((value / 10) << 4) | (value % 10));
        }

        /// <summary>Packed BCD to binary; -1 when a digit is above 9.</summary>
        public static int FromBcd(int bcd)
        {
            int tens = (bcd >> 4) & 0x0F;
            int units = bcd & 0x0F;
            if (tens > 9 || units > 9)
            {
                return -1;
            }
            return tens * 10 + units;
        }

        /// <summary>
        /// Writes <paramref name="unixSeconds"/> (2000-01-01 to 2099-12-31 UTC) as the seven clock registers at
        /// <paramref name="offset"/>: seconds, minutes, hours (24 h), weekday 0-6 (0 = Sunday), date, month, year - 2000.
        /// Throws <see cref="ArgumentOutOfRangeException"/> outside that range.
        /// </summary>
        public static void EncodeClock(long unixSeconds, byte[] buffer, int offset)
        {
            long days = unixSeconds >= 0 ? unixSeconds / 86400 : -1;
            int year;
            int month;
            int day;
            CivilDate.CivilFromDays(days, out year, out month, out day);
            if (unixSeconds < 0 || year < 2000 || year > 2099)
            {
                throw new ArgumentOutOfRangeException("unixSeconds", "The RV-3028 counts years 2000-2099.");
            }
            int secondOfDay = (int)(unixSeconds - days * 86400);
            buffer[offset] = ToBcd(secondOfDay % 60);
            buffer[offset + 1] = ToBcd(secondOfDay / 60 % 60);
            buffer[offset + 2] = ToBcd(secondOfDay / 3600);
            buffer[offset + 3] = (byte)CivilDate.Weekday(days);
            buffer[offset + 4] = ToBcd(day);
            buffer[offset + 5] = ToBcd(month);
            buffer[offset + 6] = ToBcd(year - 2000);
        }

        /// <summary>
        /// Decodes the seven clock registers at <paramref name="offset"/> (the weekday is ignored: the date decides).
        /// False when a field is not valid BCD or out of range (a day past the month's end included).
        /// </summary>
        public static bool TryDecodeClock(byte[] data, int offset, out long unixSeconds)
        {
            return TryDecode(data[offset] & 0x7F, data[offset + 1] & 0x7F, data[offset + 2] & 0x3F,
                data[offset + 4] & 0x3F, data[offset + 5] & 0x1F, data[offset + 6], out unixSeconds);
        }

        /// <summary>
        /// Decodes the six time-stamp registers at <paramref name="offset"/> (seconds, minutes, hours, date, month,
        /// year TS: no weekday). False as <see cref="TryDecodeClock"/>; an all-zero stamp (reset, no event) is invalid.
        /// </summary>
        public static bool TryDecodeTimeStamp(byte[] data, int offset, out long unixSeconds)
        {
            return TryDecode(data[offset] & 0x7F, data[offset + 1] & 0x7F, data[offset + 2] & 0x3F,
                data[offset + 3] & 0x3F, data[offset + 4] & 0x1F, data[offset + 5], out unixSeconds);
        }

        /// <summary>Fills <paramref name="snapshot"/> from a <see cref="SnapshotBytes"/>-byte read starting at register 0x00.</summary>
        public static void DecodeSnapshot(byte[] registers, out Rv3028Snapshot snapshot)
        {
            snapshot = new Rv3028Snapshot();
            snapshot.Status = registers[(int)Rv3028Register.Status];
            snapshot.Control1 = registers[(int)Rv3028Register.Control1];
            snapshot.Control2 = registers[(int)Rv3028Register.Control2];
            long now;
            bool decoded = TryDecodeClock(registers, 0, out now);
            snapshot.TimeValid = decoded && (snapshot.Status & StatusPowerOnReset) == 0;
            snapshot.UnixSeconds = snapshot.TimeValid ? now : 0;
            snapshot.EventCount = registers[(int)Rv3028Register.CountTimeStamp];
            long stamp;
            if (snapshot.EventCount > 0 && TryDecodeTimeStamp(registers, (int)Rv3028Register.SecondsTimeStamp, out stamp))
            {
                snapshot.LastEventUnixSeconds = stamp;
            }
        }

        private static bool TryDecode(int secondsBcd, int minutesBcd, int hoursBcd, int dateBcd, int monthBcd, int yearBcd, out long unixSeconds)
        {
            unixSeconds = 0;
            int second = FromBcd(secondsBcd);
            int minute = FromBcd(minutesBcd);
            int hour = FromBcd(hoursBcd);
            int day = FromBcd(dateBcd);
            int month = FromBcd(monthBcd);
            int year = FromBcd(yearBcd);
            if (second < 0 || second > 59 || minute < 0 || minute > 59 || hour < 0 || hour > 23
                || month < 1 || month > 12 || day < 1 || day > DaysInMonth(2000 + year, month) || year < 0)
            {
                return false;
            }
            unixSeconds = CivilDate.DaysFromCivil(2000 + year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
            return true;
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                return year % 4 == 0 ? 29 : 28; // 2000-2099: every fourth year, 2000 included
            }
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }
    }
}
