namespace SensorNode.Gateway;

/// <summary>One row of the readings table: a <see cref="DecodedReading"/> plus when the gateway received it. Units as there.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Sequence">The node's sequence number, 1 to 4294967295.</param>
/// <param name="UnixSeconds">When taken, Unix seconds UTC; null when the node did not know the time.</param>
/// <param name="TemperatureC">Air temperature, degC; null when not measured.</param>
/// <param name="HumidityPercent">Relative humidity, %RH; null when not measured.</param>
/// <param name="IlluminanceLux">Illuminance, lx; null when not measured.</param>
/// <param name="SupercapVolts">Supercap voltage, V; null when not measured.</param>
/// <param name="MotionEvents">PIR events since the previous reading; null when not in the pack.</param>
/// <param name="ReceivedUnixMs">Receive time at the gateway that first stored it, Unix ms UTC (an upper bound for an unknown time).</param>
/// <param name="ArmedSeconds">Seconds the PIR watched since the previous reading; null when unknown (older payloads).</param>
/// <param name="Brownout">The node was dead between the previous reading and this one.</param>
public sealed record StoredReading(string NodeId, uint Sequence, long? UnixSeconds, double? TemperatureC, double? HumidityPercent,
    double? IlluminanceLux, double? SupercapVolts, int? MotionEvents, long ReceivedUnixMs, int? ArmedSeconds = null, bool Brownout = false)
{
    /// <summary>Seconds before <see cref="UnixSeconds"/> of the interval's first motion event (event RTC); null when not sent.</summary>
    public int? FirstMotionAgeSeconds { get; init; }

    /// <summary>Seconds before <see cref="UnixSeconds"/> of the interval's last motion event (event RTC); null when not sent.</summary>
    public int? LastMotionAgeSeconds { get; init; }
}
