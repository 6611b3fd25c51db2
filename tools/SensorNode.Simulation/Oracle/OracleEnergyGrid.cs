using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Policies;

namespace SensorNode.Simulation.Oracle;

/// <summary>
/// The supercap's stored energy on a grid of levels between brown-out (level 0) and the clamp (the last level), with
/// what the node spends at each level's voltage: sleep and leakage power, a wake, a publish (docs/evaluation.md "The
/// oracle"). Shared by the schedule oracle and the service bound, so both programmes follow one energy model.
/// </summary>
internal sealed class OracleEnergyGrid
{
    private readonly SupercapPhysics _store;

    /// <summary><paramref name="associateMilliseconds"/>: a publish's Wi-Fi association (null: the static-IP one, <see cref="WakeEnergyCosts"/>).</summary>
    public OracleEnergyGrid(HardwareProfile profile, int levels, double? associateMilliseconds = null)
    {
        Levels = levels;
        _store = SupercapPhysics.FromProfile(profile, profile.BrownoutMillivolts / 1000.0);
        var costs = new WakeEnergyCosts(profile, associateMilliseconds);
        FloorJoules = _store.JoulesAt(profile.BrownoutMillivolts / 1000.0);
        MaxJoules = _store.JoulesAt(profile.SupercapMaxMillivolts / 1000.0);
        ColdstartJoules = _store.JoulesAt(profile.ColdstartMillivolts / 1000.0);
        LevelJoules = (MaxJoules - FloorJoules) / (levels - 1);
        Volts = new double[levels];
        FixedWatts = new double[levels];
        LeakWatts = new double[levels];
        WakeJoules = new double[levels];
        PublishJoules = new double[levels];
        for (int b = 0; b < levels; b++)
        {
            double v = _store.VoltsAt(Joules(b));
            Volts[b] = v;
            LeakWatts[b] = v * _store.LeakageAmps(v);
            FixedWatts[b] = v * costs.SleepAmps + LeakWatts[b];
            WakeJoules[b] = costs.WakeJoules(v);
            PublishJoules[b] = costs.PublishJoules(v);
        }
    }

    public int Levels { get; }
    public double LevelJoules { get; }
    public double FloorJoules { get; }
    public double MaxJoules { get; }
    public double ColdstartJoules { get; }

    /// <summary>Per level: the supercap voltage, V.</summary>
    public double[] Volts { get; }
    /// <summary>Per level: deep sleep plus leakage, W.</summary>
    public double[] FixedWatts { get; }
    /// <summary>Per level: leakage alone (a dead node has no load), W.</summary>
    public double[] LeakWatts { get; }
    /// <summary>Per level: one wake (boot, compute, sensing, flash), J.</summary>
    public double[] WakeJoules { get; }
    /// <summary>Per level: one connect and publish, J.</summary>
    public double[] PublishJoules { get; }

    public double Joules(int level) => FloorJoules + level * LevelJoules;

    /// <summary>The level of <paramref name="joules"/>, rounded up (an upper bound) or down (a feasible schedule), clamped to the grid.</summary>
    public int Level(double joules, bool roundUp)
    {
        double x = (joules - FloorJoules) / LevelJoules;
        // The epsilon keeps an exact level from rounding past itself through float noise.
        int level = roundUp ? (int)Math.Ceiling(x - 1e-9) : (int)Math.Floor(x + 1e-9);
        return Math.Clamp(level, 0, Levels - 1);
    }

    /// <summary>The level of <paramref name="volts"/>.</summary>
    public int LevelAt(double volts, bool roundUp) => Level(_store.JoulesAt(volts), roundUp);

    /// <summary>Stored energy at <paramref name="volts"/>, J.</summary>
    public double JoulesAt(double volts) => _store.JoulesAt(volts);
}
