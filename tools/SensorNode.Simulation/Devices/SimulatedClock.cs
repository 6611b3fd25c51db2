using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Devices;

/// <summary>
/// Simulated time: the simulator owns "now" and the node only sees it through <see cref="IClock"/>.
/// Uptime restarts at every boot; wall time survives deep sleep (the ESP32's RTC does) but is lost
/// with power, as on the device, until the next network time sync.
/// </summary>
public sealed class SimulatedClock : IClock, IDelay
{
    /// <summary>Simulated wall time in Unix milliseconds.</summary>
    public long NowUnixMilliseconds { get; private set; }

    /// <summary>Unix milliseconds of the current boot.</summary>
    public long BootUnixMilliseconds { get; private set; }

    /// <summary>Whether the node's RTC holds valid wall time.</summary>
    public bool WallTimeValid { get; set; } = true;

    /// <summary>Every <see cref="DelayMilliseconds"/> so far, ms (the node's conversion waits).</summary>
    public long DelayedMilliseconds { get; private set; }

    public SimulatedClock(long startUnixMilliseconds)
    {
        NowUnixMilliseconds = startUnixMilliseconds;
        BootUnixMilliseconds = startUnixMilliseconds;
    }

    public long UptimeMilliseconds => NowUnixMilliseconds - BootUnixMilliseconds;

    public bool TryGetUnixSeconds(out long unixSeconds)
    {
        unixSeconds = NowUnixMilliseconds / 1000;
        return WallTimeValid;
    }

    public void DelayMilliseconds(int milliseconds)
    {
        if (milliseconds <= 0) return;
        NowUnixMilliseconds += milliseconds;
        DelayedMilliseconds += milliseconds;
    }

    /// <summary>Moves time forward (deep sleep, radio activity).</summary>
    public void Advance(long milliseconds)
    {
        if (milliseconds > 0) NowUnixMilliseconds += milliseconds;
    }

    /// <summary>A reboot: uptime starts again from zero.</summary>
    public void Boot() => BootUnixMilliseconds = NowUnixMilliseconds;
}
