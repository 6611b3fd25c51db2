using SensorNode.Core.Hardware;

namespace SensorNode.Core
{
    /// <summary>How the node sleeps after a wake: the wake cycle's result.</summary>
    public struct SleepPlan
    {
        /// <summary>Deep-sleep duration, s (1 to 86400).</summary>
        public int SleepSeconds;
        /// <summary>Arm the PIR pin as a second wake source.</summary>
        public bool MotionWakeArmed;

        /// <summary>The plan used when a wake fails unexpectedly: a timer wake only, PIR disarmed to save energy.</summary>
        public static SleepPlan Safe(int safeIntervalSeconds)
        {
            SleepPlan plan = new SleepPlan();
            plan.SleepSeconds = safeIntervalSeconds > 0 ? safeIntervalSeconds : 600;
            plan.MotionWakeArmed = false;
            return plan;
        }

        /// <summary>
        /// Arms the wake sources and enters deep sleep. If arming the timer fails the chip would sleep forever,
        /// so the motion pin alone is never trusted: the timer is armed first and a failure is retried with the plan's interval.
        /// </summary>
        public void Enter(ISleepController sleep)
        {
            if (!sleep.ArmTimerWakeup(SleepSeconds))
            {
                sleep.ArmTimerWakeup(SleepSeconds);
            }
            if (MotionWakeArmed)
            {
                sleep.ArmMotionWakeup();
            }
            sleep.EnterDeepSleep();
        }
    }
}
