namespace SensorNode.Simulation.Environment.Synthetic;

/// <summary>
/// An empirical distribution as a piecewise-linear inverse CDF: (probability, value) points with
/// probabilities rising from 0 to 1. Drawing = evaluating it at a uniform number.
/// </summary>
internal sealed class QuantileTable
{
    private readonly double[] _probabilities;
    private readonly double[] _values;

    /// <param name="points">(probability, value) pairs; probabilities strictly rising from 0 to 1, values not falling.</param>
    public QuantileTable(params (double Probability, double Value)[] points)
    {
        if (points.Length < 2 || points[0].Probability != 0 || points[^1].Probability != 1)
            throw new ArgumentException("A quantile table needs points from probability 0 to 1.", nameof(points));
        for (int i = 1; i < points.Length; i++)
        {
            if (points[i].Probability <= points[i - 1].Probability || points[i].Value < points[i - 1].Value)
                throw new ArgumentException($"Quantile point {i} does not rise.", nameof(points));
        }
        _probabilities = points.Select(p => p.Probability).ToArray();
        _values = points.Select(p => p.Value).ToArray();
    }

    /// <summary>A value that uniform <paramref name="u"/> (0 to 1) maps to.</summary>
    public double At(double u)
    {
        int i = 1;
        while (i < _probabilities.Length - 1 && _probabilities[i] < u) i++;
        double fraction = (u - _probabilities[i - 1]) / (_probabilities[i] - _probabilities[i - 1]);
        return _values[i - 1] + (_values[i] - _values[i - 1]) * Math.Clamp(fraction, 0, 1);
    }

    /// <summary>A constant (every draw gives <paramref name="value"/>).</summary>
    public static QuantileTable Constant(double value) => new((0, value), (1, value));

    /// <summary>Uniform between two values.</summary>
    public static QuantileTable Uniform(double low, double high) => new((0, low), (1, high));
}
