using SensorNode.Core.Policy;

namespace SensorNode.Simulation.Training;

/// <summary>
/// A semi-Markov model of the node estimated from simulated transitions: for each (state, action) the visit count,
/// the mean reward and the expected discounted successor (discount exp(-elapsed / horizon), so a 2 h sleep counts
/// for more future than a 15 s one). <see cref="Solve"/> value-iterates it into a table.
/// </summary>
public sealed class TransitionModel
{
    private const int States = StateEncoder.StateCount;
    private const int Actions = TrainingActions.Count;

    private readonly double _horizonSeconds;
    private readonly int[] _count = new int[States * Actions];
    private readonly double[] _rewardSum = new double[States * Actions];
    // Discount-weighted successor counts per (s, a): successor state -> sum of exp(-elapsed / horizon).
    private readonly Dictionary<int, double>?[] _next = new Dictionary<int, double>?[States * Actions];

    private double[]? _q;

    /// <summary>
    /// Actions tried at least <paramref name="minVisits"/> times in <paramref name="state"/>, best first by the
    /// Q-values of the last <see cref="Solve"/> (empty before it).
    /// </summary>
    public int[] RankedActions(int state, int minVisits)
    {
        if (_q == null) return Array.Empty<int>();
        double[] q = _q;
        return Enumerable.Range(0, Actions).Where(a => Usable(state, a, minVisits))
            .OrderByDescending(a => q[state * Actions + a]).ThenBy(a => a).ToArray();
    }

    public TransitionModel(double horizonSeconds)
    {
        _horizonSeconds = horizonSeconds;
    }

    /// <summary>Transitions added so far.</summary>
    public long TransitionCount { get; private set; }

    public int Count(int state, int action) => _count[state * Actions + action];

    public void Add(Transition t)
    {
        int key = t.State * Actions + t.Action;
        _count[key]++;
        _rewardSum[key] += t.Reward;
        TransitionCount++;
        if (t.NextState < 0) return; // brown-out: the chain ends (its cost is in the reward)
        var next = _next[key] ??= new Dictionary<int, double>();
        double discount = Math.Exp(-Math.Max(0, t.ElapsedSeconds) / _horizonSeconds);
        next[t.NextState] = next.GetValueOrDefault(t.NextState) + discount;
    }

    /// <summary>
    /// Value iteration, then the greedy table: in each state the best action among those tried at least
    /// <paramref name="minVisits"/> times; a state without such an action keeps <paramref name="fallback"/>'s code.
    /// Deterministic (ties go to the lower code).
    /// </summary>
    public byte[] Solve(byte[] fallback, int minVisits, int maxSweeps = 2000, double tolerance = 1e-6)
    {
        var value = new double[States];
        var q = new double[States * Actions];
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            double change = 0;
            for (int s = 0; s < States; s++)
            {
                double best = double.NegativeInfinity;
                for (int a = 0; a < Actions; a++)
                {
                    if (!Usable(s, a, minVisits)) continue;
                    double v = QValue(s, a, value);
                    q[s * Actions + a] = v;
                    if (v > best) best = v;
                }
                if (double.IsNegativeInfinity(best)) best = 0; // no data: nothing known about the future from here
                change = Math.Max(change, Math.Abs(best - value[s]));
                value[s] = best;
            }
            if (change < tolerance) break;
        }

        _q = q;
        var codes = (byte[])fallback.Clone();
        for (int s = 0; s < States; s++)
        {
            int bestAction = -1;
            double best = double.NegativeInfinity;
            for (int a = 0; a < Actions; a++)
            {
                if (!Usable(s, a, minVisits)) continue;
                double v = q[s * Actions + a];
                if (v > best + 1e-9) { best = v; bestAction = a; }
            }
            if (bestAction >= 0) codes[s] = (byte)bestAction;
        }
        return codes;
    }

    private bool Usable(int s, int a, int minVisits) => _count[s * Actions + a] >= minVisits && TrainingActions.Allowed(s, a);

    private double QValue(int s, int a, double[] value)
    {
        int key = s * Actions + a;
        double n = _count[key];
        double v = _rewardSum[key] / n;
        var next = _next[key];
        if (next != null)
        {
            foreach (var (state, weight) in next) v += weight / n * value[state];
        }
        return v;
    }
}
