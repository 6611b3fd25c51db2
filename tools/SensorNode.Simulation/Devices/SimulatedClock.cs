using SensorNode.Core.Hardware;
using SensorNode.Simulation.Physics;

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

    /// <summary>
    /// Called for every millisecond the node spends awake, with what it was doing: the simulator's power rail
    /// draws that phase's current from the supercap. Null in plain tests (time passes, no energy is booked).
    /// </summary>
    public Action<PowerPhase, long>? OnAwake { get; set; }

    /// <summary>Set by the power rail when the supercap browned out during this wake: the node is dead.</summary>
    public bool PowerLost { get; set; }

    public long UptimeMilliseconds => NowUnixMilliseconds - BootUnixMilliseconds;

    /// <summary>
    /// Rate error of the ESP32's sleep clock (the internal 150 kHz RC oscillator unless a 32 kHz crystal is fitted), ppm:
    /// the wall time the node reads gains this much on true time until the next network sync (<see cref="SyncWallTime"/>).
    /// </summary>
    public double DriftPpm { get; set; }

    // The node's wall time minus true time, ms: grows with DriftPpm, reset by a sync.
    private double _wallErrorMilliseconds;

    /// <summary>The node's own wall time minus true time, ms (0 with <see cref="DriftPpm"/> 0).</summary>
    public double WallErrorMilliseconds => _wallErrorMilliseconds;

    public bool TryGetUnixSeconds(out long unixSeconds)
    {
        unixSeconds = (long)Math.Floor((NowUnixMilliseconds + _wallErrorMilliseconds) / 1000);
        return WallTimeValid;
    }

    /// <summary>A network time sync (SNTP at association): wall time valid again and exact.</summary>
    public void SyncWallTime()
    {
        WallTimeValid = true;
        _wallErrorMilliseconds = 0;
    }

    public void DelayMilliseconds(int milliseconds)
    {
        if (milliseconds <= 0) return;
        DelayedMilliseconds += milliseconds;
        Awake(milliseconds, PowerPhase.Sensing);
    }

    /// <summary>Moves time forward without booking energy (deep sleep is integrated by the simulator itself).</summary>
    public void Advance(long milliseconds)
    {
        if (milliseconds > 0)
        {
            NowUnixMilliseconds += milliseconds;
            _wallErrorMilliseconds += milliseconds * DriftPpm * 1e-6;
        }
    }

    /// <summary>Moves time forward while the node is awake doing <paramref name="phase"/>.</summary>
    public void Awake(long milliseconds, PowerPhase phase)
    {
        if (milliseconds <= 0) return;
        NowUnixMilliseconds += milliseconds;
        _wallErrorMilliseconds += milliseconds * DriftPpm * 1e-6;
        OnAwake?.Invoke(phase, milliseconds);
    }

    /// <summary>A reboot: uptime starts again from zero and the power is good.</summary>
    public void Boot()
    {
        BootUnixMilliseconds = NowUnixMilliseconds;
        PowerLost = false;
    }
}
