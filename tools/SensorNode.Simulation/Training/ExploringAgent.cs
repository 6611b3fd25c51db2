using SensorNode.Core.Policy;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Training;

/// <summary>
/// The learner inside the simulator: decides from a table (with probability <c>epsilon</c> a uniformly random action
/// instead, never at critical voltage) and turns the simulator's steps into <see cref="Transition"/>s. One instance per
/// simulated node; not thread-safe.
/// </summary>
public sealed class ExploringAgent : IWakePolicy
{
    private readonly byte[] _codes;
    private readonly double _epsilon;
    private readonly Random _random;
    private readonly RewardWeights _weights;
    private readonly int[] _visits;

    private int _pendingState = -1;
    private int _pendingAction;
    private double _pendingReward;
    private long _pendingMs;

    public ExploringAgent(byte[] codes, double epsilon, int seed, RewardWeights weights, bool recordTransitions = true)
    {
        _codes = codes;
        _recordTransitions = recordTransitions;
        _epsilon = epsilon;
        _random = new Random(seed);
        _weights = weights;
        _visits = new int[StateEncoder.StateCount];
        _decided = new bool[StateEncoder.StateCount];
    }

    private readonly bool[] _decided;
    // False for the search's trial runs: they are scored, never fed to the model, and are kept for reuse.
    private readonly bool _recordTransitions;

    /// <summary>Per state index, true once <see cref="Decide"/> read the table there (whatever the wake did next).</summary>
    public bool[] Decided => _decided;

    /// <summary>The run's transitions (none when built with recordTransitions false).</summary>
    public List<Transition> Transitions { get; } = new();

    /// <summary>States decided in the <see cref="RiskWindowSeconds"/> before a brown-out: where a repair must look.</summary>
    public HashSet<int> RiskStates { get; } = new();

    /// <summary>How far back from a brown-out a decision counts as one of its causes, s.</summary>
    public const int RiskWindowSeconds = 12 * 3600;

    private readonly Queue<(long Ms, int State)> _recent = new();

    /// <summary>Decisions taken in each state.</summary>
    public int[] Visits => _visits;

    /// <summary>Sum of all rewards so far (the run's return, undiscounted).</summary>
    public double TotalReward { get; private set; }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation)
    {
        int code = _codes[stateIndex];
        _decided[stateIndex] = true;
        // Random draws happen at every decision so that the stream does not depend on the table.
        double draw = _random.NextDouble();
        int randomCode = _random.Next(TrainingActions.Count);
        if (draw < _epsilon && TrainingActions.Allowed(stateIndex, randomCode)) code = randomCode;
        return PolicyTable.DecodeAction((byte)code);
    }

    /// <summary>The simulator's step observer (<see cref="SimulationSetup.StepObserverFactory"/>).</summary>
    public void Observe(SimulatorStep step)
    {
        if (step.BrownedOut)
        {
            double penalty = _weights.Brownout + _weights.DeadPerHour * step.DeadMilliseconds / 3_600_000.0;
            TotalReward -= penalty;
            foreach (var (ms, state) in _recent) if (step.UnixMilliseconds - ms <= RiskWindowSeconds * 1000L) RiskStates.Add(state);
            _recent.Clear();
            if (_pendingState >= 0 && _recordTransitions)
            {
                Transitions.Add(new Transition(_pendingState, _pendingAction, _pendingReward - penalty, -1, (step.UnixMilliseconds - _pendingMs) / 1000.0));
            }
            _pendingState = -1;
            return;
        }
        var report = step.Report!;
        double followed = _weights.Event * step.EventsCaptured
            + (step.Cause == Core.Hardware.WakeCause.Timer ? _weights.FreshReading : 0);
        TotalReward += followed;
        if (_pendingState >= 0 && _recordTransitions)
        {
            Transitions.Add(new Transition(_pendingState, _pendingAction, _pendingReward + followed, report.StateIndex, (step.UnixMilliseconds - _pendingMs) / 1000.0));
        }
        double delivered = _weights.ReadingDelivered * report.ReadingsAcknowledged;
        TotalReward += delivered;
        _pendingState = report.StateIndex;
        _pendingAction = PolicyTable.EncodeAction(report.Action);
        _pendingReward = delivered;
        _pendingMs = step.UnixMilliseconds;
        _recent.Enqueue((step.UnixMilliseconds, report.StateIndex));
        while (_recent.Count > 0 && step.UnixMilliseconds - _recent.Peek().Ms > RiskWindowSeconds * 1000L) _recent.Dequeue();
        if (report.StateIndex >= 0 && report.StateIndex < _visits.Length) _visits[report.StateIndex]++;
    }
}
