using SensorNode.Core.Policy;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// Energy-neutral operation (Kansal et al., ACM TECS 2007): pick the duty cycle whose consumption matches the
/// predicted harvest, corrected by the distance of the store from a target level. At every wake:
/// <list type="number">
/// <item>the harvest of the current 30-min slot is measured as the mean over its wakes of the panel power implied
/// by the measured light (the profile's harvester curve), or the node's own harvest estimate when the light read
/// failed; a slot without a wake repeats the last value; each finished slot goes to the predictor (EWMA or WCMA);</item>
/// <item>budget power P = predicted harvest over the next 24 h / 24 h + (E - E_target) / 24 h, E_target the energy
/// at the middle of the brown-out..max window, minus deep sleep and leakage at the present voltage;</item>
/// <item>a reading costs a wake plus 1/16 of a publish (transmission every 16 readings); the PIR is armed when the
/// budget covers the expected motion wakes (the node's event rate, at least <see cref="MinimumPirWakesPerHour"/>
/// per hour), which are paid first;</item>
/// <item>the rest buys timer wakes: the shortest configured interval whose rate fits; the longest when nothing fits.</item>
/// </list>
/// Transmit when 16 readings wait. The predictor and the slot bookkeeping live in this object (a host-side
/// baseline); a device implementation would keep the 48 slot values in flash, since a deep sleep is a reboot.
/// Time comes from <paramref name="nowUnixSeconds"/> (the simulated clock; the RTC on a device).
/// </summary>
public sealed class EnergyNeutralPolicy : IWakePolicy
{
    /// <summary>Length of a predictor slot, s (48 slots a day).</summary>
    public const int SlotSeconds = 1800;
    /// <summary>Motion wakes per hour the PIR budget must cover at least, even when the node has seen no motion.</summary>
    public const double MinimumPirWakesPerHour = 1.0;

    private readonly IHarvestPredictor _predictor;
    private readonly Func<long> _nowUnixSeconds;
    private readonly int[] _intervalsSeconds;
    private readonly WakeEnergyCosts _costs;
    private readonly PhotovoltaicHarvester _harvester;
    private readonly SupercapPhysics _store;
    private readonly double _targetJoules;
    private long _slot = long.MinValue;
    private double _slotSum;
    private int _slotCount;
    private double _lastMicrowatts;

    public EnergyNeutralPolicy(IHarvestPredictor predictor, HardwareProfile profile, int[] wakeIntervalsSeconds, Func<long> nowUnixSeconds)
    {
        _predictor = predictor;
        _nowUnixSeconds = nowUnixSeconds;
        _intervalsSeconds = wakeIntervalsSeconds;
        _costs = new WakeEnergyCosts(profile);
        _harvester = PhotovoltaicHarvester.FromProfile(profile);
        // Used only for its energy/voltage/leakage formulas.
        _store = SupercapPhysics.FromProfile(profile, profile.BrownoutMillivolts / 1000.0);
        _targetJoules = _store.JoulesAt((profile.BrownoutMillivolts + profile.SupercapMaxMillivolts) / 2000.0);
    }

    /// <summary>The last budget, W (after deep sleep and leakage), for tests and logs.</summary>
    public double LastBudgetWatts { get; private set; }

    public PolicyAction Decide(int stateIndex, PolicyObservation observation)
    {
        Measure(_nowUnixSeconds(), observation);
        double volts = Math.Max(observation.SupercapMillivolts, 1) / 1000.0;
        double predicted = 0;
        for (int k = 1; k <= _predictor.SlotsPerDay; k++) predicted += Math.Max(0, _predictor.Predict(k)) * 1e-6;
        predicted /= _predictor.SlotsPerDay;
        double correction = (_store.JoulesAt(volts) - _targetJoules) / 86_400.0;
        double budget = predicted + correction - volts * (_costs.SleepAmps + _store.LeakageAmps(volts));
        LastBudgetWatts = budget;
        return Choose(budget, volts, observation);
    }

    /// <summary>The action for a budget of <paramref name="budgetWatts"/> (after sleep and leakage) at <paramref name="volts"/>.</summary>
    public PolicyAction Choose(double budgetWatts, double volts, PolicyObservation observation)
    {
        double readingJoules = _costs.WakeJoules(volts) + _costs.PublishJoules(volts) / FixedIntervalPolicy.TransmitBacklogReadings;
        double pirWatts = Math.Max(MinimumPirWakesPerHour, observation.EventRateMilliPerHour / 1000.0) * readingJoules / 3600.0;
        bool arm = budgetWatts >= pirWatts;
        double rest = arm ? budgetWatts - pirWatts : budgetWatts;
        int index = _intervalsSeconds.Length - 1;
        if (rest > 0)
        {
            double wantedSeconds = readingJoules / rest;
            for (int i = 0; i < _intervalsSeconds.Length; i++)
            {
                if (_intervalsSeconds[i] >= wantedSeconds) { index = i; break; }
            }
        }
        return new PolicyAction
        {
            WakeIntervalIndex = index,
            MotionWakeArmed = arm,
            Transmit = observation.BacklogReadings >= FixedIntervalPolicy.TransmitBacklogReadings,
        };
    }

    private void Measure(long now, PolicyObservation observation)
    {
        double microwatts = observation.IlluminanceCentiLux >= 0
            ? _harvester.ChargeWatts(observation.IlluminanceCentiLux / 100.0) * 1e6
            : Math.Max(0, observation.HarvestMicrowatts);
        long slot = Math.DivRem(now, SlotSeconds, out long rem);
        if (rem < 0) slot--;
        if (_slot == long.MinValue) _slot = slot;
        while (_slot < slot)
        {
            // Close the slot; slots without a wake repeat the last value.
            if (_slotCount > 0) _lastMicrowatts = _slotSum / _slotCount;
            _predictor.Add(SlotOfDay(_slot), _lastMicrowatts);
            _slotSum = 0;
            _slotCount = 0;
            _slot++;
        }
        _slotSum += microwatts;
        _slotCount++;
        _lastMicrowatts = _slotSum / _slotCount;
    }

    private int SlotOfDay(long slot)
    {
        long perDay = 86_400 / SlotSeconds;
        return (int)(((slot % perDay) + perDay) % perDay);
    }
}
