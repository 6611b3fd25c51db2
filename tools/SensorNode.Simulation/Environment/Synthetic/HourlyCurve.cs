namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// A daily curve given by 24 values, one per hour of the day, each placed at the middle of its
/// hour (value[7] is the level at 07:30) and joined linearly, wrapping around midnight. This is
/// how the hour-of-day statistics of the real traces become a smooth profile.
/// </summary>
internal sealed class HourlyCurve
{
    private readonly double[] _values;

    public HourlyCurve(params double[] values)
    {
        if (values.Length != 24) throw new ArgumentException("An hourly curve needs 24 values.", nameof(values));
        _values = (double[])values.Clone();
    }

    /// <summary>The value for hour <paramref name="hour"/> (index 0 to 23) as tabulated.</summary>
    public double this[int hour] => _values[hour];

    /// <summary>Sum of the 24 values (e.g. events per day for a rate curve).</summary>
    public double Total => _values.Sum();

    /// <summary>The curve at <paramref name="hourOfDay"/> (0 to 24, fractional).</summary>
    public double At(double hourOfDay)
    {
        double position = hourOfDay - 0.5;
        int below = (int)Math.Floor(position);
        double fraction = position - below;
        double low = _values[((below % 24) + 24) % 24];
        double high = _values[(((below + 1) % 24) + 24) % 24];
        return low + (high - low) * fraction;
    }

    /// <summary>The same curve multiplied by <paramref name="factor"/>.</summary>
    public HourlyCurve Scaled(double factor) => new(_values.Select(v => v * factor).ToArray());
}
