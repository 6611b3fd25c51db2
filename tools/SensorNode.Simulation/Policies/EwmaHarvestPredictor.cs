namespace SensorNode.Simulation.Policies;

/// <summary>
/// Kansal et al., "Power management in energy harvesting sensor networks", ACM TECS 6(4), 2007, section 4.1:
/// per slot of the day, x^(n) = alpha * x^(n, previous day) + (1 - alpha) * x(n, today). The first day's value of
/// a slot starts its average. Prediction k slots ahead is that slot's average.
/// </summary>
public sealed class EwmaHarvestPredictor : IHarvestPredictor
{
    private readonly double _alpha;
    private readonly double[] _profile;
    private readonly bool[] _seen;
    private int _lastSlot = -1;

    /// <param name="slotsPerDay">Slots per day, at least 1 (Kansal uses 48).</param>
    /// <param name="alpha">Weight of the previous days, 0..1 (Kansal: 0.5).</param>
    public EwmaHarvestPredictor(int slotsPerDay = 48, double alpha = 0.5)
    {
        if (slotsPerDay < 1) throw new ArgumentOutOfRangeException(nameof(slotsPerDay));
        if (alpha < 0 || alpha > 1) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must be 0..1");
        _alpha = alpha;
        _profile = new double[slotsPerDay];
        _seen = new bool[slotsPerDay];
    }

    public int SlotsPerDay => _profile.Length;

    public void Add(int slotOfDay, double value)
    {
        _profile[slotOfDay] = _seen[slotOfDay] ? _alpha * _profile[slotOfDay] + (1 - _alpha) * value : value;
        _seen[slotOfDay] = true;
        _lastSlot = slotOfDay;
    }

    public double Predict(int slotsAhead)
    {
        if (_lastSlot < 0) return 0;
        int slot = (int)(((long)_lastSlot + slotsAhead) % SlotsPerDay);
        return _profile[slot];
    }
}
