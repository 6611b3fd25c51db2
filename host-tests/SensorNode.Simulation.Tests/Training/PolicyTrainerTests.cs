using SensorNode.Core.Numerics;
using SensorNode.Core.Policy;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Simulator;
using SensorNode.Simulation.Training;
using SensorNode.Simulation.Tests.Environment;
using Xunit;

namespace SensorNode.Simulation.Tests.Training;

public class PolicyTrainerTests
{
    private static string Ff66 => SharedData.Ff66;

    private static TrainingOptions SmallRun(int seed) => new()
    {
        Environments = new[] { TraceReader.Read(Ff66).Slice(0, 4) },
        Profile = HardwareProfile.Default(),
        Seed = seed,
        Episodes = 4,
        SearchSweeps = 1,
        SearchStates = 6,
    };

    private static EnvironmentTrace[] ThreeOfficeDays() => new[]
    {
        SyntheticEnvironment.Generate(SyntheticProfileKind.Office, new DateTimeOffset(2024, 9, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), 3, 31),
    };

    [Fact]
    public void Evaluate_ScoresTheUtilityOfTheServiceTheOptionsAskFor()
    {
        var options = new TrainingOptions
        {
            Environments = ThreeOfficeDays(),
            Profile = HardwareProfile.Default(),
            Service = new Simulation.Simulator.ServiceTargets { WeightEvents = 0, WeightArrivals = 0, WeightTemperature = 1, WeightDeadTime = 0, WeightBrownout = 0 },
        };
        byte[] Codes(bool transmit) => Enumerable.Repeat(PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = 6, Transmit = transmit }), StateEncoder.StateCount).ToArray();

        TableScore sending = PolicyTrainer.Evaluate(Codes(true), options), silent = PolicyTrainer.Evaluate(Codes(false), options);

        Assert.Equal(0, silent.Utility);              // nothing reaches the broker: no interval covered
        Assert.True(sending.Utility > 0.5, $"hourly readings sent at once cover {sending.Utility:P0} of the hours");
    }

    [RequiresSharedDataFact]
    public void Train_GivesIdenticalBytes_ForTheSameSeed()
    {
        byte[] a = PolicyTrainer.Train(SmallRun(7)).Table.Serialize();
        byte[] b = PolicyTrainer.Train(SmallRun(7)).Table.Serialize();
        Assert.Equal(a, b);
    }

    [RequiresSharedDataFact]
    public void Train_KeepsTheSameTable_WithTheSearchShortcutsAsEvaluatingEveryTrialInFull() => SameTableWithAndWithoutShortcuts(priced: false);

    [RequiresSharedDataFact]
    public void Train_Priced_KeepsTheSameTable_WithTheSearchShortcutsAsEvaluatingEveryTrialInFull() => SameTableWithAndWithoutShortcuts(priced: true);

    private static void SameTableWithAndWithoutShortcuts(bool priced)
    {
        TrainingOptions Options(bool shortcuts) => new()
        {
            PricedRanking = priced,
            Environments = new[] { TraceReader.Read(Ff66).Slice(0, 4) },
            Profile = HardwareProfile.Default(),
            Seed = 3,
            Episodes = 4,
            SearchSweeps = 2,
            SearchStates = 16,
            SearchShortcuts = shortcuts,
        };

        TrainingResult fast = PolicyTrainer.Train(Options(true)), full = PolicyTrainer.Train(Options(false));

        Assert.Equal(full.Table.Serialize(), fast.Table.Serialize());
        Assert.Equal(full.Learned.Utility, fast.Learned.Utility);
        Assert.Equal(full.Learned.PricedUtility, fast.Learned.PricedUtility);
        Assert.Equal(full.Learned.Reward, fast.Learned.Reward);
        Assert.Equal(full.Rounds.Count, fast.Rounds.Count);
        Assert.True(fast.SimulatorRuns < full.SimulatorRuns, $"shortcuts ran {fast.SimulatorRuns} simulator runs, the full search {full.SimulatorRuns}");
        Assert.Equal(0, full.SearchRunsReused + full.SearchTrialsPruned);
    }

    [RequiresSharedDataFact]
    public void Train_KeepsATableThatNeverBrownsOut_OnItsTrainingTrace()
    {
        var options = SmallRun(1);
        TrainingResult result = PolicyTrainer.Train(options);
        Assert.True(result.Learned.Safe);
        byte[] codes = result.Table.Serialize()[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)];
        TableScore again = PolicyTrainer.Evaluate(codes, options);
        Assert.Equal(0, again.Brownouts);
        Assert.Equal(0, again.BrownoutsColdStart);
    }

    [RequiresSharedDataFact]
    public void Train_CapturesAtLeastTheHeuristicsEvents_WhenTheHeuristicIsSafe()
    {
        var options = SmallRun(1);
        TrainingResult result = PolicyTrainer.Train(options);
        // The expected case on this trace: the heuristic never browns out, so the learned table must match its events.
        Assert.Equal(0, result.Heuristic.Brownouts);
        Assert.True(result.Learned.EventsCaptured >= result.Heuristic.EventsCaptured,
            $"learned {result.Learned.EventsCaptured} events < heuristic {result.Heuristic.EventsCaptured}");
    }

    [Fact]
    public void Train_NeverEndsBelowTheBestFixedRuleTheTableCanExpress()
    {
        // Quarter-hour temperature coverage only: the prior, the heuristic and the 1 h / 2 h starts cannot cover it; a
        // shorter fixed interval (a grid start) can. No exploration or search: what is kept is the best start.
        var options = new TrainingOptions
        {
            Environments = ThreeOfficeDays(),
            Profile = HardwareProfile.Default(),
            Episodes = 0,
            SearchSweeps = 0,
            Service = new Simulation.Simulator.ServiceTargets { TemperatureIntervalSeconds = 900, WeightEvents = 0, WeightArrivals = 0, WeightTemperature = 1, WeightDeadTime = 0, WeightWatched = 0 },
        };

        TrainingResult result = PolicyTrainer.Train(options);

        TableScore[] grid = PolicyTrainer.GridStarts().Select(g => PolicyTrainer.Evaluate(g, options)).ToArray();
        Assert.Equal(32, grid.Length);
        Assert.DoesNotContain(grid, g => PolicyTrainer.Better(g, result.Learned));
        // Above every other start (the prior, the heuristic, fixed 1 h and 2 h, each also sending arrivals at once).
        var others = new List<byte[]> { PriorTable.BuildActionCodes(), HeuristicPolicy.BuildActionCodes() };
        foreach (int interval in new[] { PolicyTable.WakeIntervalCount - 2, PolicyTable.WakeIntervalCount - 1 })
            others.Add(PolicySpec.Fixed(interval).Serialize()[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)]);
        foreach (byte[] o in others.ToArray()) others.Add(PolicyTrainer.WithArrivalTransmit(o));
        double bestOther = others.Max(o =>
        {
            for (int s = 0; s < o.Length; s++) o[s] = (byte)TrainingActions.Restrict(s, o[s]);
            return PolicyTrainer.Evaluate(o, options).Utility;
        });
        Assert.True(result.Learned.Utility > bestOther + 0.03, $"kept {result.Learned.Utility:F3}, best other start {bestOther:F3}");
    }

    [Fact]
    public void Evaluate_CountsOnlyBrownoutsAboveLeastSpendingsInTheSameRun()
    {
        // No light at all: from every start the node browns out whatever it does, least-spending included.
        var dark = ThreeOfficeDays().Select(e => PolicyTrainer.ScaleLight(e, 0)).ToArray();
        var options = new TrainingOptions { Environments = dark, Profile = HardwareProfile.Default() };

        TableScore safe = PolicyTrainer.Evaluate(Enumerable.Repeat((byte)TrainingActions.SafeCode, StateEncoder.StateCount).ToArray(), options);

        Assert.True(safe.Brownouts + safe.BrownoutsColdStart > 0, "the dark trace browns out the frugal table");
        Assert.Equal(0, safe.ExcessBrownouts);          // no more than the floor: nothing a table could have done
        Assert.Equal(0, safe.ExcessBrownoutsStress);
        Assert.True(safe.Safe);
        Assert.All(PolicyTrainer.Scenarios(options), sc => Assert.True(sc.Floor > 0, $"{sc.Kind} {sc.StartVolts} V: floor {sc.Floor}"));
    }

    [Fact]
    public void Better_Priced_RanksByUtilityOverEveryRun_WhereBrownoutsFirstWouldNot()
    {
        // A table that serves every building but browns out once against one that is frugal everywhere (the fleet
        // default's collapse): brown-outs first keeps the frugal one; priced (fleet default) keeps the one that serves.
        var serving = new TableScore { ExcessBrownouts = 1, Utility = 2.5, PricedUtility = 2.2 };
        var frugal = new TableScore { ExcessBrownouts = 0, Utility = 0.7, PricedUtility = 0.7 };

        Assert.True(PolicyTrainer.Better(frugal, serving));
        Assert.True(PolicyTrainer.Better(serving, frugal, priced: true));
        Assert.False(PolicyTrainer.Better(frugal, serving, priced: true));
    }

    [Fact]
    public void Evaluate_PricedUtility_IsTheMeanUtilityOfEveryRunAgainstItsFloor()
    {
        var options = new TrainingOptions { Environments = ThreeOfficeDays(), Profile = HardwareProfile.Default() };
        byte[] codes = HeuristicPolicy.BuildActionCodes();

        TableScore score = PolicyTrainer.Evaluate(codes, options);

        var scenarios = PolicyTrainer.Scenarios(options);
        double expected = 0;
        for (int i = 0; i < scenarios.Length; i++) expected += ServiceMetrics.Utility(score.Runs[i].Metrics, scenarios[i].Floor, options.Service);
        Assert.Equal(expected / scenarios.Length, score.PricedUtility, 9);
        Assert.Equal(4, scenarios.Length);   // normal, cold start, 3.6 V start, light x0.8
    }

    [Fact]
    public void ExploringAgent_NeverExploresAtCriticalVoltage()
    {
        var agent = new ExploringAgent(HeuristicPolicy.BuildActionCodes(), epsilon: 1.0, seed: 3, RewardWeights.Default);
        for (int i = 0; i < 200; i++)
        {
            int critical = StateEncoder.Compose(0, i % 4, i % 4, i % 3, i % 3, i % 2);
            Assert.Equal(TrainingActions.SafeCode, PolicyTable.EncodeAction(agent.Decide(critical, new PolicyObservation())));
        }
    }

    [Fact]
    public void BuiltIn_IsTheTrainedTable_AndItsCrcMatchesItsBytes()
    {
        PolicyTable builtIn = PolicyTable.BuiltIn();
        byte[] data = builtIn.Serialize();
        // BuiltIn() falls back to the heuristic when the generated bytes fail their CRC: the version and the CRC
        // of the serialized table prove that the generated table itself was loaded.
        Assert.Equal(TrainedPolicyTable.Version, builtIn.Version);
        Assert.True(builtIn.IsBuiltIn);
        Assert.Equal(TrainedPolicyTable.Crc32, LittleEndian.ReadUInt32(data, data.Length - 4));
        Assert.NotEqual(HeuristicPolicy.Version, builtIn.Version);
    }

    [Fact]
    public void Export_SourceHoldsTheExactBytesAndCrc_AndTheBytesRoundTrip()
    {
        PolicyTable table = PolicyTable.FromActionCodes(123, HeuristicPolicy.BuildActionCodes());
        byte[] data = table.Serialize();
        string source = PolicyExport.GenerateSource(table, "test.bin");
        uint crc = LittleEndian.ReadUInt32(data, data.Length - 4);
        Assert.Contains($"public const uint Crc32 = 0x{crc:X8};", source);
        Assert.Contains("public const uint Version = 123;", source);
        Assert.DoesNotContain("List<", source);
        var bytes = System.Text.RegularExpressions.Regex.Matches(source, "0x([0-9A-F]{2}),").Select(m => Convert.ToByte(m.Groups[1].Value, 16)).ToArray();
        Assert.Equal(data[PolicyTable.HeaderLength..(PolicyTable.HeaderLength + StateEncoder.StateCount)], bytes);
        Assert.Equal(data, PolicyTable.FromActionCodes(123, bytes).Serialize());
    }

    [Fact]
    public void BuiltIn_RoundTripsThroughTryLoad()
    {
        // What the OTA path loads from flash is what BuiltIn() serializes, byte for byte.
        PolicyTable builtIn = PolicyTable.BuiltIn();
        byte[] data = builtIn.Serialize();
        Assert.True(PolicyTable.TryLoad(data, data.Length, out PolicyTable loaded, out PolicyLoadError error), error.ToString());
        Assert.Equal(data, loaded.Serialize());
    }

    [Fact]
    public void PolicyView_ShowsEachVoltageBlockAndTheActionsAndVisits()
    {
        var codes = new byte[StateEncoder.StateCount];
        codes[StateEncoder.Compose(2, 1, 0, 0, 0, 0)] = PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = 6, MotionWakeArmed = true, Transmit = true });
        var visits = new int[StateEncoder.StateCount];
        visits[StateEncoder.Compose(2, 1, 0, 0, 0, 0)] = 42;
        string text = PolicyView.Render(PolicyTable.FromActionCodes(5, codes), new[] { 15, 60, 300, 600, 900, 1800, 3600, 7200 }, visits);
        foreach (string v in PolicyView.VoltageNames) Assert.Contains("voltage " + v, text);
        Assert.Contains("3600s P T [42]", text);
        Assert.Contains("PIR armed in 1 of 1728 states, transmit in 1", text);
        Assert.Contains("1 states visited in training, 42 decisions", text);
    }

    [Fact]
    public void WithArrivalTransmit_TransmitsAtArrivalWakesFromGoodVoltage_AndChangesNothingElse()
    {
        // A start as the trainer uses it: restricted to the action set (hourly at high charge, where the prior sleeps 2 h).
        byte[] prior = PriorTable.BuildActionCodes();
        for (int s = 0; s < prior.Length; s++) prior[s] = (byte)TrainingActions.Restrict(s, prior[s]);
        byte[] withArrivals = PolicyTrainer.WithArrivalTransmit(prior);
        for (int s = 0; s < prior.Length; s++)
        {
            Assert.True(TrainingActions.Allowed(s, withArrivals[s]), $"state {s}");
            bool arrivalAndCharged = StateEncoder.ArrivalBinOf(s) == 1 && StateEncoder.VoltageBinOf(s) >= PolicyTrainer.ArrivalTransmitMinVoltageBin;
            if (!arrivalAndCharged)
            {
                Assert.Equal(prior[s], withArrivals[s]);
                continue;
            }
            PolicyAction before = PolicyTable.DecodeAction(prior[s]), after = PolicyTable.DecodeAction(withArrivals[s]);
            Assert.True(after.Transmit, $"state {s}");
            Assert.Equal(before.WakeIntervalIndex, after.WakeIntervalIndex);
            Assert.Equal(before.MotionWakeArmed, after.MotionWakeArmed);
        }
    }

    [Fact]
    public void Evaluate_ATableChangedOnlyInUndecidedStates_ScoresExactlyTheSame()
    {
        var options = new TrainingOptions { Environments = ThreeOfficeDays(), Profile = HardwareProfile.Default() };
        byte[] prior = PriorTable.BuildActionCodes();
        TableScore score = PolicyTrainer.Evaluate(prior, options);
        int decided = score.Decided.Count(d => d);
        Assert.InRange(decided, 1, StateEncoder.StateCount - 1);

        byte[] changed = (byte[])prior.Clone();
        byte[] changedDecided = (byte[])prior.Clone();
        byte other = PolicyTable.EncodeAction(new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = true, Transmit = true });
        for (int s = 0; s < changed.Length; s++)
            if (!score.Decided[s]) changed[s] = other; else changedDecided[s] = other;
        TableScore same = PolicyTrainer.Evaluate(changed, options), different = PolicyTrainer.Evaluate(changedDecided, options);

        Assert.Equal(score.Reward, same.Reward);
        Assert.Equal(score.Utility, same.Utility);
        Assert.Equal(score.Brownouts + score.BrownoutsColdStart + score.BrownoutsStress, same.Brownouts + same.BrownoutsColdStart + same.BrownoutsStress);
        Assert.Equal(score.Decided, same.Decided);
        Assert.NotEqual(score.Reward, different.Reward);   // the decided states do matter
    }
}
