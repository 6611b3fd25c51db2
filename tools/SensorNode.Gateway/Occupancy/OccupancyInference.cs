using System.Globalization;

namespace SensorNode.Gateway.Occupancy;

/// <summary>
/// The occupancy rules of docs/occupancy.md, fed one room's readings in time order. Pure and incremental: <see cref="Add"/>
/// updates a few numbers, <see cref="Decide(long)"/> answers for any time at or after the newest reading.
/// <list type="bullet">
/// <item>Occupied while the last motion is less than <see cref="OccupancyParameters.OccupiedHoldSeconds"/> old.</item>
/// <item>Vacant when the PIR watched at least <see cref="OccupancyParameters.VacantAfterWatchedSeconds"/> without motion
/// (a stretch of armed sleeps since the last motion, gaps up to the tolerance), and the evidence is still fresh.</item>
/// <item>Unknown otherwise: the node was blind (PIR disarmed, browned out, coverage unknown), or silent since the
/// announced wake.</item>
/// <item>Under a watch commitment (the newest reading's message said the PIR stays armed until a time and the node reports
/// any change at once): the node's silence is evidence. Quiet: the watched stretch runs on to now (vacant after the delay);
/// active: occupied until the node reports the quiet. Unknown once the commitment ended without news.</item>
/// </list>
/// The naive reading (no motion = vacant) is <see cref="DecideNaive"/>, on the same readings.
/// </summary>
public sealed class OccupancyInference
{
    private readonly OccupancyParameters _parameters;
    private bool _any;
    private long _last;                 // newest reading's time
    private long? _lastMotion;
    private bool _stretchValid;         // a watched, motion-free stretch ends at _last
    private long _stretchStart;
    private bool _lastWatchedToEnd;     // the newest reading's interval was watched to its end
    private bool _lastBrownout;
    private bool _lastCoverageUnknown;
    private long? _nextWake;
    private long _lastInterval;         // seconds between the two newest readings: the node's cadence
    private long? _watchUntil;          // the newest reading's watch commitment
    private bool _watchActive;

    public OccupancyInference(OccupancyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.Validated();
    }

    /// <summary>Time of the newest reading added, Unix s; null before the first.</summary>
    public long? NewestUnixSeconds => _any ? _last : null;

    /// <summary>
    /// Adds the next reading. Returns false (and ignores it) when it is older than the newest one added: a late
    /// redelivery cannot rewrite what was decided live (the stored series is recomputed from all readings in order).
    /// </summary>
    public bool Add(OccupancyObservation o)
    {
        if (_any && o.UnixSeconds < _last) return false;
        int? armed = o.ArmedSeconds;
        bool watched = !o.Brownout && armed is > 0;
        if (watched)
        {
            long from = o.UnixSeconds - armed!.Value;
            bool continues = _any && _stretchValid && from <= _last + _parameters.CoverageGapToleranceSeconds;
            if (!continues) _stretchStart = from;
            _stretchValid = true;
        }
        else
        {
            _stretchValid = false;
        }
        if (o.MotionEvents > 0)
        {
            // Motion at the reading, or earlier where the event RTC stamped it (within the watched interval, never before
            // the previous reading): whatever was watched before it no longer argues for vacant; the time after it may.
            long motionAt = o.UnixSeconds;
            if (watched && o.LastMotionAgeSeconds is int age && age > 0)
                motionAt = Math.Max(o.UnixSeconds - Math.Min(age, armed!.Value), _any ? _last : long.MinValue);
            _lastMotion = Math.Max(_lastMotion ?? long.MinValue, motionAt);
            _stretchStart = _lastMotion.Value;
            _stretchValid = true;
        }
        _lastWatchedToEnd = watched;
        _lastBrownout = o.Brownout;
        _lastCoverageUnknown = armed == null && !o.Brownout;
        _nextWake = o.NextWakeUnixSeconds;
        _watchUntil = o.WatchUntilUnixSeconds;
        _watchActive = o.WatchActive;
        _lastInterval = _any ? o.UnixSeconds - _last : 0;
        _last = o.UnixSeconds;
        _any = true;
        return true;
    }

    /// <summary>The state at <paramref name="unixSeconds"/> (at or after the newest reading), with its evidence.</summary>
    public OccupancyDecision Decide(long unixSeconds) => Decide(unixSeconds, null);

    /// <summary>
    /// The state at <paramref name="unixSeconds"/>, knowing also that the PIR watched without motion from
    /// <paramref name="watchingSinceUnixSeconds"/> to then (an armed interval reported by a later reading: the "as taken"
    /// view places that evidence where it was observed, docs/occupancy.md). Null: only what the readings added say.
    /// </summary>
    public OccupancyDecision Decide(long unixSeconds, long? watchingSinceUnixSeconds)
    {
        if (!_any) return new(OccupancyState.Unknown, "no readings", 0);
        long now = Math.Max(unixSeconds, _last);
        if (_lastMotion is long motion && now - motion < _parameters.OccupiedHoldSeconds)
            return new(OccupancyState.Occupied, $"motion {Minutes(now - motion)} min ago", 0);

        if (watchingSinceUnixSeconds is long since && since < now)
        {
            // The armed interval in progress: it continues the stretch when it starts within the tolerance of the newest reading.
            long start = _stretchValid && since <= _last + _parameters.CoverageGapToleranceSeconds ? _stretchStart : since;
            if (_lastMotion is long m && m > start) start = m;
            return Watched(now - start);
        }

        if (_watchUntil is long until && now <= until + _parameters.NextWakeGraceSeconds)
        {
            // Committed: the node transmits at once when motion follows its quiet (arrival) and when quiet follows motion.
            if (_watchActive) return new(OccupancyState.Occupied, "motion, node watching", 0);
            long committed = (_stretchValid ? _last - _stretchStart : 0) + (Math.Min(now, until) - _last);
            return Watched(committed);
        }
        if (_watchUntil is long ended && now > ended + _parameters.NextWakeGraceSeconds)
            return new(OccupancyState.Unknown, $"watch ended {Clock(ended)}", 0);

        // The node is expected back at its announced wake, else after as long as its last interval (its cadence), at least
        // EvidenceValidSeconds; past that (and the grace) it is silent and nothing can be said.
        long freshUntil = (_nextWake is long wake ? Math.Max(wake, _last) : _last + Math.Max(_parameters.EvidenceValidSeconds, _lastInterval))
            + _parameters.NextWakeGraceSeconds;
        bool fresh = now <= freshUntil;
        long watched = _stretchValid ? _last - _stretchStart : 0;
        if (_parameters.PresumeWatchingWhileAsleep && _stretchValid && _lastWatchedToEnd && fresh) watched += now - _last;
        if (!fresh) return new(OccupancyState.Unknown, $"no news since {Clock(_last)}", 0);
        if (watched >= _parameters.VacantAfterWatchedSeconds)
            return now - _last > _parameters.UncommittedVacantSeconds
                ? new(OccupancyState.Unknown, $"vacant at {Clock(_last)}, not reported on since", watched)
                : new(OccupancyState.Vacant, $"watched {Minutes(watched)} min without motion", watched);
        string why = _lastBrownout ? "blind: brown-out" : _lastCoverageUnknown ? "blind: coverage unknown"
            : !_stretchValid ? "blind: PIR disarmed" : $"watched only {Minutes(watched)} min";
        return new(OccupancyState.Unknown, why, watched);
    }

    /// <summary>
    /// The first time after <paramref name="unixSeconds"/> at which <see cref="Decide(long)"/> may answer differently with no
    /// new reading (the hold after motion ending, a vacancy delay elapsing under a quiet commitment, a commitment or the
    /// evidence's freshness ending); null when nothing changes without news. May be early (the decision then stays): the
    /// gateway's timer re-decides then (docs/occupancy.md, "At the gateway").
    /// </summary>
    public long? NextChangeUnixSeconds(long unixSeconds)
    {
        if (!_any) return null;
        long now = Math.Max(unixSeconds, _last);
        long? next = null;
        void Candidate(long t)
        {
            if (t > now && (next == null || t < next)) next = t;
        }
        if (_lastMotion is long motion) Candidate(motion + _parameters.OccupiedHoldSeconds);
        long stretchStart = _stretchValid ? _stretchStart : _last;
        if (_lastMotion is long m && m > stretchStart) stretchStart = m;
        if (_watchUntil is long until)
        {
            Candidate(until + _parameters.NextWakeGraceSeconds + 1);
            if (!_watchActive) Candidate(stretchStart + _parameters.VacantAfterWatchedSeconds);
            return next;
        }
        long freshUntil = (_nextWake is long wake ? Math.Max(wake, _last) : _last + Math.Max(_parameters.EvidenceValidSeconds, _lastInterval))
            + _parameters.NextWakeGraceSeconds;
        Candidate(freshUntil + 1);
        Candidate(_last + _parameters.UncommittedVacantSeconds + 1);
        if (_parameters.PresumeWatchingWhileAsleep && _stretchValid && _lastWatchedToEnd)
            Candidate(stretchStart + _parameters.VacantAfterWatchedSeconds);
        return next;
    }

    private OccupancyDecision Watched(long seconds) => seconds >= _parameters.VacantAfterWatchedSeconds
        ? new(OccupancyState.Vacant, $"watched {Minutes(seconds)} min without motion", seconds)
        : new(OccupancyState.Unknown, $"watched only {Minutes(seconds)} min", seconds);

    /// <summary>The naive reading on the same readings: occupied within the hold after motion, vacant otherwise (never unknown).</summary>
    public OccupancyState DecideNaive(long unixSeconds) =>
        _lastMotion is long motion && Math.Max(unixSeconds, _last) - motion < _parameters.OccupiedHoldSeconds
            ? OccupancyState.Occupied : OccupancyState.Vacant;

    private static string Minutes(long seconds) => (seconds / 60).ToString(CultureInfo.InvariantCulture);

    private static string Clock(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
