using SensorNode.Core.Config;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;

namespace SensorNode.Simulation.Tests.Deployment;

public sealed class PushGateTests
{
    // A week of a synthetic office as the history the gate judges on, with the site's single darker stress copy.
    private static TrainingOptions History()
    {
        EnvironmentTrace week = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, 1_727_654_400, 7, seed: 3);
        var config = new NodeConfig();
        return new TrainingOptions
        {
            Environments = [week], Profile = HardwareProfile.Default(), Config = config, Service = ServiceTargets.FromConfig(config), Seed = 3,
            StressLightScales = [0.8],
        };
    }

    // Shortest interval, PIR always armed, transmitting at every wake: spends the most.
    private static PolicyTable Spender()
    {
        byte[] codes = new byte[StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++)
            codes[i] = PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = true, Transmit = true });
        return PolicyTable.FromActionCodes(1500, codes);
    }

    [Theory]
    [InlineData(true)]  // the current table is among the candidates: it is kept
    [InlineData(false)] // it is not: the gate falls back to it
    public void ATableThatBrownsOutMoreOnADarkerCopy_IsNotPushed_TheCurrentIsKept(bool currentIsCandidate)
    {
        TrainingOptions options = History();
        PolicyTable prior = PriorTable.Build();
        var candidates = new List<(string, PolicyTable)> { ("spender", Spender()) };
        if (currentIsCandidate) candidates.Add(("current", prior));

        var (chosen, all) = PushGate.Choose(candidates, prior, options);

        long[] spender = PushGate.Ladder(PushGate.Codes(Spender()), options), reference = PushGate.Ladder(PushGate.Codes(prior), options);
        Assert.Contains(spender.Zip(reference), p => p.First > p.Second); // the premise: the spender is less safe somewhere
        Assert.False(all[0].Eligible);
        Assert.Equal("current", chosen.Name);
        Assert.Equal(reference, chosen.LadderBrownouts);
        Assert.Same(prior, chosen.Table);
    }

    [Fact]
    public void TheChosenTable_NeverBrownsOutMoreThanTheReference_OnAnyRung()
    {
        TrainingOptions options = History();
        PolicyTable reference = PolicyTable.BuiltIn();
        var candidates = new List<(string, PolicyTable)>
        {
            ("spender", Spender()), ("prior", PriorTable.Build()), ("fixed-1h", PolicySpec.Fixed(PolicyTable.WakeIntervalCount - 2)), ("current", reference),
        };

        var (chosen, all) = PushGate.Choose(candidates, reference, options);

        long[] referenceLadder = PushGate.Ladder(PushGate.Codes(reference), options);
        Assert.All(chosen.LadderBrownouts.Zip(referenceLadder), p => Assert.True(p.First <= p.Second));
        Assert.All(all.Where(v => v.Eligible), v => Assert.All(v.LadderBrownouts.Zip(referenceLadder), p => Assert.True(p.First <= p.Second)));
        Assert.Equal(PushGate.SafetyLadder.Count, chosen.LadderBrownouts.Count);
        // Where the reference does not brown out on a rung, an eligible table keeps at least its lowest voltage there.
        PushGate.Verdict current = all.Single(v => v.Name == "current");
        foreach (PushGate.Verdict v in all.Where(v => v.Eligible))
        {
            for (int i = 0; i < referenceLadder.Length; i++)
                if (referenceLadder[i] == 0) Assert.True(v.LadderMinVolts[i] >= current.LadderMinVolts[i], $"{v.Name} rung {i}");
        }
    }

    [Fact]
    public void TheStrictGate_KeepsTheMargin_WhereOnlyTheColdStartBrownsOut()
    {
        TrainingOptions options = History();
        PolicyTable prior = PriorTable.Build();
        (string, PolicyTable)[] candidates = [("built-in", PolicyTable.BuiltIn())];

        var (_, loose) = PushGate.Choose(candidates, prior, options);
        var (chosen, strict) = PushGate.Choose(candidates, prior, options, strict: true);

        PushGate.Verdict reference = PushGate.Choose([("current", prior)], prior, options).Chosen;
        // The premise, on the history as reconstructed (rung 0): both tables brown out as often, only from the cold start,
        // and the built-in table runs the supercap lower from the normal start.
        Assert.True(reference.LadderBrownouts[0] > 0);
        Assert.Equal(reference.LadderBrownouts[0], loose[0].LadderBrownouts[0]);
        Assert.Equal(0, reference.LadderNormalStartBrownouts[0]);
        Assert.Equal(0, loose[0].LadderNormalStartBrownouts[0]);
        Assert.True(loose[0].LadderMinVolts[0] < reference.LadderMinVolts[0]);
        // The summed count hides the margin; the strict gate does not.
        Assert.True(loose[0].Eligible);
        Assert.False(strict[0].Eligible);
        Assert.Equal("current", chosen.Name);
        Assert.Same(prior, chosen.Table);
    }

    [Fact]
    public void TheStrictGate_PassesOnlyWhatTheGateAsLandedPasses_AndKeepsBothStartsAndTheMargin()
    {
        TrainingOptions options = History();
        PolicyTable reference = PriorTable.Build();
        var candidates = new List<(string, PolicyTable)>
        {
            ("spender", Spender()), ("built-in", PolicyTable.BuiltIn()), ("fixed-2h", PolicySpec.Fixed(PolicyTable.WakeIntervalCount - 1)),
            ("heuristic", PolicyTable.FromActionCodes(7, HeuristicPolicy.BuildActionCodes())), ("current", reference),
        };

        var (_, loose) = PushGate.Choose(candidates, reference, options);
        var (_, strict) = PushGate.Choose(candidates, reference, options, strict: true);

        PushGate.Verdict current = strict.Single(v => v.Name == "current");
        Assert.True(current.Eligible);
        for (int c = 0; c < strict.Count; c++)
        {
            if (!strict[c].Eligible) continue;
            Assert.True(loose[c].Eligible, strict[c].Name);
            for (int i = 0; i < PushGate.SafetyLadder.Count; i++)
            {
                long normal = strict[c].LadderNormalStartBrownouts[i], referenceNormal = current.LadderNormalStartBrownouts[i];
                Assert.True(normal <= referenceNormal, $"{strict[c].Name} rung {i}: normal start");
                Assert.True(strict[c].LadderBrownouts[i] - normal <= current.LadderBrownouts[i] - referenceNormal, $"{strict[c].Name} rung {i}: cold start");
                if (referenceNormal == 0 && strict[c].LadderBrownouts[i] == current.LadderBrownouts[i])
                    Assert.True(strict[c].LadderMinVolts[i] >= current.LadderMinVolts[i], $"{strict[c].Name} rung {i}: margin");
            }
        }
    }
}
