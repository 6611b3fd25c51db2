namespace SensorNode.Gateway.Occupancy;

/// <summary>The parameters of the occupancy rules (docs/occupancy.md, where each default is argued).</summary>
public sealed record OccupancyParameters
{
    /// <summary>Slot length of the stored and evaluated series, s (15 min).</summary>
    public int SlotSeconds { get; init; } = 900;
    /// <summary>Motion keeps the room occupied this long after it, s.</summary>
    public int OccupiedHoldSeconds { get; init; } = 2400;
    /// <summary>The PIR must have watched this long without motion (since the last motion) before the room is vacant, s.</summary>
    public int VacantAfterWatchedSeconds { get; init; } = 2400;
    /// <summary>
    /// Unwatched time between two armed sleeps that still counts as one stretch (the wake itself: boot, sensing, radio;
    /// the node reads the PIR's level when it takes the reading), s.
    /// </summary>
    public int CoverageGapToleranceSeconds { get; init; } = 120;
    /// <summary>
    /// How long after the newest reading its conclusion stands at least when the node announced no next wake (longer when
    /// the node's last interval was longer: it is expected back after as long again), s.
    /// </summary>
    public int EvidenceValidSeconds { get; init; } = 1800;
    /// <summary>
    /// How long after the newest reading the vacancy it proves stands when the node made no watch commitment, s: such a node
    /// does not report the motion that would end it (a motion wake that buffers, a count by the event RTC), so past this the
    /// room is unknown, not vacant, even while the node's announced wake is still ahead (docs/occupancy.md).
    /// </summary>
    public int UncommittedVacantSeconds { get; init; } = 3_600;
    /// <summary>Slack after an announced next wake before the room goes unknown (a wake runs a few seconds late), s.</summary>
    public int NextWakeGraceSeconds { get; init; } = 120;
    /// <summary>
    /// Count the time since the newest reading as watched while the node sleeps, when that reading's interval was
    /// watched to its end (the node arms the PIR the same way again) and its announced wake has not passed. Off by
    /// default: a node that buffers a motion wake without transmitting it would make that a false vacant.
    /// </summary>
    public bool PresumeWatchingWhileAsleep { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value outside its range (the message names it).</summary>
    public OccupancyParameters Validated()
    {
        Check(SlotSeconds, 60, 86_400, nameof(SlotSeconds));
        Check(OccupiedHoldSeconds, 0, 86_400, nameof(OccupiedHoldSeconds));
        Check(VacantAfterWatchedSeconds, 60, 86_400, nameof(VacantAfterWatchedSeconds));
        Check(CoverageGapToleranceSeconds, 0, 3_600, nameof(CoverageGapToleranceSeconds));
        Check(EvidenceValidSeconds, 0, 86_400, nameof(EvidenceValidSeconds));
        Check(NextWakeGraceSeconds, 0, 3_600, nameof(NextWakeGraceSeconds));
        Check(UncommittedVacantSeconds, 0, 86_400, nameof(UncommittedVacantSeconds));
        return this;
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {min} to {max} s.");
    }
}
