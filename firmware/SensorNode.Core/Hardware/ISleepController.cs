namespace SensorNode.Core.Hardware
{
    /// <summary>The chip's deep-sleep unit: why we woke, what may wake us next, and the sleep itself.</summary>
    public interface ISleepController
    {
        /// <summary>Cause of the current boot.</summary>
        WakeCause GetWakeCause();

        /// <summary>Arms the RTC timer to wake after <paramref name="sleepSeconds"/> s. False when the chip refused.</summary>
        bool ArmTimerWakeup(int sleepSeconds);

        /// <summary>Arms the PIR pin (ext0, level high) as a wake source. False when the chip refused.</summary>
        bool ArmMotionWakeup();

        /// <summary>Enters deep sleep. On the device this never returns: the next wake is a reboot.</summary>
        void EnterDeepSleep();
    }
}
