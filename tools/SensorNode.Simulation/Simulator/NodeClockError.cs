using SensorNode.Core;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Simulator;

/// <summary>
/// How far the node's time is from the simulator's true time. <see cref="MaxAbsSeconds"/>: the worst error of the time
/// the readings carry (whole seconds; power-on wakes are skipped, their maintenance window passes between the core's start
/// and the time read). <see cref="SecondsPerDay"/>: the drift of the clock the node reads (the event RTC when fitted and
/// set, else the ESP32's sleep clock), to the millisecond: how much its error grew since the node last set it from network
/// time, per day, over wakes at least an hour after a set (a set itself lands on a whole second, an offset, not drift).
/// </summary>
public sealed class NodeClockError
{
    private long _setTrueMs = -1;
    private double _errorAtSetMs;
    private double _growthMs, _days;

    /// <summary>Largest |reading time - true time| seen, s.</summary>
    public double MaxAbsSeconds { get; private set; }

    /// <summary>Sum of the error growth since the last set over the sum of days since it, s/day.</summary>
    public double SecondsPerDay => _days > 0 ? _growthMs / 1000 / _days : 0;

    /// <summary>
    /// One wake: its reading's time against the true time its core started at, and the node clock's error
    /// <paramref name="clockErrorMs"/> (node clock - true time) at the end of the wake; <paramref name="clockSet"/> when the
    /// wake set that clock from the network.
    /// </summary>
    public void Observe(WakeReport report, long coreStartTrueMs, double clockErrorMs, bool clockSet, long endTrueMs)
    {
        if (report.ReadingUnixSeconds > 0 && report.Cause != WakeCause.PowerOn)
        {
            MaxAbsSeconds = Math.Max(MaxAbsSeconds, Math.Abs(report.ReadingUnixSeconds - coreStartTrueMs / 1000.0));
        }
        if (clockSet)
        {
            _setTrueMs = endTrueMs;
            _errorAtSetMs = clockErrorMs;
            return;
        }
        if (_setTrueMs >= 0 && endTrueMs - _setTrueMs >= 3_600_000)
        {
            _growthMs += Math.Abs(clockErrorMs - _errorAtSetMs);
            _days += (endTrueMs - _setTrueMs) / 86_400_000.0;
        }
    }
}
