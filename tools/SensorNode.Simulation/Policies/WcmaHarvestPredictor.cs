namespace SensorNode.Simulation.Policies;

/// <summary>
/// Weather-Conditioned Moving Average, Piorno et al., "Prediction and management in energy harvested wireless
/// sensor nodes", Wireless VITAE 2009:
/// E(d, n+1) = alpha E(d, n) + (1 - alpha) M_D(d, n+1) GAP_K, where M_D(d, j) is slot j's mean over the past D days,
/// GAP_K = sum_k p_k V_k / sum_k p_k over the last K slots, V_k = E(d, n-K+k) / M_D(d, n-K+k), p_k = k / K.
/// Defaults alpha = 0.7, D = 4, K = 3 (see docs/evaluation.md). Conventions where the paper leaves a case open:
/// a ratio with M_D = 0 counts as V = 1 (no evidence of a weather change); with no past day the prediction is
/// the last value (persistence); two or more slots ahead the prediction is M_D of that slot, as the method
/// predicts one slot.
/// </summary>
public sealed class WcmaHarvestPredictor : IHarvestPredictor
{
    private readonly double _alpha;
    private readonly int _days;
    private readonly int _k;
    private readonly List<double> _history = new();

    public WcmaHarvestPredictor(int slotsPerDay = 48, double alpha = 0.7, int pastDays = 4, int gapSlots = 3)
    {
        if (slotsPerDay < 1) throw new ArgumentOutOfRangeException(nameof(slotsPerDay));
        if (alpha < 0 || alpha > 1) throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must be 0..1");
        if (pastDays < 1) throw new ArgumentOutOfRangeException(nameof(pastDays));
        if (gapSlots < 1) throw new ArgumentOutOfRangeException(nameof(gapSlots));
        SlotsPerDay = slotsPerDay;
        _alpha = alpha;
        _days = pastDays;
        _k = gapSlots;
    }

    public int SlotsPerDay { get; }

    public void Add(int slotOfDay, double value) => _history.Add(value);

    public double Predict(int slotsAhead)
    {
        int count = _history.Count;
        if (count == 0) return 0;
        int target = count - 1 + slotsAhead;
        if (!TryMean(target, out double mean)) return _history[count - 1];
        if (slotsAhead > 1) return mean;
        return _alpha * _history[count - 1] + (1 - _alpha) * mean * Gap(count - 1);
    }

    /// <summary>M_D of the slot at history index <paramref name="index"/>: mean of the same slot on up to D earlier days.</summary>
    public bool TryMean(int index, out double mean)
    {
        double sum = 0;
        int n = 0;
        for (int d = 1; d <= _days; d++)
        {
            int i = index - d * SlotsPerDay;
            if (i < 0) break;
            sum += _history[i];
            n++;
        }
        mean = n > 0 ? sum / n : 0;
        return n > 0;
    }

    /// <summary>GAP_K over the K slots ending at history index <paramref name="last"/> (slots before the history are skipped).</summary>
    public double Gap(int last)
    {
        double weighted = 0, weights = 0;
        for (int k = 1; k <= _k; k++)
        {
            int i = last - _k + k;
            if (i < 0) continue;
            double v = TryMean(i, out double mean) && mean > 0 ? _history[i] / mean : 1;
            double p = (double)k / _k;
            weighted += p * v;
            weights += p;
        }
        return weights > 0 ? weighted / weights : 1;
    }
}
