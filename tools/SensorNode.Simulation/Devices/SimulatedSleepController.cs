using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>Records what the node armed before deep sleep; the simulator reads it to schedule the next wake.</summary>
public sealed class SimulatedSleepController : ISleepController
{
    public WakeCause NextCause { get; set; } = WakeCause.PowerOn;
    public int ArmedTimerSeconds { get; private set; }
    public bool MotionArmed { get; private set; }
    public bool Sleeping { get; private set; }

    public WakeCause GetWakeCause() => NextCause;

    public bool ArmTimerWakeup(int sleepSeconds)
    {
        ArmedTimerSeconds = sleepSeconds;
        return sleepSeconds > 0;
    }

    public bool ArmMotionWakeup()
    {
        MotionArmed = true;
        return true;
    }

    public void EnterDeepSleep() => Sleeping = true;

    /// <summary>A new boot: nothing is armed any more.</summary>
    public void Boot(WakeCause cause)
    {
        NextCause = cause;
        ArmedTimerSeconds = 0;
        MotionArmed = false;
        Sleeping = false;
    }
}
