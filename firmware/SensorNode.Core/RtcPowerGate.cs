using System;
using SensorNode.Core.Drivers;
using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>
    /// The event RTC as the node's power switch ([rtc] power_hold_pin, docs/hardware.md "The RTC as the power switch"):
    /// a load switch feeds the ESP32 and its sensors while the RTC's INT is low or the ESP32 holds it on. The node sleeps
    /// by starting the RTC's countdown (and the event interrupt, when the plan arms the motion wake) and releasing its
    /// hold: the ESP32 is off instead of in deep sleep, about 11 uA less, and the RTC's INT switches it back on. As an
    /// <see cref="ISleepController"/> around the chip's own: every sleep also arms the chip, so a board whose power stays
    /// on (INT already low, or no switch fitted) deep-sleeps as without the gate, and a failed countdown keeps the hold.
    /// </summary>
    public sealed class RtcPowerGate : ISleepController
    {
        private readonly ISleepController _chip;
        private readonly Rv3028Clock _rtc;
        private readonly IDigitalOutput _hold;
        private int _sleepSeconds;
        private bool _motionArmed;

        /// <summary>
        /// The gate over <paramref name="chip"/> (the ESP32's deep-sleep unit, the fallback), the RTC on
        /// <paramref name="rtcChannel"/> and the load switch's hold line <paramref name="hold"/>. No I/O here.
        /// </summary>
        public RtcPowerGate(ISleepController chip, II2cChannel rtcChannel, IDigitalOutput hold)
        {
            if (chip == null)
            {
                throw new ArgumentNullException("chip");
            }
            if (hold == null)
            {
                throw new ArgumentNullException("hold");
            }
            _chip = chip;
            _rtc = new Rv3028Clock(rtcChannel);
            _hold = hold;
        }

        /// <summary>
        /// Holds the switch on. First thing in a wake: INT holds it only until the wake clears the RTC's flags.
        /// </summary>
        public void HoldPower()
        {
            _hold.Write(true);
        }

        /// <summary>True once <see cref="EnterDeepSleep"/> started the countdown and released the hold.</summary>
        public bool PowerReleased { get; private set; }

        /// <summary>
        /// Why the switch came on, from the RTC's flags (read before the wake clears them): BSF, the RTC ran on its backup
        /// since the last sleep began (the rail fell: a brown-out, reported as a power-on like one without the gate);
        /// EVF with the event interrupt on, motion; TF, the countdown; none of them, a power-on. A wake of the chip's own
        /// fallback deep sleep is the chip's cause. A power-on when the RTC does not answer.
        /// </summary>
        public WakeCause GetWakeCause()
        {
            WakeCause chipCause = _chip.GetWakeCause();
            if (chipCause != WakeCause.PowerOn)
            {
                return chipCause;
            }
            byte status, control1, control2;
            if (!_rtc.TryReadFlags(out status, out control1, out control2) || (status & Rv3028Codec.StatusBackupSwitch) != 0)
            {
                return WakeCause.PowerOn;
            }
            if ((status & Rv3028Codec.StatusEventFlag) != 0 && (control2 & Rv3028Codec.Control2EventInterrupt) != 0)
            {
                return WakeCause.Motion;
            }
            return (status & Rv3028Codec.StatusTimerFlag) != 0 ? WakeCause.Timer : WakeCause.PowerOn;
        }

        /// <summary>Notes the sleep for the countdown and arms the chip's timer too (the fallback).</summary>
        public bool ArmTimerWakeup(int sleepSeconds)
        {
            _sleepSeconds = sleepSeconds;
            return _chip.ArmTimerWakeup(sleepSeconds);
        }

        /// <summary>Notes the motion wake for the RTC's event interrupt and arms the chip's ext0 on INT too (the fallback).</summary>
        public bool ArmMotionWakeup()
        {
            _motionArmed = true;
            return _chip.ArmMotionWakeup();
        }

        /// <summary>
        /// Starts the countdown and releases the hold: the switch opens unless INT is low. Then the chip's deep sleep,
        /// reached only while the power stays on: with INT low (an event the plan arms for) ext0 wakes the chip at
        /// once; without a switch the chip's timer wakes it as without the gate. A countdown that could not be started
        /// keeps the hold: the chip deep-sleeps on its own timer, as without the gate.
        /// </summary>
        public void EnterDeepSleep()
        {
            if (_sleepSeconds > 0 && _rtc.TryStartCountdown(_sleepSeconds, _motionArmed))
            {
                PowerReleased = true;
                _hold.Write(false);
            }
            _chip.EnterDeepSleep();
        }
    }
}
