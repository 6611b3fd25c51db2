namespace SensorNode.Gateway.Tests.Storage;

/// <summary>Issue 10, items 4 and 8: dead letters keep the whole payload up to the decode limit, and their number is bounded.</summary>
public sealed class DeadLetterBoundTests
{
    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void DeadLetters_AreBounded_TheOldestGoFirst(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        int evicted = 0;
        for (int i = 0; i < ReadingStore.MaxDeadLetters + 5; i++) evicted += store.DeadLetter($"sensornode/n{i}/state", [1], "junk", i);

        Assert.Equal(5, evicted);
        Assert.Equal(ReadingStore.MaxDeadLetters, store.DeadLetterCount());
        Assert.Equal("sensornode/n5/state", store.DeadLetterRows(0, 1).Single().Topic);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void DeadLetter_KeepsThePayloadWholeUpToTheDecodeLimit_AndTheRealLength(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore store = db.Open();
        byte[] big = Enumerable.Range(0, SenmlDecoder.MaxPayloadBytes).Select(i => (byte)i).ToArray();
        store.DeadLetter("sensornode/n/state", big, "r", 0);
        store.DeadLetter("sensornode/n/state", big, "cut", 0, payloadLength: 1_000_000);

        var rows = store.DeadLetterRows(0, 2);
        Assert.Equal(big, rows[0].Payload);
        Assert.Equal(SenmlDecoder.MaxPayloadBytes, rows[0].PayloadLength);
        Assert.Equal(1_000_000, rows[1].PayloadLength);
    }
}
