namespace SensorNode.Gateway.Occupancy;

/// <summary>What the gateway says about a room (docs/occupancy.md). Unknown is not vacant: nobody was watching.</summary>
public enum OccupancyState
{
    /// <summary>The node was blind (PIR disarmed, browned out) or silent: nothing can be said.</summary>
    Unknown = 0,
    /// <summary>Watched long enough without motion.</summary>
    Vacant = 1,
    /// <summary>Motion seen recently.</summary>
    Occupied = 2,
}
