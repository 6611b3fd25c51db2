namespace SensorNode.Gateway;

/// <summary>The energy records of a state pack: they describe the wake that sent it. Null fields were not in the pack.</summary>
/// <param name="UnixSeconds">The pack's base time, Unix seconds UTC; null when the pack has no base time ("now": the receive time).</param>
/// <param name="StoredJoules">Usable energy above brown-out, J, -1000 to 1000 (negative below brown-out).</param>
/// <param name="WakeJoules">Energy the previous wake spent, J, 0 to 1000.</param>
/// <param name="HarvestWatts">Smoothed harvested power, W, 0 to 100.</param>
/// <param name="DroppedReadings">Unacknowledged readings overwritten since first flash, 0 to 4294967295.</param>
/// <param name="WatchSeconds">
/// The node's watch commitment from <paramref name="UnixSeconds"/>, s (docs/occupancy.md): the PIR stays armed and the node
/// reports a change of the room at once; null when the pack carries none (older payloads too).
/// </param>
/// <param name="WatchActive">With a commitment: the node reports the room active (motion within its quiet delay).</param>
public sealed record DecodedEnergy(long? UnixSeconds, double? StoredJoules, double? WakeJoules, double? HarvestWatts, long? DroppedReadings,
    int? WatchSeconds = null, bool WatchActive = false)
{
    /// <summary>The version of the policy table that decided the wake (SenML <c>policy</c>); null when the pack has none (older firmware).</summary>
    public uint? PolicyVersion { get; init; }
}
