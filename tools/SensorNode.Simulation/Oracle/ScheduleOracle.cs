using System.Diagnostics;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Oracle;

/// <summary>
/// The best schedule in hindsight, by backward dynamic programming over slots and a discretised stored energy
/// (docs/evaluation.md). Per slot the schedule chooses whether the PIR is armed (each event then costs its boot,
/// <see cref="OracleProblem.MotionWakes"/>), how many timer wakes it holds (0, or slot / interval for an interval
/// that divides the slot) and whether it transmits at the end (one publish flushes every pending reading; only
/// after a wake in the slot). The store follows the simulator's energy model at the slot's starting voltage:
/// E' = min(E_max, E + harvest - slot x V (I_sleep + I_leak(V)) - wakes x E_wake(V) - publish x E_pub(V));
/// a schedule with wakes may not take E' below brown-out; idling may (sleep drain in the dark), and the node is
/// then dead (no load, leakage only, nothing captured) until the store reaches cold start, as in the simulator.
/// </summary>
public static class ScheduleOracle
{
    private const double EventWeight = 1e6; // lexicographic: an event outweighs every reading of a run

    /// <summary>Solves both programmes on <paramref name="trace"/>.</summary>
    public static OracleResult Solve(EnvironmentTrace trace, HardwareProfile profile, int[] wakeIntervalsSeconds, OracleOptions? options = null)
    {
        options ??= new OracleOptions();
        return Solve(OracleProblem.FromTrace(trace, profile, wakeIntervalsSeconds, options.SlotSeconds), profile, options, trace.MotionEventUnixSeconds.Length);
    }

    /// <summary>Solves both programmes on a prepared problem.</summary>
    public static OracleResult Solve(OracleProblem problem, HardwareProfile profile, OracleOptions options, long eventsTotal)
    {
        if (options.EnergyLevels < 10 || options.EnergyLevels > 100_000) throw new ArgumentOutOfRangeException(nameof(options), "EnergyLevels must be 10..100000");
        var wall = Stopwatch.StartNew();
        var model = new Model(problem, profile, options.EnergyLevels, options.FewestBrownoutsFirst);
        Run captureUp = model.Solve(delivery: false, roundUp: true, options.InitialVolts);
        Run captureDown = model.Solve(delivery: false, roundUp: false, options.InitialVolts);
        Run deliveryUp = model.Solve(delivery: true, roundUp: true, options.InitialVolts);
        Run deliveryDown = model.Solve(delivery: true, roundUp: false, options.InitialVolts);
        wall.Stop();
        return new OracleResult
        {
            EventsTotal = eventsTotal,
            EventsCaptured = captureUp.Events,
            EventsCapturedLower = captureDown.Events,
            EventsDelivered = deliveryUp.Events,
            EventsDeliveredLower = deliveryDown.Events,
            ReadingsDelivered = deliveryUp.Readings,
            Wakes = deliveryUp.Readings,
            MotionWakes = deliveryUp.MotionWakes,
            WifiConnects = deliveryUp.Connects,
            Brownouts = deliveryUp.Brownouts,
            CaptureBrownouts = captureUp.Brownouts,
            EnergyHarvestedJ = problem.HarvestJoules.Sum(),
            EnergySpentJ = deliveryUp.SpentJoules,
            EnergyPerDeliveredReadingMj = deliveryUp.Readings > 0 ? deliveryUp.SpentJoules * 1000 / deliveryUp.Readings : 0,
            FinalSupercapV = deliveryUp.FinalVolts,
            MinSupercapV = deliveryUp.MinVolts,
            SlotSeconds = options.SlotSeconds,
            EnergyLevels = options.EnergyLevels,
            EnergyLevelMj = model.LevelJoules * 1000,
            WallSeconds = wall.Elapsed.TotalSeconds,
            CaptureSchedule = captureUp.Schedule,
            DeliverySchedule = deliveryUp.Schedule,
        };
    }

    private sealed record Run(long Events, long Readings, long MotionWakes, long Connects, long Brownouts, double SpentJoules, double FinalVolts, double MinVolts, List<OracleSlot> Schedule);

    /// <summary>The transition model on the energy grid.</summary>
    private sealed class Model
    {
        // Default: below one reading or event, so it only breaks ties. Fewest brown-outs first: above every event
        // (EventWeight x events) and reading of a run (events stay under 10 000), and under the terminal cost of a reading left pending.
        private const double TieBreakBrownoutPenalty = 1e-3, FirstBrownoutPenalty = 1e12;
        private readonly double _brownoutPenalty;
        private readonly OracleProblem _p;
        private readonly OracleEnergyGrid _grid;
        private readonly int _levels;

        public double LevelJoules => _grid.LevelJoules;

        public Model(OracleProblem problem, HardwareProfile profile, int levels, bool fewestBrownoutsFirst)
        {
            _p = problem;
            _brownoutPenalty = fewestBrownoutsFirst ? FirstBrownoutPenalty : TieBreakBrownoutPenalty;
            _levels = levels;
            _grid = new OracleEnergyGrid(profile, levels);
        }

        // Action code: bit 0 armed, bit 1 transmit, bits 2+ timer choice (0 = no timer wake, c = TimerWakeChoices[c-1]).
        private int TimerWakes(int code) => (code >> 2) == 0 ? 0 : _p.TimerWakeChoices[(code >> 2) - 1];

        private int Wakes(int t, int code) => TimerWakes(code) + ((code & 1) != 0 ? _p.MotionWakes[t] : 0);

        /// <summary>
        /// Slot <paramref name="t"/> from an alive node at <paramref name="level"/> under <paramref name="code"/>: the
        /// next level, and whether the node browned out (allowed only for the idle action: sleep drain in the dark;
        /// an action with wakes must keep the store above brown-out). False when the action is not allowed.
        /// </summary>
        private bool StepAlive(int t, int level, int code, bool roundUp, out int next, out bool died, out double spent)
        {
            spent = _p.SlotSeconds[t] * _grid.FixedWatts[level] + Wakes(t, code) * _grid.WakeJoules[level] + ((code & 2) != 0 ? _grid.PublishJoules[level] : 0);
            double e = Math.Min(_grid.MaxJoules, _grid.Joules(level) + _p.HarvestJoules[t] - spent);
            died = e < _grid.FloorJoules;
            next = died ? 0 : _grid.Level(e, roundUp);
            return !died || code == 0;
        }

        /// <summary>Slot <paramref name="t"/> for a dead node: no load, leakage only; true when it reaches cold start.</summary>
        private bool StepDead(int t, int level, bool roundUp, out int next)
        {
            double e = Math.Min(_grid.MaxJoules, _grid.Joules(level) + _p.HarvestJoules[t] - _p.SlotSeconds[t] * _grid.LeakWatts[level]);
            next = _grid.Level(e, roundUp);
            return e >= _grid.ColdstartJoules;
        }

        private static int Index(int dead, int pending, int level, int levels) => (dead * 2 + pending) * levels + level;

        public Run Solve(bool delivery, bool roundUp, double initialVolts)
        {
            int slots = _p.SlotCount;
            int states = 4 * _levels;
            int codes = delivery ? 4 * (_p.TimerWakeChoices.Length + 1) : 2;
            var value = new double[states];
            var next = new double[states];
            var decision = new byte[slots][];
            // Terminal: everything delivered (pending = 0); a reading left pending costs more than any schedule earns,
            // so it happens only when no schedule can flush (the trace ends with the node dead); Trace counts only flushed work.
            for (int s = 0; s < states; s++) value[s] = delivery && (s / _levels) % 2 == 1 ? -1e15 : 0;
            for (int t = slots - 1; t >= 0; t--)
            {
                var chosen = new byte[states];
                for (int pending = 0; pending < 2; pending++)
                {
                    for (int b = 0; b < _levels; b++)
                    {
                        bool wakesUp = StepDead(t, b, roundUp, out int deadNext);
                        next[Index(1, pending, b, _levels)] = value[Index(wakesUp ? 0 : 1, pending, deadNext, _levels)];

                        double best = double.NegativeInfinity;
                        int bestCode = 0;
                        for (int code = 0; code < codes; code++)
                        {
                            if (!Reward(t, code, delivery, out double reward, out int wakes)) continue;
                            if (!StepAlive(t, b, code, roundUp, out int to, out bool died, out _)) continue;
                            int nextPending = (code & 2) != 0 ? 0 : (pending == 1 || wakes > 0 ? 1 : 0);
                            double v = died
                                ? reward - _brownoutPenalty + value[Index(1, nextPending, to, _levels)]
                                : reward + value[Index(0, nextPending, to, _levels)];
                            if (v > best) { best = v; bestCode = code; }
                        }
                        next[Index(0, pending, b, _levels)] = best;
                        chosen[Index(0, pending, b, _levels)] = (byte)bestCode;
                    }
                }
                decision[t] = chosen;
                (value, next) = (next, value);
            }
            return Trace(decision, delivery, roundUp, initialVolts);
        }

        /// <summary>The reward of <paramref name="code"/> in slot <paramref name="t"/>; false when the action is not allowed.</summary>
        private bool Reward(int t, int code, bool delivery, out double reward, out int wakes)
        {
            bool armed = (code & 1) != 0;
            wakes = Wakes(t, code);
            int events = armed ? _p.Events[t] : 0;
            reward = delivery ? events * EventWeight + wakes : events;
            // The radio goes up only in a wake (the policy's decision at that wake).
            return (code & 2) == 0 || wakes > 0;
        }

        private Run Trace(byte[][] decision, bool delivery, bool roundUp, double initialVolts)
        {
            double initialJoules = _grid.JoulesAt(initialVolts);
            int level = _grid.Level(initialJoules, roundUp);
            int dead = initialJoules < _grid.ColdstartJoules ? 1 : 0;
            int pending = 0;
            long events = 0, readings = 0, motion = 0, connects = 0, brownouts = 0, pendingEvents = 0, pendingReadings = 0;
            double spentTotal = 0, minVolts = _grid.Volts[level];
            var schedule = new List<OracleSlot>(_p.SlotCount);
            for (int t = 0; t < _p.SlotCount; t++)
            {
                if (dead == 1)
                {
                    schedule.Add(new OracleSlot(_p.SlotStartUnixSeconds[t], false, 0, false, 0, _grid.Volts[level]));
                    dead = StepDead(t, level, roundUp, out level) ? 0 : 1;
                    minVolts = Math.Min(minVolts, _grid.Volts[level]);
                    continue;
                }
                int code = decision[t][Index(0, pending, level, _levels)];
                Reward(t, code, delivery, out _, out int wakes);
                bool armed = (code & 1) != 0;
                int captured = armed ? _p.Events[t] : 0;
                schedule.Add(new OracleSlot(_p.SlotStartUnixSeconds[t], armed, TimerWakes(code), (code & 2) != 0, captured, _grid.Volts[level]));
                if (!StepAlive(t, level, code, roundUp, out int to, out bool died, out double spent))
                    throw new InvalidOperationException("the oracle's schedule took a forbidden step");
                pendingEvents += captured;
                pendingReadings += wakes;
                if (!delivery || (code & 2) != 0)
                {
                    events += pendingEvents;
                    readings += pendingReadings;
                    pendingEvents = pendingReadings = 0;
                }
                if (armed) motion += _p.MotionWakes[t];
                if ((code & 2) != 0) connects++;
                spentTotal += spent;
                pending = (code & 2) != 0 ? 0 : (pending == 1 || wakes > 0 ? 1 : 0);
                if (died) { brownouts++; dead = 1; }
                level = to;
                minVolts = Math.Min(minVolts, _grid.Volts[level]);
            }
            return new Run(events, readings, motion, connects, brownouts, spentTotal, _grid.Volts[level], minVolts, schedule);
        }
    }
}
