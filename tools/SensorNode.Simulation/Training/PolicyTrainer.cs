using System.Diagnostics;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;

namespace SensorNode.Simulation.Training;

/// <summary>
/// Model-based training: rounds of exploratory simulator runs (epsilon-greedy around the current table) feed a
/// <see cref="TransitionModel"/>; value iteration gives the next table; every table is run on the training data
/// from a normal and a cold start and in stress runs, and ranked (<see cref="Better"/>: brown-outs above
/// least-spending's floor first, or priced). Starts from the best of the prior, the heuristic and the fixed rules
/// the table can express (<see cref="GridStarts"/>). Same options and seed give the same table.
/// </summary>
public static class PolicyTrainer
{
    /// <summary>Supercap voltage of the evaluation's normal start, V (the simulator's default).</summary>
    public const double NormalStartVolts = 4.0;

    // Exploratory runs start at these charges in turn, so low- and high-voltage states are both visited.
    private static readonly double[] ExplorationStartVolts = { 4.0, 3.3, 5.2, 3.6 };

    /// <summary>Lowest voltage bin at which <see cref="WithArrivalTransmit"/> sends an arrival (3 = good: the reserve's radio floor).</summary>
    public const int ArrivalTransmitMinVoltageBin = 3;

    /// <summary>
    /// A copy of <paramref name="codes"/> that also transmits at every arrival wake (wake-cause bin 1) from voltage bin
    /// <see cref="ArrivalTransmitMinVoltageBin"/> up, restricted to the allowed actions.
    /// </summary>
    public static byte[] WithArrivalTransmit(byte[] codes)
    {
        var copy = (byte[])codes.Clone();
        for (int s = 0; s < copy.Length; s++)
        {
            if (StateEncoder.ArrivalBinOf(s) != 1 || StateEncoder.VoltageBinOf(s) < ArrivalTransmitMinVoltageBin) continue;
            var action = PolicyTable.DecodeAction(copy[s]);
            action.Transmit = true;
            copy[s] = (byte)TrainingActions.Restrict(s, PolicyTable.EncodeAction(action));
        }
        return copy;
    }

    /// <summary>
    /// The fixed rules the table can express, as starts: every wake interval, PIR armed, transmit from the "some" or the
    /// "many" backlog bin (1 or 16 readings: the table's transmit thresholds), each with and without
    /// <see cref="WithArrivalTransmit"/>; restricted to the allowed actions. 8 x 2 x 2 = 32 tables.
    /// </summary>
    public static IEnumerable<byte[]> GridStarts()
    {
        for (int interval = 0; interval < PolicyTable.WakeIntervalCount; interval++)
        for (int minBacklogBin = 1; minBacklogBin < StateEncoder.BacklogBins; minBacklogBin++)
        {
            byte[] codes = PolicySpec.FixedCodes(interval, minBacklogBin);
            for (int s = 0; s < codes.Length; s++) codes[s] = (byte)TrainingActions.Restrict(s, codes[s]);
            yield return codes;
            yield return WithArrivalTransmit(codes);
        }
    }

    /// <summary>Trains; <paramref name="progress"/> gets each evaluated table as it comes.</summary>
    public static TrainingResult Train(TrainingOptions options, Action<TrainingRound>? progress = null)
    {
        if (options.Environments.Count == 0) throw new ArgumentException("at least one training environment is needed");
        var wall = Stopwatch.StartNew();
        var model = new TransitionModel(options.HorizonSeconds);
        var visits = new int[StateEncoder.StateCount];
        var rounds = new List<TrainingRound>();
        int runs = 0;
        long skipped = 0;
        int evaluationRuns = Scenarios(options).Length;
        long pruned = 0, reused = 0;

        // The hand-written heuristic is scored as it is (the summary's reference); as a starting point it is restricted
        // to the allowed actions like the other starts: the frugal prior (PriorTable) and the long-interval fixed
        // baselines (PIR always armed). The safest start, then the one that earns most, is kept.
        byte[] heuristic = HeuristicPolicy.BuildActionCodes();
        TableScore heuristicScore = Evaluate(heuristic, options, model, visits);
        runs += evaluationRuns;
        Record("heuristic", heuristicScore, kept: false);
        var starts = new List<byte[]> { PriorTable.BuildActionCodes(), (byte[])heuristic.Clone() };
        foreach (int interval in new[] { PolicyTable.WakeIntervalCount - 2, PolicyTable.WakeIntervalCount - 1 })
        {
            starts.Add(PolicySpec.Fixed(interval).Serialize()[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)]);
        }
        // Each start also with "send an arrival at once" (transmit at an arrival wake from good voltage up, where the
        // reserve allows the radio): the wake-cause bin is rarely visited, so the search would seldom find it alone.
        foreach (byte[] start in starts.ToArray()) starts.Add(WithArrivalTransmit(start));
        // Event RTC: the motion bit chooses wake or count (layout 3); the documented wake-or-count rule is a start too.
        if (options.Config.RtcFitted) starts.Add(RtcWakeOrCount.Derive(PolicyTable.BuiltIn().Serialize()[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)]));
        byte[]? bestStart = null;
        TableScore? bestStartScore = null;
        int bestRound = 0;
        foreach (byte[] start in starts)
        {
            for (int s = 0; s < start.Length; s++) start[s] = (byte)TrainingActions.Restrict(s, start[s]);
            TableScore score = Evaluate(start, options, model, visits);
            runs += evaluationRuns;
            bool kept = bestStartScore == null || Better(score, bestStartScore, options.PricedRanking);
            if (kept) { bestStart = start; bestStartScore = score; }
            Record("start", score, kept);
        }
        // The grid a tuned baseline searches, in the table's own terms (GridStarts): a learned table never starts below
        // what that grid finds on the same training days. Scored without feeding the model (short-interval runs would
        // swamp its visit counts, which choose the states searched); a grid start that wins is run again into the model.
        bool gridWon = false;
        foreach (byte[] start in GridStarts())
        {
            TableScore score = Evaluate(start, options);
            runs += evaluationRuns;
            bool kept = bestStartScore == null || Better(score, bestStartScore, options.PricedRanking);
            if (kept) { bestStart = start; bestStartScore = score; gridWon = true; }
            Record("grid start", score, kept);
        }
        if (bestStart == null || bestStartScore == null) throw new InvalidOperationException("training has no start table");
        if (gridWon)
        {
            bestStartScore = Evaluate(bestStart, options, model, visits);
            runs += evaluationRuns;
        }
        byte[] best = bestStart;
        TableScore bestScore = bestStartScore;

        // Phase 1: explore around the current greedy table; the model's greedy tables are candidates.
        byte[] current = best;
        int perRound = Math.Max(1, options.EpisodesPerRound);
        int episode = 0;
        while (episode < options.Episodes)
        {
            int n = Math.Min(perRound, options.Episodes - episode);
            var agents = new ExploringAgent[n];
            byte[] policy = current;
            int firstEpisode = episode;
            Parallel.For(0, n, k =>
            {
                int e = firstEpisode + k;
                var agent = new ExploringAgent(policy, options.Epsilon, Mix(options.Seed, e, 1), options.Weights);
                Run(agent, options, options.Environments[e % options.Environments.Count], ExplorationStartVolts[e % ExplorationStartVolts.Length], Mix(options.Seed, e, 2));
                agents[k] = agent;
            });
            episode += n;
            runs += n;
            foreach (var agent in agents) Absorb(agent, model, visits);   // in episode order: deterministic

            current = model.Solve(current, options.MinVisits);
            TableScore score = Evaluate(current, options, model, visits);
            runs += evaluationRuns;
            bool kept = Better(score, bestScore, options.PricedRanking);
            if (kept) { best = current; bestScore = score; }
            Record("explore", score, kept);
        }
        // Called for its side effect: re-solves the model's Q values from the best table (Phase 2 ranks candidate
        // actions with RankedActions, which reads them); the greedy table it returns is not needed here.
        _ = model.Solve(best, options.MinVisits);

        // Phase 2: the model's state aggregation hides how a night drains the supercap, so its greedy tables are
        // only proposals. Change one state at a time (the model's best actions there, and the neighbours of the
        // current action) and keep a change only if the whole table does better in the simulator.
        // Arrival wakes are a few percent of the decisions but carry the arrivals-on-time term of utility: the most
        // visited of them are searched too (a quarter of SearchStates more), after the most visited states overall.
        int[] states = Enumerable.Range(0, visits.Length).Where(s => visits[s] > 0 && TrainingActions.VoltageBin(s) > 0)
            .OrderByDescending(s => visits[s]).ThenBy(s => s).Take(options.SearchStates).ToArray();
        states = states.Concat(Enumerable.Range(0, visits.Length)
                .Where(s => visits[s] > 0 && TrainingActions.VoltageBin(s) > 0 && StateEncoder.ArrivalBinOf(s) == 1 && !states.Contains(s))
                .OrderByDescending(s => visits[s]).ThenBy(s => s).Take(options.SearchStates / 4))
            .ToArray();
        for (int sweep = 0; sweep < options.SearchSweeps; sweep++)
        {
            Repair();
            bool changed = false;
            foreach (int s in states)
            {
                // Not decided in any run of the current best table: the runs of a change there would be the same
                // runs (deterministic), the same score, never better. Skipping it changes no result, only the time.
                if (!bestScore.Decided[s])
                {
                    skipped += Candidates(s, best[s], model, options.MinVisits).Count();
                    continue;
                }
                int[] candidates = Candidates(s, best[s], model, options.MinVisits).ToArray();
                var trials = new byte[candidates.Length][];
                for (int c = 0; c < candidates.Length; c++)
                {
                    trials[c] = (byte[])best.Clone();
                    trials[c][s] = (byte)candidates[c];
                }
                // TrialRuns takes over the runs a change in s cannot alter and stops a trial once it cannot win; it keeps
                // the same tables as evaluating every trial in full, one after another (tested), in about half the runs.
                TrialRuns search = TrialRuns.Start(trials, s, bestScore, options);
                // Normal starts first (their utility rules out most trials), then stress, then cold starts.
                foreach (ScenarioKind stage in new[] { ScenarioKind.Normal, ScenarioKind.Stress, ScenarioKind.ColdStart }) search.RunStage(bestScore, stage);
                for (int c = 0; c < candidates.Length; c++)
                {
                    if (search.CannotBeat(c, bestScore)) { pruned++; continue; }
                    TableScore score = search.Complete(c);
                    if (!Better(score, bestScore, options.PricedRanking)) continue;
                    best = trials[c];
                    bestScore = score;
                    changed = true;
                    Record("search", score, kept: true);
                }
                runs += search.SimulatorRuns;
                reused += search.RunsReused;
            }
            if (!changed) break;
        }
        Repair();
        Floor();

        wall.Stop();
        return new TrainingResult
        {
            Table = PolicyTable.FromActionCodesFor(options.TableVersion, best, options.Config.RtcFitted ? StateEncoder.RtcLayoutId : StateEncoder.LayoutId),
            Rounds = rounds,
            KeptRound = bestRound,
            Heuristic = heuristicScore,
            Learned = bestScore,
            Visits = visits,
            Transitions = model.TransitionCount,
            WallSeconds = wall.Elapsed.TotalSeconds,
            SimulatorRuns = runs,
            SearchTrialsSkipped = skipped,
            SearchTrialsPruned = pruned,
            SearchRunsReused = reused,
        };

        // A table that browns out: make the states decided in the hours before each brown-out frugal (longest
        // interval, PIR off, no radio) below high voltage, then at any voltage, keeping it if that helps.
        void Repair()
        {
            for (int attempt = 0; attempt < 8 && !bestScore.Safe; attempt++)
            {
                int maxVoltageBin = attempt % 2 == 0 ? 3 : StateEncoder.VoltageBins - 1;
                byte[] trial = (byte[])best.Clone();
                foreach (int s in bestScore.RiskStates) if (TrainingActions.VoltageBin(s) <= maxVoltageBin) trial[s] = TrainingActions.SafeCode;
                TableScore score = Evaluate(trial, options);
                runs += evaluationRuns;
                if (!Better(score, bestScore, options.PricedRanking)) continue;
                best = trial;
                bestScore = score;
                Record("repair", score, kept: true);
            }
        }

        // Last resort, guaranteed to end safe if anything can: the safe action in every state up to a voltage bin,
        // raising the bin until no brown-out is left (at the top every state is frugal).
        void Floor()
        {
            byte[] start = best;
            for (int bin = 1; bin < StateEncoder.VoltageBins && !bestScore.Safe; bin++)
            {
                byte[] trial = (byte[])start.Clone();
                for (int s = 0; s < trial.Length; s++)
                {
                    if (TrainingActions.VoltageBin(s) <= bin || (TrainingActions.VoltageBin(s) == bin + 1 && bestScore.RiskStates.Contains(s))) trial[s] = TrainingActions.SafeCode;
                }
                TableScore score = Evaluate(trial, options);
                runs += evaluationRuns;
                if (!Better(score, bestScore, options.PricedRanking)) continue;
                best = trial;
                bestScore = score;
                Record("floor", score, kept: true);
            }
        }

        void Record(string phase, TableScore score, bool kept)
        {
            var point = new TrainingRound { Round = rounds.Count, Phase = phase, EpisodesSoFar = runs, Score = score, Kept = kept };
            if (kept) bestRound = point.Round;
            rounds.Add(point);
            progress?.Invoke(point);
        }
    }

    /// <summary>Actions to try in state <paramref name="s"/>: the model's three best, then PIR/transmit flipped and the interval one step either way.</summary>
    private static IEnumerable<int> Candidates(int s, int current, TransitionModel model, int minVisits)
    {
        var seen = new HashSet<int> { current };
        var list = new List<int>();
        foreach (int a in model.RankedActions(s, minVisits).Take(3)) if (seen.Add(a)) list.Add(a);
        int interval = current & PolicyTable.IntervalMask;
        foreach (int a in new[] { current ^ PolicyTable.MotionBit, current ^ PolicyTable.TransmitBit, interval > 0 ? current - 1 : -1, interval < PolicyTable.IntervalMask ? current + 1 : -1 })
        {
            if (a >= 0 && TrainingActions.Allowed(s, a) && seen.Add(a)) list.Add(a);
        }
        return list;
    }

    /// <summary>
    /// Runs <paramref name="codes"/> greedily on every training environment from a normal start and from a cold
    /// start (empty flash, supercap at the cold-start voltage: a node fresh out of the box), and on the stress
    /// variants (<see cref="TrainingOptions.StressLightScales"/>, <see cref="TrainingOptions.StressStartVolts"/>).
    /// The runs' transitions also go into <paramref name="model"/> when one is given.
    /// </summary>
    public static TableScore Evaluate(byte[] codes, TrainingOptions options, TransitionModel? model = null, int[]? visits = null)
    {
        Scenario[] scenarios = Scenarios(options);
        var results = new ScenarioRun[scenarios.Length];
        Parallel.For(0, scenarios.Length, i => results[i] = RunScenario(codes, options, i));
        return Score(results, options, model, visits);
    }

    internal static ScenarioRun RunScenario(byte[] codes, TrainingOptions options, int scenario, bool recordTransitions = true)
    {
        Scenario sc = Scenarios(options)[scenario];
        var agent = new ExploringAgent(codes, 0, 0, options.Weights, recordTransitions);
        return new ScenarioRun(agent, Run(agent, options, sc.Environment, sc.StartVolts, Mix(options.Seed, scenario, 3)));
    }

    /// <summary>Mean utility of the normal-start runs (floor 0), summed in scenario order: the same number however the runs were scheduled.</summary>
    /// <summary>True for the runs whose utility ranks tables: the normal starts (the stress runs rank by brown-outs only).</summary>
    internal static bool CountsForUtility(ScenarioKind kind, TrainingOptions options) => kind == ScenarioKind.Normal;

    internal static double NormalUtility(ScenarioRun[] results, TrainingOptions options)
    {
        Scenario[] scenarios = Scenarios(options);
        double utility = 0;
        int normalRuns = 0;
        for (int i = 0; i < results.Length; i++)
        {
            if (!CountsForUtility(scenarios[i].Kind, options)) continue;
            utility += ServiceMetrics.Utility(results[i].Metrics, scenarios[i].Floor, options.Service);
            normalRuns++;
        }
        return normalRuns > 0 ? utility / normalRuns : 0;
    }

    internal static TableScore Score(ScenarioRun[] results, TrainingOptions options, TransitionModel? model = null, int[]? visits = null)
    {
        Scenario[] scenarios = Scenarios(options);
        long total = 0, captured = 0, capturedCold = 0, brownouts = 0, brownoutsCold = 0, brownoutsStress = 0, delivered = 0;
        long excess = 0, excessStress = 0;
        double reward = 0;
        var risk = new SortedSet<int>();
        var decided = new bool[StateEncoder.StateCount];
        for (int i = 0; i < results.Length; i++)
        {
            var (agent, m) = results[i];
            for (int s = 0; s < decided.Length; s++) decided[s] |= agent.Decided[s];
            if (model != null && visits != null) Absorb(agent, model, visits);
            reward += agent.TotalReward;
            risk.UnionWith(agent.RiskStates);
            if (scenarios[i].Kind == ScenarioKind.Stress) excessStress += scenarios[i].Excess(m.Brownouts);
            else excess += scenarios[i].Excess(m.Brownouts);
            switch (scenarios[i].Kind)
            {
                case ScenarioKind.Normal:
                    total += m.EventsTotal;
                    captured += m.EventsCaptured;
                    brownouts += m.Brownouts;
                    delivered += m.ReadingsDelivered;
                    break;
                case ScenarioKind.ColdStart:
                    capturedCold += m.EventsCaptured;
                    brownoutsCold += m.Brownouts;
                    break;
                default:
                    brownoutsStress += m.Brownouts;
                    break;
            }
        }
        return new TableScore
        {
            EventsTotal = total, EventsCaptured = captured, EventsCapturedColdStart = capturedCold,
            Brownouts = brownouts, BrownoutsColdStart = brownoutsCold, BrownoutsStress = brownoutsStress,
            StressRuns = scenarios.Count(x => x.Kind == ScenarioKind.Stress),
            ExcessBrownouts = excess, ExcessBrownoutsStress = excessStress,
            ReadingsDelivered = delivered, Reward = reward, RiskStates = risk, Utility = NormalUtility(results, options),
            PricedUtility = results.Select((r, i) => ServiceMetrics.Utility(r.Metrics, scenarios[i].Floor, options.Service)).Sum() / Math.Max(1, results.Length),
            Decided = decided,
            Runs = results,
        };
    }

    internal enum ScenarioKind { Normal, ColdStart, Stress }

    /// <summary>
    /// One run of an evaluation. <paramref name="Floor"/>: least-spending's brown-outs in the same run (longest timer, PIR
    /// off, radio only with a full log), which no table can go below; only brown-outs above it rank (a dark corridor
    /// whose every table browns out must not make the trainer give up its service for nothing).
    /// </summary>
    internal sealed record Scenario(EnvironmentTrace Environment, double StartVolts, ScenarioKind Kind, long Floor)
    {
        /// <summary>Brown-outs above the floor, never negative.</summary>
        public long Excess(long brownouts) => Math.Max(0, brownouts - Floor);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TrainingOptions, Scenario[]> ScenarioCache = new();

    /// <summary>The runs of one evaluation, built once per options (the darker copies are new traces).</summary>
    internal static Scenario[] Scenarios(TrainingOptions options) => ScenarioCache.GetValue(options, o =>
    {
        var list = new List<Scenario>();
        double cold = o.Profile.ColdstartMillivolts / 1000.0;
        foreach (EnvironmentTrace env in o.Environments)
        {
            list.Add(new Scenario(env, NormalStartVolts, ScenarioKind.Normal, 0));
            list.Add(new Scenario(env, cold, ScenarioKind.ColdStart, 0));
            foreach (double volts in o.StressStartVolts) list.Add(new Scenario(env, volts, ScenarioKind.Stress, 0));
            foreach (double scale in o.StressLightScales) list.Add(new Scenario(ScaleLight(env, scale), NormalStartVolts, ScenarioKind.Stress, 0));
        }
        var floors = new long[list.Count];
        Parallel.For(0, list.Count, i => floors[i] = RunFloor(o, list[i], i));
        return list.Select((sc, i) => sc with { Floor = floors[i] }).ToArray();
    });

    /// <summary>Least-spending's brown-outs in scenario <paramref name="index"/> (the same seed as a table's run there).</summary>
    private static long RunFloor(TrainingOptions options, Scenario sc, int index)
    {
        var setup = new SimulationSetup
        {
            Config = options.Config,
            Profile = options.Profile,
            Environment = sc.Environment,
            Seed = Mix(options.Seed, index, 3),
            InitialVolts = sc.StartVolts,
            PolicyFactory = _ => new LeastSpendingPolicy(options.Config.LogCapacityReadings),
            Service = options.Service,
        };
        return new NodeSimulator(setup, 0, recordTimeline: false).Run().Metrics.Brownouts;
    }

    /// <summary>A copy of <paramref name="env"/> with every light sample times <paramref name="scale"/>.</summary>
    public static EnvironmentTrace ScaleLight(EnvironmentTrace env, double scale)
    {
        var lux = new float[env.IlluminanceLux.Length];
        for (int i = 0; i < lux.Length; i++) lux[i] = (float)(env.IlluminanceLux[i] * scale);
        return new EnvironmentTrace($"{env.Name} light x{scale:0.##}", env.StartUnixSeconds, env.StepSeconds, lux,
            env.TemperatureCelsius, env.HumidityPercent, env.MotionEventUnixSeconds, env.Diagnostics);
    }

    /// <summary>
    /// <paramref name="priced"/> (<see cref="TrainingOptions.PricedRanking"/>): the higher utility over every run (normal,
    /// cold start, stress), brown-outs above each run's floor priced by the utility's weight, then the higher reward. Otherwise: fewer brown-outs above
    /// the floor from the normal and cold starts first, then fewer in the stress runs (safety and margin are
    /// not traded for events), then the higher utility (the service, docs/policy.md), then the higher reward.
    /// </summary>
    internal static bool Better(TableScore a, TableScore b, bool priced = false)
    {
        if (priced)
        {
            if (Math.Abs(a.PricedUtility - b.PricedUtility) > 1e-9) return a.PricedUtility > b.PricedUtility;
            return a.Reward > b.Reward + 1e-9;
        }
        if (a.ExcessBrownouts != b.ExcessBrownouts) return a.ExcessBrownouts < b.ExcessBrownouts;
        if (a.ExcessBrownoutsStress != b.ExcessBrownoutsStress) return a.ExcessBrownoutsStress < b.ExcessBrownoutsStress;
        if (Math.Abs(a.Utility - b.Utility) > 1e-9) return a.Utility > b.Utility;
        return a.Reward > b.Reward + 1e-9;
    }

    private static SimulationMetrics Run(ExploringAgent agent, TrainingOptions options, EnvironmentTrace env, double startVolts, int seed)
    {
        var setup = new SimulationSetup
        {
            Config = options.Config,
            Profile = options.Profile,
            Environment = env,
            Seed = seed,
            InitialVolts = startVolts,
            PolicyFactory = _ => agent,
            StepObserverFactory = _ => agent.Observe,
            Service = options.Service,
        };
        return new NodeSimulator(setup, 0, recordTimeline: false).Run().Metrics;
    }

    private static void Absorb(ExploringAgent agent, TransitionModel model, int[] visits)
    {
        foreach (var t in agent.Transitions) model.Add(t);
        for (int s = 0; s < visits.Length; s++) visits[s] += agent.Visits[s];
    }

    /// <summary>A seed for (training seed, run, purpose): distinct runs get unrelated streams.</summary>
    private static int Mix(int seed, int run, int purpose) => unchecked((seed * 7919 + run) * 104_729 + purpose * 15_485_863);
}
