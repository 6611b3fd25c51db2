namespace SensorNode.Gateway.Occupancy;

/// <summary>One room's slot: the decision at its midpoint and what the node saw in it.</summary>
/// <param name="StartUnixSeconds">Slot start, Unix s.</param>
/// <param name="State">The decision at the slot's midpoint.</param>
/// <param name="Evidence">Its evidence line.</param>
/// <param name="WatchedSeconds">Seconds of the slot the PIR was armed (from the readings after it too: hindsight).</param>
/// <param name="MotionEvents">Motion the readings taken in the slot counted.</param>
/// <param name="Naive">The naive reading (no motion = vacant) at the same midpoint.</param>
public sealed record OccupancySlot(long StartUnixSeconds, OccupancyState State, string Evidence, long WatchedSeconds, int MotionEvents,
    OccupancyState Naive);
