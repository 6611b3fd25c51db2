namespace SensorNode.Simulation.Deployment;

/// <summary>
/// One reading as the gateway stored it (readings table, docs/gateway.md), reduced to what learning on site uses. Units
/// as there; null = not in the payload.
/// </summary>
/// <param name="UnixSeconds">When taken (the trace's clock: local hours read as UTC, see <see cref="Environment.EnvironmentTrace"/>).</param>
/// <param name="IlluminanceLux">Light at the wake, lx.</param>
/// <param name="TemperatureC">Air temperature, degC.</param>
/// <param name="HumidityPercent">Relative humidity, %RH.</param>
/// <param name="MotionEvents">PIR events since the previous reading.</param>
/// <param name="ArmedSeconds">Seconds the PIR watched since the previous reading; null = unknown.</param>
/// <param name="Brownout">The node was dead between the previous reading and this one.</param>
/// <param name="FirstMotionAgeSeconds">Event RTC: the interval's first motion, s before the reading.</param>
/// <param name="LastMotionAgeSeconds">Event RTC: the interval's last motion, s before the reading.</param>
public sealed record HistoryReading(long UnixSeconds, double? IlluminanceLux, double? TemperatureC, double? HumidityPercent, int? MotionEvents,
    int? ArmedSeconds, bool Brownout, int? FirstMotionAgeSeconds = null, int? LastMotionAgeSeconds = null);
