namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// When people are in the space on a day the <see cref="OccupancyModel"/> made occupied, and how the PIR sees them.
/// Assumptions (no trace records presence; docs/environment.md and docs/occupancy.md): the occupant arrives when the
/// lamps go on where <see cref="ArrivalFollowsLights"/> (the ff66 switch-on times are the arrivals), else at a drawn
/// hour; leaves at a drawn hour (never after the lamps go off: lights are often left on, never switched off early);
/// goes to lunch and to meetings (away); while present the PIR fires with gamma-distributed gaps (a seated person
/// moves enough for a PIR every few minutes), and with nobody there it fires only as stray triggers at the
/// profile's unoccupied rates (the old empty-day curve).
/// </summary>
/// <param name="ArrivalFollowsLights">The arrival is the lamps' switch-on time (else <see cref="WeekdayArrivalHour"/>).</param>
/// <param name="WeekdayArrivalHour">Arrival hour on workdays when not following the lights.</param>
/// <param name="WeekendArrivalHour">Arrival hour on occupied weekend days when not following the lights.</param>
/// <param name="WeekdayDepartureHour">Departure hour on workdays (capped at the lamps' switch-off when they follow presence).</param>
/// <param name="WeekendStayHours">Hours an occupied weekend day lasts after the arrival.</param>
/// <param name="LunchProbability">Chance of a lunch away on a workday, 0 to 1.</param>
/// <param name="LunchStartHour">When lunch starts.</param>
/// <param name="LunchMinutes">How long lunch lasts.</param>
/// <param name="MeetingsPerDay">Mean number of meetings away per workday (Poisson).</param>
/// <param name="MeetingMinutes">How long a meeting lasts.</param>
/// <param name="MotionGapMeanSeconds">Mean gap between PIR events while somebody is present, s.</param>
/// <param name="MotionGapShape">Gamma shape of those gaps (integer; 1 = Poisson, higher = more regular).</param>
/// <param name="LightsFollowPresence">The lamps are on exactly while somebody is present (presence-switched lighting).</param>
internal sealed record PresenceModel(
    bool ArrivalFollowsLights,
    QuantileTable WeekdayArrivalHour,
    QuantileTable WeekendArrivalHour,
    QuantileTable WeekdayDepartureHour,
    QuantileTable WeekendStayHours,
    double LunchProbability,
    QuantileTable LunchStartHour,
    QuantileTable LunchMinutes,
    double MeetingsPerDay,
    QuantileTable MeetingMinutes,
    double MotionGapMeanSeconds,
    int MotionGapShape,
    bool LightsFollowPresence);
