namespace SensorNode.Simulation.Physics;

/// <summary>
/// The supercap as an energy store: dE/dt = P_harvest - V (I_load + I_leak(V)), with E = C V^2 / 2,
/// I_leak = I_max (V / V_max)^n, and the harvester's clamp at V_max. Integrated with the midpoint rule in
/// the energy domain, and every step books its joules so that
/// harvested = load + leakage + clamp losses + change in stored energy holds to rounding error.
/// </summary>
public sealed class SupercapPhysics
{
    private readonly double _capacitanceFarads;
    private readonly double _maxVolts;
    private readonly double _maxJoules;
    private readonly double _leakAmpsAtMax;
    private readonly double _leakExponent;
    private readonly double[] _loadJoulesByPhase = new double[Enum.GetValues<PowerPhase>().Length];
    private double _joules;
    // VoltsAt(_joules), kept with it: the simulator reads the voltage after every step.
    private double _volts;

    public SupercapPhysics(double capacitanceFarads, double maxVolts, double leakageAmpsAtMax, double leakageExponent, double initialVolts)
    {
        if (capacitanceFarads <= 0) throw new ArgumentOutOfRangeException(nameof(capacitanceFarads), "capacitance must be > 0 F");
        if (maxVolts <= 0) throw new ArgumentOutOfRangeException(nameof(maxVolts), "max voltage must be > 0 V");
        _capacitanceFarads = capacitanceFarads;
        _maxVolts = maxVolts;
        _maxJoules = 0.5 * capacitanceFarads * maxVolts * maxVolts;
        _leakAmpsAtMax = leakageAmpsAtMax;
        _leakExponent = leakageExponent;
        SetJoules(JoulesAt(Math.Clamp(initialVolts, 0, maxVolts)));
        InitialJoules = _joules;
    }

    public static SupercapPhysics FromProfile(HardwareProfile p, double initialVolts) =>
        new(p.SupercapCapacitanceMillifarads / 1000.0, p.SupercapMaxMillivolts / 1000.0,
            p.SupercapLeakageMicroampsAtMax * 1e-6, p.SupercapLeakageExponent, initialVolts);

    public double Volts => _volts;
    public double StoredJoules => _joules;
    public double InitialJoules { get; }
    public double HarvestedJoules { get; private set; }
    public double LeakageJoules { get; private set; }
    public double ClampLossJoules { get; private set; }
    public double LoadJoules { get; private set; }
    public double LoadJoulesIn(PowerPhase phase) => _loadJoulesByPhase[(int)phase];

    public double JoulesAt(double volts) => 0.5 * _capacitanceFarads * volts * volts;
    public double VoltsAt(double joules) => joules <= 0 ? 0 : Math.Sqrt(2 * joules / _capacitanceFarads);

    /// <summary>Leakage current at <paramref name="volts"/>, A.</summary>
    public double LeakageAmps(double volts) =>
        volts <= 0 || _leakAmpsAtMax == 0 ? 0
        // At the clamp (a full store, every sunny hour) Pow(1, n) is exactly 1: the same number without the call.
        : volts == _maxVolts ? _leakAmpsAtMax
        : _leakAmpsAtMax * Math.Pow(volts / _maxVolts, _leakExponent);

    /// <summary>
    /// Advances <paramref name="seconds"/> with constant harvested power and load current. The caller keeps steps
    /// short against the RC time constant (the simulator steps at most one environment grid step, 60 s by default;
    /// RC here is ~10^6 s). Returns the load energy actually delivered (less than asked when the store runs dry).
    /// </summary>
    public double Advance(double seconds, double harvestWatts, double loadAmps, PowerPhase phase)
    {
        if (seconds <= 0) return 0;
        double v0 = _volts;
        double k1 = harvestWatts - v0 * (loadAmps + LeakageAmps(v0));
        double midJoules = _joules + k1 * seconds / 2;
        // The clamp holds V at V_max, so the voltage the load and leakage see never exceeds it.
        double vMid = Math.Min(VoltsAt(midJoules), _maxVolts);
        double harvested = harvestWatts * seconds;
        double load = vMid * loadAmps * seconds;
        double leak = vMid * LeakageAmps(vMid) * seconds;
        if (midJoules <= 0 && _joules > 0)
        {
            // Empty before mid-step: the midpoint voltage (0) would deliver nothing and leave the store full.
            // Ask at the starting voltage instead; that overdraws the store, so the dry branch below shares it out.
            load = v0 * loadAmps * seconds;
            leak = v0 * LeakageAmps(v0) * seconds;
        }
        double next = _joules + harvested - load - leak;
        if (next < 0)
        {
            // Ran dry inside the step: the load and leakage got only what was there.
            double available = _joules + harvested;
            double asked = load + leak;
            double scale = asked > 0 ? available / asked : 0;
            load *= scale;
            leak *= scale;
            next = 0;
        }
        if (next > _maxJoules)
        {
            ClampLossJoules += next - _maxJoules;
            next = _maxJoules;
        }
        SetJoules(next);
        HarvestedJoules += harvested;
        LeakageJoules += leak;
        LoadJoules += load;
        _loadJoulesByPhase[(int)phase] += load;
        return load;
    }

    /// <summary>Draws a lump of energy (a flash write burst), J; returns what was there to draw.</summary>
    public double Draw(double joules, PowerPhase phase)
    {
        if (joules <= 0) return 0;
        double drawn = Math.Min(joules, _joules);
        SetJoules(_joules - drawn);
        LoadJoules += drawn;
        _loadJoulesByPhase[(int)phase] += drawn;
        return drawn;
    }

    private void SetJoules(double joules)
    {
        _joules = joules;
        _volts = VoltsAt(joules);
    }

    /// <summary>harvested - (load + leakage + clamp + stored change): zero up to rounding.</summary>
    public double EnergyBalanceErrorJoules =>
        HarvestedJoules - (LoadJoules + LeakageJoules + ClampLossJoules + (_joules - InitialJoules));
}
