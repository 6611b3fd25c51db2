using System.Text;
using SensorNode.Core.Storage;

namespace SensorNode.Gateway.Tests.Storage;

public sealed class ReadingStoreTests
{
    private const long Received = WriterPacks.BaseTime * 1000 + 123;
    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Store_KeepsEveryDecodedValue(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        Reading unknown = WriterPacks.Full(3, 0);
        unknown.Faults = ReadingFaults.TimeUnknown | ReadingFaults.Climate;
        DecodedPack pack = WriterPacks.Decode(WriterPacks.Encode(WriterPacks.Full(2, WriterPacks.BaseTime), unknown));
        using ReadingStore store = db.Open();

        Assert.Equal(new StoreResult(2, 0), store.Store(pack, Received));

        Assert.Equal(
        [
            new StoredReading("node-01", 2, WriterPacks.BaseTime, 21.53, 45.67, 123.45, 4.123, 3, Received),
            new StoredReading("node-01", 3, null, null, null, 123.45, 4.123, 3, Received),
        ], store.Query());
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Store_KeepsTheEventRtcsMotionAges_AndNullWhereTheNodeSentNone(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        Reading stamped = WriterPacks.Full(2, WriterPacks.BaseTime);
        stamped.MotionEvents = 3;
        stamped.FirstMotionAgeSeconds = 600;
        stamped.LastMotionAgeSeconds = 120;
        DecodedPack pack = WriterPacks.Decode(WriterPacks.Encode(stamped, WriterPacks.Full(3, WriterPacks.BaseTime + 60)));
        using ReadingStore store = db.Open();

        store.Store(pack, Received);

        IReadOnlyList<StoredReading> rows = store.Query();
        Assert.Equal((600, 120), (rows[0].FirstMotionAgeSeconds, rows[0].LastMotionAgeSeconds));
        Assert.Null(rows[1].FirstMotionAgeSeconds);
        Assert.Null(rows[1].LastMotionAgeSeconds);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Store_IgnoresADuplicatePack(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        DecodedPack pack = WriterPacks.Pack(1, 4);
        using ReadingStore store = db.Open();

        store.Store(pack, Received);
        StoreResult again = store.Store(pack, Received + 5000);

        Assert.Equal(new StoreResult(0, 4), again);
        Assert.Equal(4, store.ReadingCount());
        Assert.All(store.Query(), r => Assert.Equal(Received, r.ReceivedUnixMs));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM energy"));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void StoreBatch_StoresOverlappingPacksOnce_AcrossAndWithinBatches(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();

        StoreResult first = store.StoreBatch([(WriterPacks.Pack(1, 5), Received)]);
        StoreResult second = store.StoreBatch([(WriterPacks.Pack(4, 5), Received), (WriterPacks.Pack(8, 3), Received)]);

        Assert.Equal(new StoreResult(5, 0), first);
        Assert.Equal(new StoreResult(5, 3), second);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (uint)i), store.Query().Select(r => r.Sequence));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void TwoStoresOnOneFile_StoreEachReadingOnce_WhenInsertingTheSamePacksConcurrently(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        // Two gateways behind one broker may both receive a redelivered message: the file decides. A seq means the same
        // reading in every pack (its time follows from the seq), as on a node; a seq with other content at a later time
        // would be a reuse after erased storage (SeqReuseTests), which is counted as inserted.
        static Reading At(uint seq) => WriterPacks.Full(seq, WriterPacks.BaseTime - 600L * (1000 - seq));
        List<DecodedPack> packs = Enumerable.Range(0, 200)
            .Select(i => WriterPacks.Decode(WriterPacks.Encode(Enumerable.Range(1 + i * 3, 5).Select(seq => At((uint)seq)).ToArray()))).ToList();
        using ReadingStore storeA = db.Open();
        using ReadingStore storeB = db.Open();
        var results = new StoreResult[2];

        Parallel.Invoke(
            () => results[0] = Sum(packs.Select(p => storeA.Store(p, Received))),
            () => results[1] = Sum(packs.AsEnumerable().Reverse().Chunk(7).Select(chunk => storeB.StoreBatch(chunk.Select(p => (p, Received)).ToList()))));

        const int distinct = 200 * 3 + 2; // packs overlap by two readings
        Assert.Equal(distinct, storeA.ReadingCount());
        Assert.Equal(distinct, results[0].Inserted + results[1].Inserted);
        Assert.Equal(2 * 200 * 5 - distinct, results[0].Duplicates + results[1].Duplicates);
        Assert.Equal(200, db.Scalar("SELECT count(*) FROM energy"));
    }

    [Fact]
    public void Open_CreatesTheSchemaOnce_InWalMode()
    {
        using var db = new TempDatabase();
        using (ReadingStore store = db.Open())
        {
            store.Store(WriterPacks.Pack(1, 2), Received);
        }
        using ReadingStore reopened = db.Open();

        Assert.Equal(2, reopened.ReadingCount());
        Assert.Equal(StoreSchema.Version, db.Scalar("PRAGMA user_version"));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"));
    }

    [Fact]
    public void TryOpen_AFileInAMissingFolder_OrAFolder_SaysWhich_AndCreatesNothing()
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-gateway-").FullName;
        try
        {
            string missing = Path.Combine(folder, "nofolder", "gateway.db");

            Assert.False(ReadingStore.TryOpen(missing, out _, out string inMissing));
            Assert.False(ReadingStore.TryOpen(folder, out _, out string isFolder));

            Assert.Equal($"database {missing}: the folder {Path.Combine(folder, "nofolder")} does not exist", inMissing);
            Assert.Equal($"database {folder}: a folder, not a SQLite file", isFolder);
            Assert.False(ReadingStore.IsMissingFile(folder)); // a folder is not "not found": opening it says what it is
            Assert.False(Directory.Exists(Path.Combine(folder, "nofolder")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Open_AcceptsAConnectionString()
    {
        using var db = new TempDatabase();
        using ReadingStore store = ReadingStore.Open("Data Source=gateway-test;Mode=Memory;Cache=Shared");

        store.Store(WriterPacks.Pack(1, 3), Received);

        Assert.Equal(3, store.ReadingCount());
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Store_UpdatesTheNode_WithoutRollingBackForOldRedeliveries(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        Reading newer = WriterPacks.Full(9, WriterPacks.BaseTime);
        newer.SupercapMillivolts = 3900;
        var lowEnergy = WriterPacks.Energy with { StoredMicrojoules = 1_000_000, DroppedReadings = 7 };

        store.Store(WriterPacks.Decode(WriterPacks.Encode("node-01", lowEnergy, newer)), Received);
        store.Store(WriterPacks.Pack(1, 3), Received + 1000); // an old message redelivered later

        NodeStatus node = store.GetNode("node-01")!;
        Assert.Equal(new NodeStatus("node-01", null, Received + 1000, null, null, 3.9, 1.0, 7), node);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Store_KeepsTheTableVersionOfTheNewestPack_NotOfARedelivery_NorForgetsItOnAnOlderFirmwaresPack(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        DecodedPack Pack(uint seq, uint version) => WriterPacks.Decode(WriterPacks.Encode("node-01", WriterPacks.Energy with { PolicyVersion = version },
            WriterPacks.Full(seq, WriterPacks.BaseTime - 600L * (10 - seq))));
        // (Each result also says whose table changed: the gateway logs it.)

        Assert.Equal([new PolicyChange("node-01", null, 10_200)], store.Store(Pack(5, 10_200), Received).PolicyChanges);
        Assert.Equal(10_200u, store.GetNode("node-01")!.PolicyVersion);
        Assert.Empty(store.Store(Pack(4, 99), Received + 1).PolicyChanges);   // an older message redelivered: the node has moved on
        Assert.Empty(store.Store(Pack(6, 0), Received + 2).PolicyChanges);    // no "policy" record: nothing said, nothing forgotten
        Assert.Empty(store.Store(Pack(7, 10_200), Received + 3).PolicyChanges);
        Assert.Equal(10_200u, store.GetNode("node-01")!.PolicyVersion);
        // Flash erased: the built-in table decides.
        Assert.Equal([new PolicyChange("node-01", 10_200, 101)], store.Store(Pack(8, 101), Received + 4).PolicyChanges);
        Assert.Equal(101u, store.GetNode("node-01")!.PolicyVersion);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void StoreBatch_LeavesTheNodesAsStoringEachPackInOrderDoes(string kind)
    {
        // The batch folds its voltage and energy updates to one a node: out-of-order seqs, a tie (the later pack wins), a
        // stored seq newer than the whole batch, and a pack without readings (always the newest word on energy) must end
        // as the packs applied one by one.
        DecodedPack energyOnly = WriterPacks.Decode(WriterPacks.Encode("node-01", WriterPacks.Energy with { StoredMicrojoules = 9_000_000, DroppedReadings = 11 }));
        static DecodedPack Volts(string node, uint seq, int millivolts)
        {
            Reading r = WriterPacks.Full(seq, WriterPacks.BaseTime - 600L * (10 - seq));
            r.SupercapMillivolts = millivolts;
            return WriterPacks.Decode(WriterPacks.Encode(node, WriterPacks.Energy with { StoredMicrojoules = 1_000_000u * seq, PolicyVersion = 100 + seq }, r), $"sensornode/{node}/state");
        }
        (DecodedPack, long)[] batch =
        [
            (Volts("node-01", 5, 4000), Received), (Volts("node-02", 3, 3500), Received + 1), (Volts("node-01", 7, 4100), Received + 2),
            (Volts("node-01", 7, 4200), Received + 3), (Volts("node-02", 2, 3600), Received + 4), (Volts("node-01", 6, 3000), Received + 5),
            (energyOnly, Received + 6), (Volts("node-01", 4, 3100), Received + 7),
        ];
        using StoreBackend oneByOne = StoreBackend.Create(kind);
        using StoreBackend together = StoreBackend.Create(kind);
        using ReadingStore a = oneByOne.Open();
        using ReadingStore b = together.Open();
        foreach (ReadingStore store in new[] { a, b }) store.Store(Volts("node-02", 4, 3333), Received - 1);

        foreach ((DecodedPack pack, long received) in batch) a.Store(pack, received);
        b.StoreBatch(batch);

        Assert.Equal(a.Nodes(), b.Nodes());
        Assert.Equal((4.2, 3.333), (b.GetNode("node-01")!.LastSupercapVolts, b.GetNode("node-02")!.LastSupercapVolts));
        Assert.Equal((9.0, 4.0), (b.GetNode("node-01")!.LastStoredJoules, b.GetNode("node-02")!.LastStoredJoules));
        Assert.Equal(((uint?)107, (uint?)104), (b.GetNode("node-01")!.PolicyVersion, b.GetNode("node-02")!.PolicyVersion));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Store_KeepsTheNewestVoltage_OfAPack(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        Reading noVolts = WriterPacks.Full(6, WriterPacks.BaseTime);
        noVolts.Faults = ReadingFaults.Supercap;
        Reading volts = WriterPacks.Full(5, WriterPacks.BaseTime - 600);
        volts.SupercapMillivolts = 4444;
        using ReadingStore store = db.Open();

        store.Store(WriterPacks.Decode(WriterPacks.Encode(volts, noVolts)), Received);

        Assert.Equal(4.444, store.GetNode("node-01")!.LastSupercapVolts);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void DeadLetter_KeepsReasonAndTruncatedPayload_ForArbitraryBytes(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        byte[] invalidUtf8 = [0xFF, 0xFE, 0xC3, 0x28, 0x00, 0x80];
        byte[] megabyte = new byte[1 << 20];
        new Random(7).NextBytes(megabyte);
        using ReadingStore store = db.Open();

        store.DeadLetter("sensornode/node-01/state", invalidUtf8, "payload is not valid UTF-8", Received);
        store.DeadLetter("sensornode/\u00e9/state", megabyte, "payload of 1048576 bytes exceeds 65536\nsecond line", Received + 1);

        Assert.Equal(2, store.DeadLetterCount());
        Assert.Equal(
        [
            ("sensornode/\u00e9/state", "payload of 1048576 bytes exceeds 65536 second line", Received + 1, 1 << 20),
            ("sensornode/node-01/state", "payload is not valid UTF-8", Received, 6),
        ], store.DeadLetters());
        IReadOnlyList<byte[]> kept = store.DeadLetterPayloads();
        Assert.Equal(megabyte.AsSpan(0, ReadingStore.MaxDeadLetterPayloadBytes).ToArray(), kept[0]);
        Assert.Equal(invalidUtf8, kept[1]);
        Assert.Single(store.DeadLetters(limit: 1));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void DeadLetter_StoresAnEmptyPayload(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();

        store.DeadLetter("", ReadOnlySpan<byte>.Empty, "empty SenML pack", Received);

        Assert.Equal(0, store.DeadLetters().Single().PayloadLength);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void UpdateAvailability_SetsStateAndNextWake(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();

        store.UpdateAvailability("node-01", AvailabilityState.Sleeping, 600, Received);
        NodeStatus sleeping = store.GetNode("node-01")!;
        store.UpdateAvailability("node-01", AvailabilityState.Online, 0, Received + 700_000);
        NodeStatus online = store.GetNode("node-01")!;
        store.UpdateAvailability("node-01", AvailabilityState.Lost, 0, Received + 701_000);
        NodeStatus lost = store.GetNode("node-01")!;

        Assert.Equal(("sleeping", WriterPacks.BaseTime + 600, Received), (sleeping.Availability, sleeping.NextWakeUnixSeconds, sleeping.LastSeenUnixMs));
        Assert.Equal(("online", (long?)null, Received + 700_000), (online.Availability, online.NextWakeUnixSeconds, online.LastSeenUnixMs));
        Assert.Equal("lost", lost.Availability);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void SetRoom_AssignsAndClearsTheRoom_AndNodesAreSorted(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();

        store.SetRoom("node-02", "Kitchen");
        store.Store(WriterPacks.Pack(1, 1), Received);
        store.SetRoom("node-01", "Office");
        store.SetRoom("node-02", "");

        Assert.Null(store.GetNode("node-03"));
        Assert.Equal([("node-01", "Office", Received), ("node-02", (string?)null, 0L)],
            store.Nodes().Select(n => (n.NodeId, n.Room, n.LastSeenUnixMs)));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Commands_AreQueuedReleasedAndAcknowledged(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        long first = store.EnqueueCommand("node-01", "sleep", Encoding.ASCII.GetBytes("600"), 1000);
        long second = store.EnqueueCommand("node-01", "reset", [], 2000);
        store.EnqueueCommand("node-02", "sleep", [1], 3000);

        store.MarkReleased(first, 4000);
        IReadOnlyList<QueuedCommand> released = store.PendingCommands("node-01");
        store.MarkAcknowledged(first, 5000);
        store.MarkAcknowledged(first, 6000);
        store.MarkAcknowledged(999, 6000);

        Assert.True(second > first);
        Assert.Equal([first, second], released.Select(c => c.Id));
        Assert.Equal(("sleep", "600", 1000L, (long?)4000, (long?)null),
            (released[0].Name, Encoding.ASCII.GetString(released[0].Payload), released[0].CreatedUnixMs, released[0].ReleasedUnixMs, released[0].AcknowledgedUnixMs));
        Assert.Null(released[1].ReleasedUnixMs);
        Assert.Equal([second], store.PendingCommands("node-01").Select(c => c.Id));
        Assert.Equal(5000, db.Scalar($"SELECT acknowledged_ms FROM commands WHERE id = {first}"));
        Assert.Single(store.PendingCommands("node-02"));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Query_FiltersByNodeTimeWindowAndLimit(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        Reading unknown = WriterPacks.Full(50, 0);
        unknown.Faults = ReadingFaults.TimeUnknown;
        using ReadingStore store = db.Open();
        store.Store(WriterPacks.Pack(1, 5), Received); // seq 1..5 at BaseTime-2400 .. BaseTime
        store.Store(WriterPacks.Decode(WriterPacks.Encode(unknown)), Received);
        store.Store(WriterPacks.Decode(WriterPacks.Encode("node-02", WriterPacks.Energy, WriterPacks.Series(1, 2)), "sensornode/node-02/state"), Received);

        Assert.Equal(8, store.Query().Count);
        Assert.Equal(6, store.Query(nodeId: "node-01").Count);
        Assert.Equal([2u, 3u, 4u], store.Query("node-01", WriterPacks.BaseTime - 1800, WriterPacks.BaseTime - 600).Select(r => r.Sequence));
        Assert.Equal([4u, 5u], store.Query("node-01", fromUnixSeconds: WriterPacks.BaseTime - 600).Select(r => r.Sequence));
        Assert.Equal(["node-01", "node-01", "node-01", "node-01", "node-02"], store.Query(toUnixSeconds: WriterPacks.BaseTime - 600).Select(r => r.NodeId));
        Assert.Equal([1u, 2u], store.Query("node-01", limit: 2).Select(r => r.Sequence));
        Assert.Empty(store.Query("node-03"));
    }

    private static StoreResult Sum(IEnumerable<StoreResult> results) =>
        results.Aggregate(new StoreResult(0, 0), (a, b) => new StoreResult(a.Inserted + b.Inserted, a.Duplicates + b.Duplicates));
}
