namespace SensorNode.Simulation.Environment;

/// <summary>One accepted row of a trace file.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="UnixSeconds">Timestamp, s (local wall clock read as UTC).</param>
/// <param name="IlluminanceLux">Light, lux, finite and not negative.</param>
/// <param name="Motion">The row reports a PIR motion event at its timestamp.</param>
/// <param name="TemperatureCelsius">Temperature, degC, or NaN when missing or a read failure.</param>
/// <param name="HumidityPercent">Relative humidity, %RH, or NaN when missing or a read failure.</param>
internal readonly record struct TraceSample(
    int Line, long UnixSeconds, float IlluminanceLux, bool Motion, float TemperatureCelsius, float HumidityPercent);
