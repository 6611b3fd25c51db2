using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Tests.Physics;

/// <summary>
/// SupercapPhysics against closed forms. Tolerances come from the midpoint rule's local truncation error
/// (computed per test from the step size) plus an allowance for double rounding, so a failure means the
/// integrator or its bookkeeping is wrong, not that a number was tuned until it passed.
/// </summary>
public class SupercapPhysicsTests
{
    private const double Farads = 1.5;
    private const double MaxVolts = 5.4;
    private const double StepSeconds = 60;

    // Each step rounds E to ~1e-16 relative; a few operations per step, over N steps at most ~N * 1e-15 relative.
    private static double RoundingAllowance(int steps, double magnitude) => steps * 1e-15 * magnitude;

    [Fact]
    public void Advance_ChargesLinearlyInVoltage_WhenANegativeLoadIsAConstantCurrentSource()
    {
        // dE/dt = V I with E = C V^2 / 2 gives V(t) = V0 + I t / C.
        const double amps = 200e-6, v0 = 2.0;
        const int steps = 6 * 60; // 6 h
        var cap = new SupercapPhysics(Farads, MaxVolts, 0, 0, v0);

        // Midpoint in the energy domain under-shoots each step by (I dt)^3 / (8 C^2 V) J, i.e.
        // (I dt)^3 / (8 C^3 V^2) V; summed with the lowest V (V0) it bounds the whole run.
        double perStep = Math.Pow(amps * StepSeconds, 3) / (8 * Math.Pow(Farads, 3) * v0 * v0);
        for (int i = 1; i <= steps; i++)
        {
            cap.Advance(StepSeconds, 0, -amps, PowerPhase.Sleep);
            double expected = v0 + amps * i * StepSeconds / Farads;
            Assert.InRange(cap.Volts, expected - (i * perStep + RoundingAllowance(i, expected)), expected + RoundingAllowance(i, expected));
        }

        Assert.Equal(4.88, v0 + amps * steps * StepSeconds / Farads, 1e-12); // the run really spans most of the range
    }

    [Fact]
    public void Advance_AddsExactlyPTimesT_AtConstantHarvestPower()
    {
        // With no load and no leakage dE/dt = P is integrated exactly; only rounding remains.
        const double watts = 1e-3, v0 = 3.0;
        const int steps = 4 * 60; // 4 h: 6.75 J + 14.4 J stays below 21.87 J at 5.4 V
        var cap = new SupercapPhysics(Farads, MaxVolts, 0, 0, v0);
        double e0 = cap.StoredJoules;

        for (int i = 1; i <= steps; i++)
        {
            cap.Advance(StepSeconds, watts, 0, PowerPhase.Sleep);
            double expectedJoules = e0 + watts * i * StepSeconds;
            Assert.Equal(expectedJoules, cap.StoredJoules, RoundingAllowance(i, expectedJoules));
            Assert.Equal(Math.Sqrt(2 * expectedJoules / Farads), cap.Volts, RoundingAllowance(i, MaxVolts));
        }

        Assert.Equal(0, cap.ClampLossJoules);
        Assert.Equal(watts * steps * StepSeconds, cap.HarvestedJoules, 1e-12);
    }

    [Fact]
    public void Advance_DecaysExponentially_WhenLeakageIsOhmic()
    {
        // n = 1: I = I_max V / V_max is a resistor R = V_max / I_max, so V(t) = V0 exp(-t / RC).
        const double leakAtMax = 4e-6, v0 = 5.0;
        const int steps = 10 * 24 * 60; // 10 days
        double rc = MaxVolts / leakAtMax * Farads; // 2.0e6 s, ~23 days
        var cap = new SupercapPhysics(Farads, MaxVolts, leakAtMax, 1, v0);

        // In E the equation is dE/dt = -(2 / RC) E; the midpoint rule's factor 1 - h + h^2/2 differs from
        // exp(-h) by h^3/6 per step, h = 2 dt / RC. V = sqrt(2E/C) halves the relative error.
        double h = 2 * StepSeconds / rc;
        for (int i = 1; i <= steps; i++)
        {
            cap.Advance(StepSeconds, 0, 0, PowerPhase.Sleep);
            double expected = v0 * Math.Exp(-i * StepSeconds / rc);
            double tolerance = expected * (i * Math.Pow(h, 3) / 6 / 2) + RoundingAllowance(i, expected);
            Assert.Equal(expected, cap.Volts, tolerance);
        }

        Assert.InRange(cap.Volts, 3.2, 3.3); // 10 days really took a third off
        Assert.Equal(cap.InitialJoules - cap.StoredJoules, cap.LeakageJoules, 1e-9);
    }

    [Fact]
    public void Advance_DecaysLinearly_WhenLeakageCurrentIsConstant()
    {
        // n = 0: a constant current I_max drains V(t) = V0 - I_max t / C.
        const double leakAtMax = 4e-6, v0 = 5.0;
        const int steps = 10 * 24 * 60;
        var cap = new SupercapPhysics(Farads, MaxVolts, leakAtMax, 0, v0);
        double vEnd = v0 - leakAtMax * steps * StepSeconds / Farads; // 2.696 V

        // Same truncation error as constant-current charging, |(I dt)^3 / (8 C^3 V^2)| per step, worst at the lowest V.
        double perStep = Math.Pow(leakAtMax * StepSeconds, 3) / (8 * Math.Pow(Farads, 3) * vEnd * vEnd);
        for (int i = 1; i <= steps; i++)
        {
            cap.Advance(StepSeconds, 0, 0, PowerPhase.Sleep);
            double expected = v0 - leakAtMax * i * StepSeconds / Farads;
            Assert.Equal(expected, cap.Volts, i * perStep + RoundingAllowance(i, v0));
        }

        Assert.Equal(2.696, cap.Volts, 1e-9);
    }

    [Fact]
    public void Advance_HoldsAtMaxVoltage_AndBooksTheExcessAsClampLoss()
    {
        const double watts = 10e-3, v0 = 5.3;
        var cap = new SupercapPhysics(Farads, MaxVolts, 0, 0, v0);
        double e0 = cap.StoredJoules;

        for (int i = 0; i < 60; i++) cap.Advance(StepSeconds, watts, 0, PowerPhase.Sleep);

        double maxJoules = 0.5 * Farads * MaxVolts * MaxVolts; // 21.87 J
        Assert.Equal(MaxVolts, cap.Volts, 1e-12);
        Assert.Equal(maxJoules, cap.StoredJoules, 1e-12);
        Assert.Equal(e0 + watts * 3600 - maxJoules, cap.ClampLossJoules, 1e-9);
    }

    [Fact]
    public void Advance_LeaksAtTheMaxVoltage_WhileClamped()
    {
        // Held at V_max the leakage is exactly V_max I_max; the rest of the harvest is clamp loss.
        // (A midpoint voltage taken above V_max would overstate it by (V_mid / V_max)^(n+1).)
        const double watts = 10e-3, leakAtMax = 4e-6;
        var cap = new SupercapPhysics(Farads, MaxVolts, leakAtMax, 2, MaxVolts);

        for (int i = 0; i < 60; i++) cap.Advance(StepSeconds, watts, 0, PowerPhase.Sleep);

        Assert.Equal(MaxVolts, cap.Volts, 1e-12);
        Assert.Equal(MaxVolts * leakAtMax * 3600, cap.LeakageJoules, 1e-12);
        Assert.Equal(watts * 3600 - MaxVolts * leakAtMax * 3600, cap.ClampLossJoules, 1e-9);
    }

    [Fact]
    public void Advance_RunsDry_AndReturnsTheEnergyActuallyDelivered()
    {
        // 1 A from 3 V empties 1.5 F in 4.5 s (V = 3 - t / 1.5): a 60 s step delivers exactly the stored 6.75 J.
        var cap = new SupercapPhysics(Farads, MaxVolts, 0, 0, 3.0);

        double delivered = cap.Advance(StepSeconds, 0, 1.0, PowerPhase.WifiAssociate);

        Assert.Equal(6.75, delivered, 1e-12);
        Assert.Equal(0, cap.Volts);
        Assert.Equal(6.75, cap.LoadJoules, 1e-12);
        Assert.Equal(6.75, cap.LoadJoulesIn(PowerPhase.WifiAssociate), 1e-12);
        Assert.Equal(0, cap.EnergyBalanceErrorJoules, 1e-12);
    }

    [Fact]
    public void Advance_RunningDry_SharesStoreAndHarvestBetweenLoadAndLeakage()
    {
        const double harvestWatts = 1e-3;
        var cap = new SupercapPhysics(Farads, MaxVolts, 4e-6, 2, 3.0);

        double delivered = cap.Advance(StepSeconds, harvestWatts, 0.5, PowerPhase.Boot);

        Assert.Equal(0, cap.Volts);
        Assert.InRange(delivered, 6.0, 6.75 + harvestWatts * StepSeconds);
        Assert.Equal(6.75 + harvestWatts * StepSeconds, cap.LoadJoules + cap.LeakageJoules, 1e-12);
        Assert.Equal(0, cap.EnergyBalanceErrorJoules, 1e-12);
    }

    [Fact]
    public void Advance_DeliversNothing_FromAnEmptyStoreWithoutHarvest()
    {
        var cap = new SupercapPhysics(Farads, MaxVolts, 4e-6, 2, 0);

        Assert.Equal(0, cap.Advance(StepSeconds, 0, 0.1, PowerPhase.Compute));
        Assert.Equal(0, cap.Volts);
        Assert.Equal(0, cap.EnergyBalanceErrorJoules);
    }

    [Fact]
    public void EnergyBalance_HoldsToRounding_OverALongRandomSequence()
    {
        var rng = new Random(20240930);
        var cap = SupercapPhysics.FromProfile(HardwareProfile.Default(), 3.3);
        PowerPhase[] phases = Enum.GetValues<PowerPhase>();
        int dryRuns = 0;

        for (int i = 0; i < 200_000; i++)
        {
            double seconds = rng.Next(4) switch { 0 => rng.NextDouble() * 0.1, 1 => rng.NextDouble() * 2, _ => rng.NextDouble() * 600 };
            double harvest = rng.Next(3) == 0 ? 0 : rng.NextDouble() * 20e-3;
            double load = rng.Next(5) switch { 0 => 0, 1 => 15e-6, 2 => rng.NextDouble() * 0.3, 3 => -rng.NextDouble() * 1e-3, _ => rng.NextDouble() * 2 };
            cap.Advance(seconds, harvest, load, phases[rng.Next(phases.Length)]);
            if (cap.StoredJoules == 0) dryRuns++;
        }

        // Relative to the energy that flowed in (initial store + harvest): every term is a sum of the same
        // per-step figures, so only rounding of ~2e5 additions is left (~1e-11 relative).
        double throughput = cap.InitialJoules + cap.HarvestedJoules;
        Assert.InRange(Math.Abs(cap.EnergyBalanceErrorJoules), 0, 1e-9 * throughput);
        // The sequence exercised every branch: clamping, running dry, leakage and load.
        Assert.True(cap.ClampLossJoules > 0, "never clamped");
        Assert.True(dryRuns > 0, "never ran dry");
        Assert.True(cap.LeakageJoules > 0 && cap.LoadJoules > 0);
    }

    [Fact]
    public void LoadJoulesIn_SumsToLoadJoules_AndBooksEachStepToItsPhase()
    {
        var rng = new Random(7);
        var cap = SupercapPhysics.FromProfile(HardwareProfile.Default(), 4.0);
        PowerPhase[] phases = Enum.GetValues<PowerPhase>();
        var expected = new double[phases.Length];

        for (int i = 0; i < 10_000; i++)
        {
            PowerPhase phase = phases[rng.Next(phases.Length)];
            expected[(int)phase] += cap.Advance(rng.NextDouble() * 2, rng.NextDouble() * 1e-3, rng.NextDouble() * 0.13, phase);
        }

        Assert.Equal(cap.LoadJoules, phases.Sum(cap.LoadJoulesIn), 1e-12 * cap.LoadJoules);
        foreach (PowerPhase phase in phases)
        {
            Assert.True(cap.LoadJoulesIn(phase) > 0, phase + " got nothing");
            Assert.Equal(expected[(int)phase], cap.LoadJoulesIn(phase), 1e-12);
        }
    }

    [Fact]
    public void FromProfile_ConvertsTheDefaultFiguresToSiUnits()
    {
        var cap = SupercapPhysics.FromProfile(HardwareProfile.Default(), 9.0);

        Assert.Equal(5.4, cap.Volts, 1e-12); // initial voltage clamped to V_max
        Assert.Equal(21.87, cap.StoredJoules, 1e-12); // 1.5 F x 5.4^2 / 2
        Assert.Equal(4e-6, cap.LeakageAmps(5.4), 1e-18);
        Assert.Equal(4e-6 * Math.Pow(4.0 / 5.4, 2), cap.LeakageAmps(4.0), 1e-18); // n = 2
        Assert.Equal(15.12, cap.JoulesAt(5.4) - cap.JoulesAt(3.0), 1e-12); // usable above brown-out, docs/energy-model.md
    }
}
