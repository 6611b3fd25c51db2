namespace SensorNode.Simulation.Training;

/// <summary>
/// The search's trials at one state: tables that differ from the best table in that state alone. Two things make
/// them cheaper than evaluating each in full, and neither changes which table is kept:
/// <list type="bullet">
/// <item>a scenario whose run of the best table never decided in the state runs exactly the same with a trial (the
/// runs are deterministic and read the same entries), so that run is taken over;</item>
/// <item>the other runs go stage by stage (normal starts, stress, cold start), each stage only for the trials that can
/// still beat the best table (<see cref="CannotBeat"/>), the trials of a stage in parallel. Accepting one trial leaves
/// the others' tables as they were (the same state changes), so their runs stay valid.</item>
/// </list>
/// </summary>
internal sealed class TrialRuns
{
    private readonly byte[][] _trials;
    private readonly ScenarioRun[][] _runs;
    private readonly TrainingOptions _options;
    private readonly PolicyTrainer.Scenario[] _scenarios;

    private readonly bool _shortcuts;

    private TrialRuns(byte[][] trials, ScenarioRun[][] runs, TrainingOptions options)
    {
        _shortcuts = options.SearchShortcuts;
        _trials = trials;
        _runs = runs;
        _options = options;
        _scenarios = PolicyTrainer.Scenarios(options);
    }

    /// <summary>Simulator runs started so far.</summary>
    public int SimulatorRuns { get; private set; }

    /// <summary>Runs taken over from the best table's evaluation.</summary>
    public int RunsReused { get; private init; }

    /// <summary>The trials of changing <paramref name="state"/>, with the best table's runs that never decided there.</summary>
    public static TrialRuns Start(byte[][] trials, int state, TableScore best, TrainingOptions options)
    {
        int scenarios = PolicyTrainer.Scenarios(options).Length;
        var runs = new ScenarioRun[trials.Length][];
        int reused = 0;
        for (int c = 0; c < trials.Length; c++)
        {
            runs[c] = new ScenarioRun[scenarios];
            if (!options.SearchShortcuts || best.Runs.Length != scenarios) continue;
            for (int i = 0; i < scenarios; i++)
            {
                if (!best.Runs[i].Done || best.Runs[i].Agent.Decided[state]) continue;
                runs[c][i] = best.Runs[i];
                reused++;
            }
        }
        return new TrialRuns(trials, runs, options) { RunsReused = reused };
    }

    /// <summary>Runs the scenarios of the given kinds still missing for every trial that can still beat <paramref name="best"/>, all in parallel.</summary>
    public void RunStage(TableScore best, params PolicyTrainer.ScenarioKind[] kinds)
    {
        if (!_shortcuts) return;
        var jobs = new List<(int Trial, int Scenario)>();
        for (int c = 0; c < _trials.Length; c++)
        {
            if (CannotBeat(c, best)) continue;
            for (int i = 0; i < _scenarios.Length; i++) if (Array.IndexOf(kinds, _scenarios[i].Kind) >= 0 && !_runs[c][i].Done) jobs.Add((c, i));
        }
        // A core left idle by the stage's last runs takes a later stage's run of a trial still in the race (stress
        // before cold start): it may turn out unneeded, but it cost no wall time.
        int spare = jobs.Count % System.Environment.ProcessorCount == 0 ? 0 : System.Environment.ProcessorCount - jobs.Count % System.Environment.ProcessorCount;
        foreach (PolicyTrainer.ScenarioKind later in new[] { PolicyTrainer.ScenarioKind.Stress, PolicyTrainer.ScenarioKind.ColdStart })
        {
            for (int c = 0; c < _trials.Length && spare > 0 && jobs.Count > 0; c++)
            {
                if (CannotBeat(c, best)) continue;
                for (int i = 0; i < _scenarios.Length && spare > 0; i++)
                {
                    if (_scenarios[i].Kind != later || _runs[c][i].Done || jobs.Contains((c, i))) continue;
                    jobs.Add((c, i));
                    spare--;
                }
            }
        }
        RunJobs(jobs);
    }

    /// <summary>Every run of trial <paramref name="trial"/> (those still missing in parallel), scored.</summary>
    public TableScore Complete(int trial)
    {
        var jobs = new List<(int Trial, int Scenario)>();
        for (int i = 0; i < _scenarios.Length; i++) if (!_runs[trial][i].Done) jobs.Add((trial, i));
        RunJobs(jobs);
        return PolicyTrainer.Score(_runs[trial], _options);
    }

    private void RunJobs(List<(int Trial, int Scenario)> jobs)
    {
        Parallel.For(0, jobs.Count, k =>
        {
            var (c, i) = jobs[k];
            _runs[c][i] = PolicyTrainer.RunScenario(_trials[c], _options, i, recordTransitions: false);
        });
        SimulatorRuns += jobs.Count;
    }

    /// <summary>
    /// True when trial <paramref name="trial"/> cannot rank above <paramref name="best"/> (PolicyTrainer.Better: fewer
    /// normal and cold-start brown-outs above the floor, then fewer stress ones, then higher utility, then higher reward) whatever
    /// its missing runs do. Brown-outs only add up, so the runs done give lower bounds; at a tie of the lower bound the
    /// missing runs can only make the trial worse, so the comparison goes on to the next key as if tied.
    /// </summary>
    public bool CannotBeat(int trial, TableScore best)
    {
        if (!_shortcuts) return false;
        // Priced ranking: the utility over every run is known only once all are run; no bound to stop on.
        if (_options.PricedRanking) return false;
        ScenarioRun[] runs = _runs[trial];
        long brownouts = 0, stress = 0;
        bool allNormal = true;
        for (int i = 0; i < runs.Length; i++)
        {
            PolicyTrainer.ScenarioKind kind = _scenarios[i].Kind;
            if (!runs[i].Done)
            {
                if (PolicyTrainer.CountsForUtility(kind, _options)) allNormal = false;
                continue;
            }
            long excess = _scenarios[i].Excess(runs[i].Metrics.Brownouts);
            if (kind == PolicyTrainer.ScenarioKind.Stress) stress += excess;
            else brownouts += excess;
        }
        // Excess brown-outs only add up over runs too. Fewer (so far) may end fewer (better) or tied: no verdict; more is final.
        if (brownouts != best.ExcessBrownouts) return brownouts > best.ExcessBrownouts;
        if (stress != best.ExcessBrownoutsStress) return stress > best.ExcessBrownoutsStress;
        if (!allNormal) return false;
        double utility = PolicyTrainer.NormalUtility(runs, _options);
        return Math.Abs(utility - best.Utility) > 1e-9 && utility < best.Utility;
    }
}
