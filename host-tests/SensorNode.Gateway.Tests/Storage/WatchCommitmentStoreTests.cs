using Microsoft.Data.Sqlite;
using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway.Tests.Storage;

/// <summary>Each node's newest watch commitment in the store (docs/occupancy.md), so a restarted gateway keeps using it.</summary>
public sealed class WatchCommitmentStoreTests : IDisposable
{
    private const long From = WriterPacks.BaseTime;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Commitment_RoundTrips_ANewerReplacesIt_AnOlderDoesNot(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using (ReadingStore writer = backend.Open("north"))
        {
            Assert.True(writer.StoreWatch("node-01", new WatchAnnouncement(From, 14_400, Active: true), 1));
            Assert.True(writer.StoreWatch("node-02", new WatchAnnouncement(From, 3600, Active: false), 1));
            Assert.True(writer.StoreWatch("node-01", new WatchAnnouncement(From + 600, 0, Active: false), 2)); // no commitment: ends it
            Assert.False(writer.StoreWatch("node-01", new WatchAnnouncement(From + 300, 7200, Active: true), 3)); // a late redelivery
        }

        using ReadingStore reopened = backend.Open("north");
        IReadOnlyDictionary<string, WatchAnnouncement> watch = reopened.WatchCommitments();

        Assert.Equal(new WatchAnnouncement(From + 600, 0, false), watch["node-01"]);
        Assert.Equal(new WatchAnnouncement(From, 3600, false), watch["node-02"]);
        Assert.Equal(new WatchAnnouncement(From, 3600, false), reopened.WatchCommitmentOf("node-02"));
        Assert.Equal(new WatchAnnouncement(From + 600, 0, false), reopened.WatchCommitmentOf("node-01"));
        Assert.Null(reopened.WatchCommitmentOf("node-99")); // never stored: the gateway writes no "none" for it
        Assert.Empty(backend.Open("south").WatchCommitments()); // a named building sees its own nodes only
        Assert.Equal(2, backend.Open().WatchCommitments().Count);
    }

    [Fact]
    public void Open_MigratesAStoreWrittenBeforeTheCommitments_KeepingItsReadings()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString()))
        {
            connection.Open();
            int before = Array.FindIndex(StoreSchema.Migrations, m => m.Contains("watch_commitments", StringComparison.Ordinal));
            Assert.True(before > 0);
            for (int i = 0; i < before; i++) new SqliteCommand(StoreSchema.Migrations[i], connection).ExecuteNonQuery();
            new SqliteCommand($"PRAGMA user_version = {before}; INSERT INTO readings (node_id, seq, unix_s, received_ms) VALUES ('node-01', 1, 100, 100000);", connection).ExecuteNonQuery();
        }

        using ReadingStore store = _database.Open();

        Assert.Equal(StoreSchema.Version, _database.Scalar("PRAGMA user_version"));
        Assert.Equal(1, store.ReadingCount());
        Assert.Empty(store.WatchCommitments());
        Assert.True(store.StoreWatch("node-01", new WatchAnnouncement(From, 3600, Active: false), 1));
    }
}
