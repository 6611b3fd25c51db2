using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>How the node sleeps after a wake: the wake cycle's result.</summary>
    public struct SleepPlan
    {
        /// <summary>
        /// Sleep before a radio wake that this wake decided on, s: the stored Wi-Fi configuration has just been enabled
        /// and only the next boot can use the radio (<see cref="IRadioConfigStore"/>). A timer wake, so the next boot
        /// is not taken for a power-on (no maintenance window).
        /// </summary>
        public const int RadioBootDelaySeconds = 1;

        /// <summary>Deep-sleep duration, s (1 to 86400).</summary>
        public int SleepSeconds;
        /// <summary>Arm the PIR pin as a second wake source.</summary>
        public bool MotionWakeArmed;
        /// <summary>
        /// The next boot is a radio wake: the stored Wi-Fi configuration is left enabled so nanoCLR starts the radio
        /// before Main. False (the default, and every failure path) leaves it disabled.
        /// </summary>
        public bool RadioAtNextBoot;

        /// <summary>The plan used when a wake fails unexpectedly: a timer wake only, PIR disarmed, radio off at the next boot.</summary>
        public static SleepPlan Safe(int safeIntervalSeconds)
        {
            SleepPlan plan = new SleepPlan();
            plan.SleepSeconds = safeIntervalSeconds > 0 ? safeIntervalSeconds : 600;
            plan.MotionWakeArmed = false;
            plan.RadioAtNextBoot = false;
            return plan;
        }

        /// <summary>A short timer sleep into a radio wake (<see cref="RadioBootDelaySeconds"/>).</summary>
        public static SleepPlan IntoRadioWake()
        {
            SleepPlan plan = new SleepPlan();
            plan.SleepSeconds = RadioBootDelaySeconds;
            plan.MotionWakeArmed = false;
            plan.RadioAtNextBoot = true;
            return plan;
        }

        /// <summary>
        /// Leaves the stored Wi-Fi configuration as <see cref="RadioAtNextBoot"/> says (<see cref="RadioAtBoot.Apply"/>;
        /// <paramref name="radio"/> null on hosts without one), arms the wake sources and enters deep sleep. If arming
        /// the timer fails the chip would sleep forever, so the motion pin alone is never trusted: the timer is armed
        /// first and a failure is retried with the plan's interval. Returns the flash writes the radio rule did.
        /// </summary>
        public int Enter(ISleepController sleep, IRadioConfigStore radio)
        {
            int writes = RadioAtBoot.Apply(radio, RadioAtNextBoot);
            if (!sleep.ArmTimerWakeup(SleepSeconds))
            {
                sleep.ArmTimerWakeup(SleepSeconds);
            }
            if (MotionWakeArmed)
            {
                sleep.ArmMotionWakeup();
            }
            sleep.EnterDeepSleep();
            return writes;
        }
    }
}
