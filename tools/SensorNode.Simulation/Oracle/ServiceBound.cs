using System.Diagnostics;
using SensorNode.Core.Config;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Simulation.Oracle;

/// <summary>
/// What any schedule could reach of the three services without a single brown-out, knowing the whole trace in advance
/// (docs/evaluation.md "The service bound"): the most of one service (events captured, arrivals on time, temperature
/// coverage, as fractions) given at least the others' targets. An upper bound by Lagrangian duality over the schedule
/// oracle's energy model (<see cref="OracleEnergyGrid"/>, energies rounded up): for any multipliers l1, l2 >= 0,
/// max(m) subject to k1 >= t1, k2 >= t2 is at most max over schedules of (m + l1 k1 + l2 k2) - l1 t1 - l2 t2, which a
/// dynamic programme computes; the bound is the least of that over the multipliers searched. If the bound is below a
/// target, no schedule meets the three targets together on that trace.
/// <para>
/// Each slot (900 s) the schedule arms the PIR or not (each event then costs its boot), holds 0 or more timer wakes and
/// may transmit at its end (only after a wake in the slot). Relaxed in the schedule's favour, so the bound stays a bound:
/// an interval is covered by any wake in it (delivery by the end of the run is not required); an arrival is on time when
/// its slot or the next one transmits (a node's transmit in the next slot can still be within 15 min of the event); no
/// mandatory timer wake, one publish per slot whatever the backlog. A publish pays the Wi-Fi association the configured
/// node makes (DHCP or static IP, as the simulator). Death is forbidden: the bound is for schedules with no brown-out at
/// all, so where even least-spending browns out (ff22, the corridor) it finds no schedule.
/// </para>
/// </summary>
public static class ServiceBound
{
    private const double MaxMultiplier = 1e4;

    /// <summary>
    /// What a schedule may not do beyond browning out: take the supercap below <see cref="KeepVolts"/> (null: the brown-out
    /// itself), or connect below <see cref="RadioFromVolts"/> (null: at any charge).
    /// </summary>
    public sealed record Rules(double? KeepVolts = null, double? RadioFromVolts = null)
    {
        /// <summary>No rule but surviving.</summary>
        public static Rules None { get; } = new();

        /// <summary>
        /// The radio part of the trainer's allowed-action reserve (<c>TrainingActions</c>, docs/policy.md): no connect below
        /// good voltage, the lowest millivolt the policy's state puts in the good bin on <paramref name="profile"/>.
        /// </summary>
        public static Rules TrainerReserve(HardwareProfile profile)
        {
            int brownoutMv = (int)profile.BrownoutMillivolts, maxMv = (int)profile.SupercapMaxMillivolts, mv = brownoutMv;
            while (mv < maxMv && SensorNode.Core.Policy.StateEncoder.VoltageBin(mv, brownoutMv, maxMv) < TrainingActions.RadioFromVoltageBin) mv++;
            return new Rules(RadioFromVolts: mv / 1000.0);
        }
    }

    /// <summary>The three services, as fractions of what the trace asks for.</summary>
    public enum Service { Events, Arrivals, Coverage }

    /// <summary>A schedule's services as fractions (events of all events, arrivals on time of all arrivals, intervals covered of all intervals).</summary>
    public readonly record struct Point(double Events, double Arrivals, double Coverage)
    {
        public double this[Service s] => s switch { Service.Events => Events, Service.Arrivals => Arrivals, _ => Coverage };
    }

    /// <summary>The bound on <see cref="Maximized"/> given <see cref="AtLeast"/> of the other two.</summary>
    public sealed record Result(Service Maximized, Point AtLeast, double Bound, double[] Multipliers, int Programmes, double WallSeconds)
    {
        /// <summary>No schedule without a brown-out reaches the other two targets at all (even sleeping browns out, or the dual fell below 0).</summary>
        public bool Infeasible => double.IsNegativeInfinity(Bound);
    }

    /// <summary>The trace cut into the oracle's slots, with its arrivals and coverage intervals.</summary>
    public sealed class Problem
    {
        internal OracleProblem Slots { get; init; } = null!;
        internal bool[] Arrival { get; init; } = null!;
        internal bool[] StartsInterval { get; init; } = null!;
        internal HardwareProfile Profile { get; init; } = null!;
        internal double InitialVolts { get; init; }
        internal double AssociateMilliseconds { get; init; }
        public required long EventsTotal { get; init; }
        public required long ArrivalsTotal { get; init; }
        public required long Intervals { get; init; }
    }

    /// <summary>
    /// Cuts <paramref name="trace"/> into slots; arrivals and coverage intervals follow <paramref name="service"/> as the
    /// simulator's metrics do (the interval must be a multiple of the slot, the arrival target at least a slot).
    /// </summary>
    public static Problem Prepare(EnvironmentTrace trace, HardwareProfile profile, NodeConfig config, ServiceTargets service, OracleOptions? options = null)
    {
        options ??= new OracleOptions();
        int slot = options.SlotSeconds;
        if (service.TemperatureIntervalSeconds % slot != 0)
            throw new ArgumentException($"the temperature interval ({service.TemperatureIntervalSeconds} s) must be a multiple of the slot ({slot} s)");
        if (service.ArrivalTargetSeconds < slot)
            throw new ArgumentException($"the arrival target ({service.ArrivalTargetSeconds} s) must be at least the slot ({slot} s)");
        OracleProblem slots = OracleProblem.FromTrace(trace, profile, config.WakeIntervalsSeconds, slot);
        long startMs = trace.StartUnixSeconds * 1000;
        long[] eventMs = trace.MotionEventUnixSeconds.Select(t => t * 1000).ToArray();
        bool[] isArrival = ServiceMetrics.Arrivals(startMs, eventMs, service);
        var arrival = new bool[slots.SlotCount];
        for (int i = 0; i < eventMs.Length; i++)
        {
            if (!isArrival[i]) continue;
            long s = (trace.MotionEventUnixSeconds[i] - trace.StartUnixSeconds) / slot;
            if (s >= 0 && s < arrival.Length) arrival[s] = true; // arrivals are at least the gap apart: one per slot at most
        }
        var starts = new bool[slots.SlotCount];
        for (int s = 0; s < starts.Length; s++) starts[s] = (slots.SlotStartUnixSeconds[s] - trace.StartUnixSeconds) % service.TemperatureIntervalSeconds == 0;
        long endMs = (trace.StartUnixSeconds + (long)slots.SlotSeconds.Sum()) * 1000;
        long intervalMs = service.TemperatureIntervalSeconds * 1000L;
        return new Problem
        {
            Slots = slots, Arrival = arrival, StartsInterval = starts, Profile = profile, InitialVolts = options.InitialVolts,
            AssociateMilliseconds = WakeEnergyCosts.AssociateMilliseconds(profile, config),
            EventsTotal = eventMs.Length, ArrivalsTotal = isArrival.Count(a => a), Intervals = (endMs - startMs + intervalMs - 1) / intervalMs,
        };
    }

    /// <summary>
    /// The bound on <paramref name="maximize"/> given at least <paramref name="atLeast"/> of the other two services (its
    /// own component is ignored). The multipliers are searched on a coarse grid (<paramref name="searchLevels"/>) and the
    /// bound evaluated at the best on the fine one (<paramref name="levels"/>); both grids round energies up, so both give bounds.
    /// </summary>
    public static Result Maximize(Problem problem, Service maximize, Point atLeast, Rules? rules = null, int levels = 1000, int searchLevels = 250)
    {
        var wall = Stopwatch.StartNew();
        rules ??= Rules.None;
        Service[] others = Enum.GetValues<Service>().Where(s => s != maximize).ToArray();
        var coarse = new Programme(problem, searchLevels, roundUp: true, rules);
        int programmes = 0;
        double Dual(Programme p, double l1, double l2, out Point point)
        {
            programmes++;
            var weights = new double[3];
            weights[(int)maximize] = 1;
            weights[(int)others[0]] = l1;
            weights[(int)others[1]] = l2;
            double value = p.Solve(weights, out point);
            return value - l1 * atLeast[others[0]] - l2 * atLeast[others[1]];
        }

        // A grid of multipliers, then a pattern search around the best: the dual is convex in them.
        double[] grid = [0, 0.25, 1, 4, 16];
        double best = double.PositiveInfinity, b1 = 0, b2 = 0;
        foreach (double l1 in grid)
        {
            foreach (double l2 in grid)
            {
                double d = Dual(coarse, l1, l2, out _);
                if (d < best) { best = d; b1 = l1; b2 = l2; }
            }
        }
        // A dual below 0 already proves the others' targets out of reach (the maximised service is a fraction, never
        // negative); there the dual falls without end as the multipliers grow, so the search stops.
        for (double step = 2; step > 0.01 && best >= 0; step /= 2)
        {
            bool moved = true;
            while (moved && best >= 0)
            {
                moved = false;
                foreach ((double d1, double d2) in new[] { (step, 0.0), (-step, 0.0), (0.0, step), (0.0, -step) })
                {
                    double l1 = Math.Clamp(b1 + d1, 0, MaxMultiplier), l2 = Math.Clamp(b2 + d2, 0, MaxMultiplier);
                    if (l1 == b1 && l2 == b2) continue;
                    double d = Dual(coarse, l1, l2, out _);
                    if (d < best - 1e-9) { best = d; b1 = l1; b2 = l2; moved = true; }
                }
            }
        }
        double bound = Math.Min(best, Dual(new Programme(problem, levels, roundUp: true, rules), b1, b2, out _));
        if (bound < 0) bound = double.NegativeInfinity;
        wall.Stop();
        return new Result(maximize, atLeast, Math.Min(1, bound), [b1, b2], programmes, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A schedule that comes closest to <paramref name="targets"/>: of the programmes with weights 0.25, 0.5, 1, 2 or 4 on each
    /// service (energies rounded down on the coarse grid), the one whose worst margin over its target is largest, solved
    /// again on the fine grid, rounded down: the continuous model runs it without a brown-out. Coverage is counted at the
    /// wake and arrivals by the relaxation of the class summary. Null when no schedule avoids a brown-out.
    /// </summary>
    /// <paramref name="rules"/>: a margin such as the cold-start voltage asks what foresight reaches when it keeps a reserve
    /// a real node would need; the trainer's reserve, what a table the trainer may learn could reach if it knew the light.
    public static Witness? FindWitness(Problem problem, Point targets, Rules? rules = null, int levels = 1000, int searchLevels = 250)
    {
        rules ??= Rules.None;
        var coarse = new Programme(problem, searchLevels, roundUp: false, rules);
        double[] steps = [0.25, 0.5, 1, 2, 4];
        double[]? bestWeights = null;
        double bestMargin = double.NegativeInfinity;
        foreach (double we in steps)
        {
            foreach (double wa in steps)
            {
                foreach (double wc in steps)
                {
                    if (double.IsNegativeInfinity(coarse.Solve([we, wa, wc], out Point p))) return null;
                    double margin = Math.Min(p.Events - targets.Events, Math.Min(p.Arrivals - targets.Arrivals, p.Coverage - targets.Coverage));
                    if (margin > bestMargin) { bestMargin = margin; bestWeights = [we, wa, wc]; }
                }
            }
        }
        new Programme(problem, levels, roundUp: false, rules).Solve(bestWeights!, out Point point, out Spending spending);
        return new Witness(point, bestWeights!, point.Events >= targets.Events && point.Arrivals >= targets.Arrivals && point.Coverage >= targets.Coverage, spending);
    }

    /// <summary>One schedule's services, the weights that found it, whether it meets the targets it was searched for, and how it spends.</summary>
    public sealed record Witness(Point Reaches, double[] Weights, bool MeetsTargets, Spending Spending);

    /// <summary>
    /// How a schedule spends: its wakes and connects, the connects per voltage bin of the policy's state (critical, low,
    /// fair, good, high, full; docs/policy.md), the lowest and the mean supercap voltage at slot ends.
    /// </summary>
    public sealed record Spending(long Wakes, long Connects, long[] ConnectsByVoltageBin, double MinVolts, double MeanVolts);

    /// <summary>The most of a weighted sum of the three services over schedules with no brown-out, by backward dynamic programming.</summary>
    private sealed class Programme
    {
        private readonly Problem _problem;
        private readonly OracleProblem _p;
        private readonly OracleEnergyGrid _grid;
        private readonly int _codes;

        private readonly bool _roundUp;
        private readonly double _keepJoules, _radioFromJoules;

        public Programme(Problem problem, int levels, bool roundUp, Rules rules)
        {
            _roundUp = roundUp;
            _problem = problem;
            _p = problem.Slots;
            _grid = new OracleEnergyGrid(problem.Profile, levels, problem.AssociateMilliseconds);
            _codes = 4 * (_p.TimerWakeChoices.Length + 1);
            _keepJoules = rules.KeepVolts is double v ? Math.Max(_grid.FloorJoules, _grid.JoulesAt(v)) : _grid.FloorJoules;
            _radioFromJoules = rules.RadioFromVolts is double r ? _grid.JoulesAt(r) : double.NegativeInfinity;
        }

        // The charge the connect's wake may find: a bound allows a connect if the slot's harvest, before any spending,
        // lifts the store to the rule (the wake may come at any moment of the slot); a witness only if the slot starts there.
        private bool RadioAllowed(int t, int level) =>
            (_roundUp ? Math.Min(_grid.MaxJoules, _grid.Joules(level) + _p.HarvestJoules[t]) : _grid.Joules(level)) >= _radioFromJoules;

        // State: level, interval covered so far (bit 0), an arrival captured in the previous slot and not yet sent (bit 1).
        private int Index(int flags, int level) => flags * _grid.Levels + level;

        // Action code: bit 0 armed, bit 1 transmit, bits 2+ timer choice (0 = no timer wake, c = TimerWakeChoices[c-1]).
        private int Wakes(int t, int code) => ((code >> 2) == 0 ? 0 : _p.TimerWakeChoices[(code >> 2) - 1]) + ((code & 1) != 0 ? _p.MotionWakes[t] : 0);

        /// <summary>
        /// One slot: false when the action is not allowed (a transmit without a wake, or a brown-out). Counts what it earns:
        /// events captured, arrivals sent on time, whether it covers the interval; and the flags after it.
        /// </summary>
        private bool Step(int t, int level, int flags, int code, out int next, out int nextFlags, out int events, out int onTime, out int covers)
        {
            bool armed = (code & 1) != 0, transmit = (code & 2) != 0;
            int wakes = Wakes(t, code);
            next = 0; nextFlags = 0; events = 0; onTime = 0; covers = 0;
            if (transmit && (wakes == 0 || !RadioAllowed(t, level))) return false;
            double spent = _p.SlotSeconds[t] * _grid.FixedWatts[level] + wakes * _grid.WakeJoules[level] + (transmit ? _grid.PublishJoules[level] : 0);
            double e = Math.Min(_grid.MaxJoules, _grid.Joules(level) + _p.HarvestJoules[t] - spent);
            if (e < _keepJoules) return false;
            next = _grid.Level(e, _roundUp);
            bool covered = !_problem.StartsInterval[t] && (flags & 1) != 0;
            bool pendingArrival = (flags & 2) != 0;
            bool captured = armed && _problem.Arrival[t];
            events = armed ? _p.Events[t] : 0;
            covers = wakes > 0 && !covered ? 1 : 0;
            onTime = transmit ? (pendingArrival ? 1 : 0) + (captured ? 1 : 0) : 0;
            nextFlags = (covered || wakes > 0 ? 1 : 0) | (captured && !transmit ? 2 : 0);
            return true;
        }

        /// <summary>The most of weights . (events, arrivals, coverage) as fractions; the schedule's own point in <paramref name="point"/>.</summary>
        public double Solve(double[] weights, out Point point) => Solve(weights, out point, out _);

        /// <summary>As <see cref="Solve(double[], out Point)"/>, with how the schedule spends (<paramref name="spending"/>).</summary>
        public double Solve(double[] weights, out Point point, out Spending spending)
        {
            int slots = _p.SlotCount, levels = _grid.Levels, states = 4 * levels;
            double we = _problem.EventsTotal > 0 ? weights[0] / _problem.EventsTotal : 0;
            double wa = _problem.ArrivalsTotal > 0 ? weights[1] / _problem.ArrivalsTotal : 0;
            double wc = _problem.Intervals > 0 ? weights[2] / _problem.Intervals : 0;
            var value = new double[states];
            var next = new double[states];
            var decision = new byte[slots][];
            for (int t = slots - 1; t >= 0; t--)
            {
                var chosen = new byte[states];
                double[] later = value, now = next;
                int slot = t;
                Parallel.For(0, 4, flags =>
                {
                    for (int b = 0; b < levels; b++)
                    {
                        double best = double.NegativeInfinity;
                        int bestCode = 0;
                        for (int code = 0; code < _codes; code++)
                        {
                            if (!Step(slot, b, flags, code, out int to, out int toFlags, out int events, out int onTime, out int covers)) continue;
                            double v = we * events + wa * onTime + wc * covers + later[Index(toFlags, to)];
                            if (v > best) { best = v; bestCode = code; }
                        }
                        now[Index(flags, b)] = best;
                        chosen[Index(flags, b)] = (byte)bestCode;
                    }
                });
                decision[t] = chosen;
                (value, next) = (next, value);
            }
            int level = _grid.LevelAt(_problem.InitialVolts, _roundUp), state = 0;
            // A service the trace does not ask for is fully given (fraction 1) by every schedule.
            double given = (_problem.EventsTotal == 0 ? weights[0] : 0) + (_problem.ArrivalsTotal == 0 ? weights[1] : 0) + (_problem.Intervals == 0 ? weights[2] : 0);
            double result = value[Index(0, level)] + given;
            long eventsSum = 0, onTimeSum = 0, coveredSum = 0, wakes = 0, connects = 0;
            var connectsByBin = new long[6];
            double minVolts = _grid.Volts[level], voltSlots = 0;
            var (brownoutMv, maxMv) = ((int)_problem.Profile.BrownoutMillivolts, (int)_problem.Profile.SupercapMaxMillivolts);
            if (!double.IsNegativeInfinity(result))
            {
                for (int t = 0; t < slots; t++)
                {
                    int code = decision[t][Index(state, level)];
                    double volts = _grid.Volts[level];
                    if ((code & 2) != 0)
                    {
                        connects++;
                        connectsByBin[SensorNode.Core.Policy.StateEncoder.VoltageBin((int)(volts * 1000), brownoutMv, maxMv)]++;
                    }
                    wakes += Wakes(t, code);
                    Step(t, level, state, code, out level, out state, out int events, out int onTime, out int covers);
                    eventsSum += events; onTimeSum += onTime; coveredSum += covers;
                    minVolts = Math.Min(minVolts, _grid.Volts[level]);
                    voltSlots += _grid.Volts[level];
                }
            }
            spending = new Spending(wakes, connects, connectsByBin, minVolts, slots > 0 ? voltSlots / slots : 0);
            point = new Point(Fraction(eventsSum, _problem.EventsTotal), Fraction(onTimeSum, _problem.ArrivalsTotal), Fraction(coveredSum, _problem.Intervals));
            return result;
        }

        // A service the trace does not ask for counts as fully given, as in the utility.
        private static double Fraction(long part, long whole) => whole > 0 ? (double)part / whole : 1;
    }
}
