namespace SensorNode.Gateway;

/// <summary>
/// One reading of a state pack, resolved per RFC 8428 (docs/mqtt.md). A null value was not measured (sensor
/// fault); <see cref="UnixSeconds"/> null means the node did not know the time (never the receive time).
/// </summary>
/// <param name="NodeId">The node, 1-32 chars of [A-Za-z0-9._-]; equals the topic's node id.</param>
/// <param name="Sequence">The node's sequence number, 1 to 4294967295: with the node id, the deduplication key.</param>
/// <param name="UnixSeconds">When taken, Unix seconds UTC; null when unknown.</param>
/// <param name="TemperatureC">Air temperature, degC, -45 to 130.</param>
/// <param name="HumidityPercent">Relative humidity, %RH, 0 to 100.</param>
/// <param name="IlluminanceLux">Illuminance, lx, 0 to 200000.</param>
/// <param name="SupercapVolts">Supercap voltage at the start of the wake, V, 0 to 20.</param>
/// <param name="MotionEvents">PIR events since the previous reading, 0 to 65535.</param>
/// <param name="ArmedSeconds">Seconds the PIR watched since the previous reading, 0 to 65534; null when unknown (older payloads).</param>
/// <param name="Brownout">The node was dead (brown-out, power loss, reset) between the previous reading and this one.</param>
public sealed record DecodedReading(string NodeId, uint Sequence, long? UnixSeconds, double? TemperatureC, double? HumidityPercent,
    double? IlluminanceLux, double? SupercapVolts, int? MotionEvents, int? ArmedSeconds = null, bool Brownout = false)
{
    /// <summary>Seconds before <see cref="UnixSeconds"/> of the interval's first motion event (event RTC, "motion_first"); null when not sent.</summary>
    public int? FirstMotionAgeSeconds { get; init; }

    /// <summary>Seconds before <see cref="UnixSeconds"/> of the interval's last motion event ("motion_last"); null when not sent.</summary>
    public int? LastMotionAgeSeconds { get; init; }
}
