using SensorNode.Core;
using SensorNode.Core.Hardware;

namespace SensorNode.Simulation.Simulator;

/// <summary>
/// How far the node's own time (the time its readings carry) is from the simulator's true time: the worst error, and
/// the drift rate, the error divided by the time since the node's clock was last set from the network (SNTP at a
/// successful association). Readings without a time are skipped, and so are power-on wakes: their maintenance window
/// passes between the core's start and the time read, so the start is not the moment the time was taken.
/// </summary>
public sealed class NodeClockError
{
    private long _lastSyncMs = -1;
    private double _errorSum, _daysSum;

    /// <summary>Largest |reading time - true time| seen, s (whole-second readings: 1 s is the resolution).</summary>
    public double MaxAbsSeconds { get; private set; }

    /// <summary>Sum of |error| over the sum of days since the last sync, over readings at least an hour after one; s/day.</summary>
    public double SecondsPerDay => _daysSum > 0 ? _errorSum / _daysSum : 0;

    /// <summary>One wake: its reading's time against the true time its core started at.</summary>
    public void Observe(WakeReport report, long coreStartTrueMs)
    {
        if (report.ReadingUnixSeconds > 0 && report.Cause != WakeCause.PowerOn)
        {
            double error = Math.Abs(report.ReadingUnixSeconds - coreStartTrueMs / 1000.0);
            MaxAbsSeconds = Math.Max(MaxAbsSeconds, error);
            if (_lastSyncMs >= 0 && coreStartTrueMs - _lastSyncMs >= 3_600_000)
            {
                _errorSum += error;
                _daysSum += (coreStartTrueMs - _lastSyncMs) / 86_400_000.0;
            }
        }
        if (report.RadioStarted && !report.LinkFailed) _lastSyncMs = coreStartTrueMs;
    }
}
