using System.Text.Json;
using System.Text.RegularExpressions;
using SensorNode.Cli.Deployment;
using SensorNode.Core.Numerics;
using SensorNode.Core.Policy;
using SensorNode.Gateway;
using SensorNode.Simulation.Deployment;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Training;
using Xunit;

namespace SensorNode.Cli.Tests.Deployment;

/// <summary>One short deployment (2 weeks of a synthetic office, one weekly retrain of 2 episodes), shared by the tests.</summary>
public sealed class ShortDeployment : IDisposable
{
    public const int Seed = 5;
    public string Folder { get; } = Directory.CreateTempSubdirectory("sensornode-deployment-").FullName;
    public (int Code, string Out, string Err) Result { get; }

    public ShortDeployment() =>
        Result = CliRun.Dispatch("deployment", "--environment", "office", "--weeks", "2", "--episodes", "2", "--seed", Seed.ToString(), "--no-reference", "--out", Folder);

    /// <summary>A copy of the deployment's store (with its WAL) named <paramref name="name"/>: tests that write leave the original as the run left it.</summary>
    public string CopyOfTheStore(string name)
    {
        string db = Path.Combine(Folder, name);
        foreach (string suffix in new[] { "", "-wal" })
            if (File.Exists(Path.Combine(Folder, "gateway.db" + suffix))) File.Copy(Path.Combine(Folder, "gateway.db" + suffix), db + suffix, overwrite: true);
        return db;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed class DeploymentCommandTests(ShortDeployment run) : IClassFixture<ShortDeployment>
{
    private ReadingStore OpenStore() => ReadingStore.Open(Path.Combine(run.Folder, "gateway.db"));

    [Fact]
    public void WritesOneRowPerWeek_CountingTheBuildingsEvents()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        var rows = JsonSerializer.Deserialize<List<DeploymentWeek>>(File.ReadAllText(Path.Combine(run.Folder, "deployment.json")))!;
        EnvironmentTrace building = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, EnvironmentChoice.DefaultStartUnixSeconds, 14, ShortDeployment.Seed);

        Assert.Equal([1, 2], rows.Select(r => r.Week));
        for (int w = 0; w < 2; w++)
        {
            Assert.Equal(building.Slice(7 * w, 7 * w + 6).MotionEventUnixSeconds.Length, rows[w].EventsTotal);
            Assert.InRange(rows[w].EventsCaptured, 0, rows[w].EventsTotal);
            Assert.True(rows[w].OracleEvents > 0);
            // The oracle held to the fewest brown-outs: never more brown-outs, never more events, than the spend-down one.
            Assert.InRange(rows[w].SafeOracleEvents, 0, rows[w].OracleEvents);
            Assert.InRange(rows[w].SafeOracleBrownouts, 0, rows[w].OracleBrownouts);
            Assert.Equal(rows[w].SafeOracleEvents > 0 ? (double)rows[w].EventsCaptured / rows[w].SafeOracleEvents : 1, rows[w].CapturedOfSafeOracle, 9);
            Assert.Equal(Math.Max(0, rows[w].BrownoutsOnPushedTables - rows[w].BrownoutsReplacedTables), rows[w].BrownoutsCausedByPush);
        }
        Assert.Equal((0, 0), (rows[0].BrownoutsOnPushedTables, rows[0].BrownoutsReplacedTables)); // nothing pushed before day 7
        Assert.Equal(PriorTable.Version, rows[0].TableVersion); // week 1 runs the prior: the first retrain is on day 7
        Assert.True(File.Exists(Path.Combine(run.Folder, "deployment.png")));
    }

    [Fact]
    public void ThePushedTable_IsInForceAfterTheNodesAck_AndIsTheRetrainedFile()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        byte[] file = File.ReadAllBytes(Path.Combine(run.Folder, "policy-d07.bin"));
        using ReadingStore store = OpenStore();

        ReadingStore.PolicyPush push = Assert.Single(store.PolicyPushes("node-01"));
        Assert.Equal(ReadingStore.PolicyApplied, push.Outcome);
        ReadingStore.NodePolicy inForce = store.PolicyInForce("node-01")!;
        Assert.Equal((1007u, LittleEndian.ReadUInt32(file, file.Length - 4)), (inForce.TableVersion, inForce.TableCrc));
        Assert.Equal(push.SettledUnixMs, inForce.SinceUnixMs);
        Assert.Empty(store.PendingCommands("node-01")); // acked, so no longer released
        var rows = JsonSerializer.Deserialize<List<DeploymentWeek>>(File.ReadAllText(Path.Combine(run.Folder, "deployment.json")))!;
        Assert.Equal(1007u, rows[1].TableVersion);
        Assert.Equal($"0x{inForce.TableCrc:X8}", rows[1].TableCrc);
    }

    [Fact]
    public void TheRetrain_SeesOnlyWhatTheStoreHeldBeforeItsDay()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        Match line = Regex.Match(run.Result.Err, @"day 7: retrained on (\d+) stored readings \(PIR watched \d+ %, (\d+) events seen");
        Assert.True(line.Success, run.Result.Err);
        long day7 = EnvironmentChoice.DefaultStartUnixSeconds + 7 * 86_400;
        using ReadingStore store = OpenStore();
        // Taken before day 7 and already received then: readings the node still held in its log came later and were not seen.
        var before = store.Query("node-01", null, day7 - 1).Where(r => r.ReceivedUnixMs < day7 * 1000).ToList();

        Assert.Equal(before.Count, int.Parse(line.Groups[1].Value));
        Assert.Equal(before.Sum(r => r.MotionEvents ?? 0), int.Parse(line.Groups[2].Value));
        Assert.True(store.Query("node-01", day7, null).Count > 0); // the store went on filling after the retrain
    }

    // The deployment's start, day 7, and node-01's readings stored before day 7.
    private (long Start, long Day7, List<HistoryReading> Readings) FirstWeek()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        long start = EnvironmentChoice.DefaultStartUnixSeconds, day7 = start + 7 * 86_400;
        using ReadingStore store = OpenStore();
        return (start, day7, StoreTrainer.Load(store, "node-01", null, day7 - 1));
    }

    [Fact]
    public void TrainingForTheNodesOfOneRoom_RebuildsEachNodesHistory_AndGatesOneTableOnAll()
    {
        (long start, long day7, List<HistoryReading> readings) = FirstWeek();
        // A second node of the same room kind in a darker spot.
        List<HistoryReading> darker = readings.Select(r => r with { IlluminanceLux = r.IlluminanceLux * 0.5 }).ToList();

        StoreTraining trained = StoreTrainer.TrainRoom([("bright", readings), ("dark", darker)], start, day7, new Core.Config.NodeConfig(),
            Simulation.Physics.HardwareProfile.Default(), ShortDeployment.Seed, 2, 1);

        Assert.Equal([readings.Count, darker.Count], trained.Histories.Select(h => h.Readings));
        Assert.True(trained.Histories[1].Trace.IlluminanceLux.Sum(x => (double)x) < trained.Histories[0].Trace.IlluminanceLux.Sum(x => (double)x));
        PushGate.Verdict kept = trained.Verdicts.Single(v => v.Name == trained.Kept);
        Assert.True(kept.Eligible);
        // Scored on both histories: the normal-start runs count every event of each.
        Assert.Equal(trained.Histories.Sum(h => (long)h.Trace.MotionEventUnixSeconds.Length), kept.Score.EventsTotal);
    }

    [Fact]
    public void TrainingForAnRtcNode_OffersOnlyTablesOfLayout3()
    {
        // The prior and built-in candidates were layout 2 whatever the config: an RTC node refuses such a push.
        (long start, long day7, List<HistoryReading> readings) = FirstWeek();

        StoreTraining trained = StoreTrainer.Train(readings, "node-01", start, day7, new Core.Config.NodeConfig { RtcFitted = true },
            Simulation.Physics.HardwareProfile.Default(), ShortDeployment.Seed, 2, 1);

        Assert.Equal(["learned", "prior", "built-in"], trained.Verdicts.Select(v => v.Name));
        Assert.All(trained.Verdicts, v => Assert.Equal(Core.Policy.StateEncoder.RtcLayoutId, v.Table.LayoutId));
    }

    [Fact]
    public void TheStrictGate_ReachesTheStoreRetrain_AndPassesASubset()
    {
        (long start, long day7, List<HistoryReading> readings) = FirstWeek();
        var config = new Core.Config.NodeConfig();

        StoreTraining loose = StoreTrainer.Train(readings, "node-01", start, day7, config, Simulation.Physics.HardwareProfile.Default(), ShortDeployment.Seed, 2, 1);
        StoreTraining strict = StoreTrainer.Train(readings, "node-01", start, day7, config, Simulation.Physics.HardwareProfile.Default(), ShortDeployment.Seed, 2, 1,
            strictGate: true);

        Assert.Equal(loose.Verdicts.Select(v => (v.Name, v.Score.Utility)), strict.Verdicts.Select(v => (v.Name, v.Score.Utility)));
        Assert.All(strict.Verdicts.Zip(loose.Verdicts), p => Assert.True(!p.First.Eligible || p.Second.Eligible, p.First.Name));
        // This week the learned table browns out only from the cold start, as the prior does, but runs the supercap lower
        // from the normal start: the gate as landed pushes it, the strict one keeps the prior.
        PushGate.Verdict learned = strict.Verdicts.Single(v => v.Name == "learned"), prior = strict.Verdicts.Single(v => v.Name == "prior");
        Assert.Equal((prior.LadderBrownouts[0], 0L), (learned.LadderBrownouts[0], learned.LadderNormalStartBrownouts[0]));
        Assert.True(learned.LadderMinVolts[0] < prior.LadderMinVolts[0]);
        Assert.Equal(("learned", "prior"), (loose.Kept, strict.Kept));
    }

    [Fact]
    public void TrainFromTheStore_ThenPush_QueuesTheTableForTheNode()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        // A copy: the other tests read the deployment's store as the run left it.
        string db = run.CopyOfTheStore("copy.db");
        string table = Path.Combine(run.Folder, "store-policy.bin");

        var trained = CliRun.Dispatch("train", "--db", db, "--node", "node-01", "--days", "7", "--episodes", "2", "--out", table);
        Assert.True(trained.Code == CommandLine.Ok, trained.Err);
        // Gated against the table the node runs by the store (pushed on day 7), as the simulated deployment gates.
        Assert.Contains("no less safe than the table node-01 runs (version 1007", trained.Out);
        Assert.Contains("(2 episodes)", trained.Out);
        byte[] bytes = File.ReadAllBytes(table);
        Assert.True(PolicyTable.TryLoad(bytes, bytes.Length, out PolicyTable loaded, out _));

        var pushed = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", table);
        Assert.True(pushed.Code == CommandLine.Ok, pushed.Err);
        using ReadingStore store = ReadingStore.Open(db);
        Assert.Equal(loaded.Version, store.PolicyPushes("node-01")[^1].TableVersion);
        Assert.Contains("runs version 1007", pushed.Out);

        File.WriteAllBytes(table, bytes[..100]);
        var refused = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", table);
        Assert.Equal(CommandLine.Failed, refused.Code);
        Assert.Contains("not a valid policy table", refused.Err);
    }
}

/// <summary><c>train --db</c> on a store whose node runs a pushed table: the gate's reference and the "nothing to push" outcome.</summary>
public sealed class StoreTrainReferenceTests(ShortDeployment run) : IClassFixture<ShortDeployment>
{
    private string CopyOfTheStore(string name) => run.CopyOfTheStore(name);

    [Fact]
    public void WhenTheGateKeepsTheTableTheNodeRuns_NothingIsWritten()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        string db = CopyOfTheStore("kept.db"), table = Path.Combine(run.Folder, "kept.bin");
        // With the fixture's seeds the strict gate finds no candidate as safe as the day-7 table on the first week's history.
        var trained = CliRun.Dispatch("train", "--db", db, "--node", "node-01", "--days", "7", "--episodes", "2", "--strict-gate", "--out", table);
        Assert.True(trained.Code == CommandLine.Ok, trained.Err);
        Assert.Contains("kept the table node-01 runs (version 1007", trained.Out);
        Assert.Contains("nothing new to push", trained.Out);
        Assert.False(File.Exists(table));
    }

    [Fact]
    public void ASecondPush_ReplacesTheFirst_WhileItIsNotYetReleased()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        string db = CopyOfTheStore("twice.db"), table = Path.Combine(run.Folder, "policy-d07.bin");
        var first = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", table);
        var second = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", table);
        Assert.True(first.Code == CommandLine.Ok && second.Code == CommandLine.Ok, first.Err + second.Err);
        long firstId = long.Parse(Regex.Match(first.Out, @"queued command (\d+)").Groups[1].Value);
        Assert.Contains($"replaces command {firstId} (table version 1007), queued but not yet released to node-01", second.Out);
        using ReadingStore store = ReadingStore.Open(db);
        Assert.Single(store.PendingCommands("node-01"), c => c.Name == PolicyUpdate.CommandName);
    }

    [Fact]
    public void PolicyStatus_ShowsTheTableInForce_TheLastPush_AndWhatWaits()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        string db = CopyOfTheStore("status.db");
        var before = CliRun.Dispatch("policy", "status", "--db", db);
        Assert.True(before.Code == CommandLine.Ok, before.Err);
        // The deployment's node names its table in every message (SenML "policy"): the record and the report agree.
        Assert.Matches(@"node-01: runs version 1007 \(CRC-32 0x[0-9A-F]{8}, layout 2, command 1\) by its newest message\r?\n", before.Out);
        Assert.Contains("last push: command 1, version 1007, applied", before.Out);
        Assert.DoesNotContain("waiting:", before.Out);

        var pushed = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", Path.Combine(run.Folder, "policy-d07.bin"));
        Assert.Contains("note: node-01 already runs this table (version 1007", pushed.Err);
        var queued = CliRun.Dispatch("policy", "status", "--db", db, "--node", "node-01");
        Assert.Matches(@"waiting: command 2, version 1007 .*not released yet: .*last reported \d\.\d\d V", queued.Out);
        using (ReadingStore store = ReadingStore.Open(db)) store.MarkReleased(2, 1_700_000_000_000);
        var released = CliRun.Dispatch("policy", "status", "--db", db, "--node", "node-01");
        Assert.Contains("released 2023-11-14 22:13Z, waiting for the node's ack", released.Out);

        var unknown = CliRun.Dispatch("policy", "status", "--db", db, "--node", "node-77");
        Assert.Contains("node-77: runs its own table (no push acked as applied, and no table version reported)", unknown.Out);
    }

    [Fact]
    public void WithoutEpisodes_TheStoreRetrainRunsTheSiteRetrainsEight_AsTheDeploymentWasMeasured()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        string db = CopyOfTheStore("episodes.db");
        var trained = CliRun.Dispatch("train", "--db", db, "--node", "node-01", "--days", "7", "--out", Path.Combine(run.Folder, "episodes.bin"));
        Assert.True(trained.Code == CommandLine.Ok, trained.Err);
        Assert.Contains($"({StoreTrainer.SiteEpisodes} episodes)", trained.Out);
        Assert.Equal(8, StoreTrainer.SiteEpisodes);
    }

    [Theory]
    [InlineData(null, 0, 3)]   // days 0..2 whole; day 3 (the last reading's) in progress
    [InlineData(2, 1, 3)]      // the last two whole days
    public void TheWindow_EndsAtTheStartOfTheDayInProgress(int? days, int firstDay, int endDay)
    {
        const long day0 = 1_727_654_400; // a midnight
        HistoryReading At(long t) => new(t, 100, 21, 40, 0, 600, false);
        List<HistoryReading> readings = [At(day0 + 3600), At(day0 + 86_400 + 60), At(day0 + 2 * 86_400 + 7200), At(day0 + 3 * 86_400 + 3 * 3600)];
        Assert.Equal((day0 + firstDay * 86_400L, day0 + endDay * 86_400L), StoreTrainer.Window(readings, days));
    }

    [Fact]
    public void TheWindow_StartsAndEndsAtTheSitesMidnight()
    {
        const long day0 = 1_727_654_400; // a UTC midnight
        const int newYork = -5 * 3600;
        HistoryReading At(long t) => new(t, 100, 21, 40, 0, 600, false);
        // 03:00 UTC on day 1 is still day 0 in New York; the last reading, 06:00 UTC on day 3, is day 3 there (01:00).
        List<HistoryReading> readings = [At(day0 + 86_400 + 3 * 3600), At(day0 + 2 * 86_400), At(day0 + 3 * 86_400 + 6 * 3600)];
        Assert.Equal((day0 + 5 * 3600, day0 + 3 * 86_400 + 5 * 3600), StoreTrainer.Window(readings, null, newYork));
        Assert.Equal((day0 + 86_400, day0 + 3 * 86_400), StoreTrainer.Window(readings, null));
    }

    [Fact]
    public void AStoreOfOnlyTheDayInProgress_IsRefused_SayingWhenToRetrain()
    {
        const long day0 = 1_727_654_400;
        List<HistoryReading> readings = [new(day0 + 3600, 100, 21, 40, 0, 600, false), new(day0 + 7200, 100, 21, 40, 0, 600, false)];
        var e = Assert.Throws<ArgumentException>(() => StoreTrainer.Window(readings, null));
        Assert.Contains("no whole day before the day in progress", e.Message);
    }

    [Fact]
    public void ANodeRunningAnotherLayoutThanTheConfigTrains_IsRefusedWithTheFix()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        string db = CopyOfTheStore("layout.db"), config = Path.Combine(run.Folder, "rtc.config");
        File.WriteAllText(config, "[mqtt]\nnode_id = node-01\n[rtc]\naddress = 0x52\n");
        var trained = CliRun.Dispatch("train", "--db", db, "--node", "node-01", "--days", "7", "--episodes", "2", "--config", config, "--out", Path.Combine(run.Folder, "rtc.bin"));
        Assert.Equal(CommandLine.Failed, trained.Code);
        Assert.Contains("node-01 runs a table of layout 2 and this configuration trains layout 3", trained.Err);
        Assert.Contains("without [rtc]", trained.Err);
    }

    [Fact]
    public void TheTableInForce_IsReadBackFromTheStore_AsItWasPushed()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        using ReadingStore store = ReadingStore.Open(CopyOfTheStore("read.db"));
        Assert.True(StoreTrainCommand.TryTableInForce(store, ["node-01"], StateEncoder.LayoutId, out PolicyTable? current, out string reference, out _, out IReadOnlyList<string> agreeing));
        Assert.Equal(File.ReadAllBytes(Path.Combine(run.Folder, "policy-d07.bin")), current!.Serialize());
        Assert.StartsWith("the table node-01 runs (version 1007, CRC-32 0x", reference);
        Assert.Empty(agreeing);
        // A node with no push recorded: the prior is the reference.
        Assert.True(StoreTrainCommand.TryTableInForce(store, ["node-99"], StateEncoder.LayoutId, out PolicyTable? none, out string prior, out _, out _));
        Assert.Null(none);
        Assert.StartsWith("the prior (no pushed table", prior);
        // Nodes of one room on different tables: the prior again, and which runs what.
        Assert.True(StoreTrainCommand.TryTableInForce(store, ["node-01", "node-99"], StateEncoder.LayoutId, out PolicyTable? mixed, out string differ, out _, out _));
        Assert.Null(mixed);
        Assert.Contains("node-01 version 1007, node-99 its own", differ);
    }

    // The node's next message, naming table `version` as the one that decided its wake (what a node sends after nanoff
    // rewrote its flash: no ack says so).
    private static void Reports(ReadingStore store, string node, uint version)
    {
        StoredReading newest = store.Query(node).MaxBy(r => r.Sequence)!;
        long at = newest.UnixSeconds!.Value + 600;
        byte[] payload = SenmlPacks.Encode(node, newest.Sequence + 1, 1, at, policyVersion: version);
        Assert.True(SenmlDecoder.TryDecode($"sensornode/{node}/state", payload, "sensornode", at, out DecodedPack? pack, out string reason), reason);
        store.Store(pack!, at * 1000);
    }

    [Fact]
    public void ANodeThatReportsItsBuiltInTable_AfterItsAck_IsGatedAgainstThat_AndTheStaleRecordIsNamed()
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        string db = CopyOfTheStore("erased.db");
        uint builtIn = PolicyTable.BuiltInFor(StateEncoder.LayoutId).Version;
        using (ReadingStore store = ReadingStore.Open(db))
        {
            Reports(store, "node-01", builtIn);
            Assert.True(StoreTrainCommand.TryTableInForce(store, ["node-01"], StateEncoder.LayoutId, out PolicyTable? current, out string reference, out _, out var notes));
            Assert.Equal(PolicyTable.BuiltInFor(StateEncoder.LayoutId).Serialize(), current!.Serialize());
            Assert.StartsWith($"the table node-01 runs (version {builtIn} (built-in), CRC-32 0x", reference);
            Assert.Contains("its last ack applied version 1007", Assert.Single(notes));
        }
        var status = CliRun.Dispatch("policy", "status", "--db", db, "--node", "node-01");
        Assert.Contains($"node-01: runs its built-in table, version {builtIn} (no table in flash, or one it refused) by its newest message; its last ack applied version 1007", status.Out);
        var trained = CliRun.Dispatch("train", "--db", db, "--node", "node-01", "--days", "7", "--episodes", "2", "--out", Path.Combine(run.Folder, "erased.bin"));
        Assert.True(trained.Code == CommandLine.Ok, trained.Err);
        Assert.Contains("note: node-01 runs its built-in table", trained.Out);
        Assert.Contains($"no less safe than the table node-01 runs (version {builtIn} (built-in)", trained.Out);
        // Pushing the acked table again is no longer "already running": the node lost it.
        var pushed = CliRun.Dispatch("policy", "push", "--db", db, "--node", "node-01", "--policy", Path.Combine(run.Folder, "policy-d07.bin"));
        Assert.True(pushed.Code == CommandLine.Ok, pushed.Err);
        Assert.DoesNotContain("already runs", pushed.Err);
        Assert.Contains("until it acks this one, node-01 runs its built-in table", pushed.Out);
    }

    [Theory]
    [InlineData(PriorTable.Version, "the prior (node-01 reports running it, version 99)")]
    [InlineData(4242u, "the prior (node-01 runs a table the store cannot name, version 4242 (neither a push in this store nor a table of the firmware) by its newest message; its last ack applied version 1007")]
    public void ANodeThatReportsThePrior_OrATableNobodyHas_IsGatedAgainstThePrior(uint version, string expected)
    {
        Assert.True(run.Result.Code == CommandLine.Ok, run.Result.Err);
        using ReadingStore store = ReadingStore.Open(CopyOfTheStore($"reports-{version}.db"));
        Reports(store, "node-01", version);
        Assert.True(StoreTrainCommand.TryTableInForce(store, ["node-01"], StateEncoder.LayoutId, out PolicyTable? current, out string reference, out _, out _));
        Assert.Null(current);
        Assert.StartsWith(expected, reference);
    }
}

/// <summary>The reference tables trained on the full, uncensored trace: one per trainer seed, their median reported.</summary>
public sealed class DeploymentReferenceTests
{
    [Fact]
    public void SeveralTrainerSeeds_GiveTheMedianAndTheRange_FromWeekTwo()
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-deployment-ref-").FullName;
        try
        {
            var (code, _, err) = CliRun.Dispatch("deployment", "--environment", "office", "--weeks", "2", "--episodes", "1", "--seed", "5",
                "--reference-seeds", "3", "--quiet", "--out", folder);

            Assert.True(code == CommandLine.Ok, err);
            var rows = JsonSerializer.Deserialize<List<DeploymentWeek>>(File.ReadAllText(Path.Combine(folder, "deployment.json")))!;
            Assert.Equal((0, null, null, null), (rows[0].UncensoredSeeds, rows[0].UncensoredUtility, rows[0].UncensoredUtilityMin, rows[0].UncensoredUtilityMax));
            Assert.Equal(3, rows[1].UncensoredSeeds);
            Assert.InRange(rows[1].UncensoredUtility!.Value, rows[1].UncensoredUtilityMin!.Value, rows[1].UncensoredUtilityMax!.Value);
            Assert.Equal((null, null), (rows[0].UncensoredBrownouts, rows[0].UncensoredBrownoutsMax));
            Assert.InRange(rows[1].UncensoredBrownouts!.Value, 0, rows[1].UncensoredBrownoutsMax!.Value);
            // The first seed's table is the single reference a default run reports.
            var single = CliRun.Dispatch("deployment", "--environment", "office", "--weeks", "2", "--episodes", "1", "--seed", "5", "--quiet", "--out", Path.Combine(folder, "one"));
            Assert.True(single.Code == CommandLine.Ok, single.Err);
            var one = JsonSerializer.Deserialize<List<DeploymentWeek>>(File.ReadAllText(Path.Combine(folder, "one", "deployment.json")))!;
            Assert.Equal(1, one[1].UncensoredSeeds);
            Assert.Equal(one[1].UncensoredUtility, one[1].UncensoredUtilityMin);
            Assert.Equal(one[1].UncensoredUtility, one[1].UncensoredUtilityMax);
            Assert.Equal(one[1].UncensoredBrownouts, (double?)one[1].UncensoredBrownoutsMax);
            Assert.InRange(one[1].UncensoredUtility!.Value, rows[1].UncensoredUtilityMin!.Value, rows[1].UncensoredUtilityMax!.Value);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

/// <summary>A deployment of a node with the event RTC (<c>[rtc]</c>, policy layout 3).</summary>
public sealed class RtcDeploymentTests
{
    [Fact]
    public void AnRtcNode_StartsOnTheLayout3Prior_AndRunsIt()
    {
        // The node was given the layout-2 prior, refused it and ran its built-in table, while the report said v99.
        string dir = Directory.CreateTempSubdirectory("sensornode-deployment-rtc-").FullName;
        try
        {
            string config = Path.Combine(dir, "rtc.config"), outDir = Path.Combine(dir, "out");
            File.WriteAllText(config, "[mqtt]\nnode_id = rtc-01\n[rtc]\naddress = 0x52\n");

            var (code, output, error) = CliRun.Dispatch("deployment", "--environment", "office", "--weeks", "1", "--episodes", "1", "--seed", "5",
                "--no-reference", "--config", config, "--out", outDir, "--quiet");

            Assert.True(code == CommandLine.Ok, error);
            var rows = JsonSerializer.Deserialize<List<DeploymentWeek>>(File.ReadAllText(Path.Combine(outDir, "deployment.json")))!;
            Assert.Equal(PriorTable.RtcVersion, Assert.Single(rows).TableVersion);
            Assert.Contains($"| v{PriorTable.RtcVersion} ", output);

            // What the node's wakes decided with: the prior of layout 3 from the first wake on, never the built-in table.
            EnvironmentTrace building = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, EnvironmentChoice.DefaultStartUnixSeconds, 7, 5);
            using ReadingStore store = ReadingStore.Open(Path.Combine(dir, "again.db"));
            DeploymentOutcome outcome = DeploymentCommand.Simulate(building, store, new Core.Config.NodeConfig { NodeId = "rtc-01", RtcFitted = true },
                Simulation.Physics.HardwareProfile.Default(), 5, 1, 7, null, null);
            Assert.Equal([PriorTable.RtcVersion], outcome.VersionsRun.Select(r => r.Version));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
