using SensorNode.Core.Storage;

namespace SensorNode.Gateway.Tests.Storage;

/// <summary>
/// Issue 10, item 6: a node whose storage was erased restarts at seq 1. Same (node, seq), different content and a later
/// time: the new readings are kept, the old ones recorded in superseded_readings; a plain redelivery stays a duplicate.
/// </summary>
public sealed class SeqReuseTests
{
    private static DecodedPack Pack(long time, int centiCelsius) =>
        WriterPacks.Decode(WriterPacks.Encode(Enumerable.Range(1, 3).Select(i => WriterPacks.Full((uint)i, time - 600 * (3 - i)) with { TemperatureCentiCelsius = centiCelsius }).ToArray()));

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void ReusedSeq_WithALaterTime_KeepsTheNewReadings_AndRecordsTheOldOnes(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        DecodedPack before = Pack(WriterPacks.BaseTime - 5000, 2000);
        DecodedPack after = Pack(WriterPacks.BaseTime, 3000);

        Assert.Equal(new StoreResult(3, 0), store.Store(before, 1));
        Assert.Equal(new StoreResult(3, 0, 3), store.Store(after, 2));

        Assert.All(store.Query(WriterPacks.NodeId), r => Assert.Equal(30.0, r.TemperatureC));
        var superseded = store.SupersededReadings();
        Assert.Equal(3, superseded.Count);
        Assert.All(superseded, s => Assert.Equal(("replaced", 20.0), (s.Kind, s.TemperatureC)));
        // The node's voltage follows the new readings although their seq is lower than the old maximum.
        Assert.Equal(4.123, store.GetNode(WriterPacks.NodeId)!.LastSupercapVolts);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Redelivery_IsADuplicate_AndAStaleOlderCopy_IsKeptAsideNotStored(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        DecodedPack before = Pack(WriterPacks.BaseTime - 5000, 2000);
        DecodedPack after = Pack(WriterPacks.BaseTime, 3000);
        store.Store(before, 1);
        store.Store(after, 2);

        Assert.Equal(new StoreResult(0, 3), store.Store(after, 3));   // QoS 1 redelivery
        Assert.Equal(new StoreResult(0, 3), store.Store(before, 4));  // the old copy again, e.g. from a ghost session

        Assert.All(store.Query(WriterPacks.NodeId), r => Assert.Equal(30.0, r.TemperatureC));
        Assert.Equal(3, store.SupersededReadings().Count);            // recorded once
        Assert.Equal(3, store.ReadingCount());
    }
}
