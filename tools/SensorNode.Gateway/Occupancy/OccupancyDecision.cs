namespace SensorNode.Gateway.Occupancy;

/// <summary>A decision and its evidence.</summary>
/// <param name="State">Occupied, vacant or unknown.</param>
/// <param name="Evidence">One line: "motion 3 min ago", "watched 25 min without motion", "blind: PIR disarmed", ...</param>
/// <param name="WatchedSeconds">Seconds watched without motion up to the decision (0 when the stretch is broken).</param>
public readonly record struct OccupancyDecision(OccupancyState State, string Evidence, long WatchedSeconds);
