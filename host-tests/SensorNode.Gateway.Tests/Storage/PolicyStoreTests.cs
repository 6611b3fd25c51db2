using Microsoft.Data.Sqlite;
using SensorNode.Core.Numerics;
using SensorNode.Core.Policy;
using SensorNode.Gateway.Policies;

namespace SensorNode.Gateway.Tests.Storage;

/// <summary>Policy pushes and the table each node runs (ReadingStore.Policies, PolicyPusher; docs/policy.md "Learning on site").</summary>
public sealed class PolicyStoreTests : IDisposable
{
    private const long Now = 1_700_000_000_000;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static byte[] Table(uint version, int layout = 2) =>
        PolicyTable.FromActionCodesFor(version, HeuristicPolicy.BuildActionCodes(), layout).Serialize();

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Queue_AddsTheTableAsThePolicyCommand_AndRecordsThePush(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        byte[] table = Table(1234);

        long id = PolicyPusher.Queue(store, "node-01", table, Now, out string error);

        Assert.True(id > 0, error);
        QueuedCommand command = Assert.Single(store.PendingCommands("node-01"));
        Assert.Equal((id, PolicyUpdate.CommandName), (command.Id, command.Name));
        Assert.Equal(table, command.Payload);
        ReadingStore.PolicyPush push = Assert.Single(store.PolicyPushes("node-01"));
        Assert.Equal((1234u, LittleEndian.ReadUInt32(table, table.Length - 4), 2, (string?)null), (push.TableVersion, push.TableCrc, push.LayoutId, push.Outcome));
        Assert.Null(store.PolicyInForce("node-01"));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Ack_MakesTheTableTheOneInForce_ARejectionDoesNot(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        long first = PolicyPusher.Queue(store, "node-01", Table(1001), Now, out _);
        store.MarkReleased(first, Now); // released: the next push queues behind it
        long second = PolicyPusher.Queue(store, "node-01", Table(1002), Now + 1, out _);

        Assert.True(store.RecordPolicyAck("node-01", first, null, Now + 10));
        Assert.False(store.RecordPolicyAck("node-01", second, "bad-table", Now + 20));
        Assert.False(store.RecordPolicyAck("node-02", first, null, Now + 30)); // another node's ack names no push of its own

        ReadingStore.NodePolicy inForce = store.PolicyInForce("node-01")!;
        Assert.Equal((first, 1001u, Now + 10), (inForce.CommandId, inForce.TableVersion, inForce.SinceUnixMs));
        Assert.Equal(["applied", "rejected bad-table"], store.PolicyPushes("node-01").Select(p => p.Outcome));
        Assert.Null(store.PolicyInForce("node-02"));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Queue_ReplacesAPushNotYetReleased_AndQueuesBehindOneReleased(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        long stale = PolicyPusher.Queue(store, "node-01", Table(1001), Now, out _);
        long other = PolicyPusher.Queue(store, "node-02", Table(1001), Now, out _);
        long fresh = PolicyPusher.Queue(store, "node-01", Table(1002), Now + 1, out _);

        // The week-old table never reached the node: only the new one is pending, and the old push says why it ended.
        Assert.Equal([fresh], store.PendingCommands("node-01").Select(c => c.Id));
        Assert.Equal([(stale, ReadingStore.PolicySupersededBy(fresh), (long?)(Now + 1)), (fresh, null, null)],
            store.PolicyPushes("node-01").Select(p => (p.CommandId, p.Outcome, p.SettledUnixMs)));
        Assert.False(store.RecordPolicyAck("node-01", stale, null, Now + 5)); // a late ack of it changes nothing
        Assert.Null(store.PolicyInForce("node-01"));
        Assert.Equal([other], store.PendingCommands("node-02").Select(c => c.Id)); // another node's push is its own

        // Once released, a push stays (the node may be fetching it); the next one waits for its ack.
        store.MarkReleased(fresh, Now + 2);
        long next = PolicyPusher.Queue(store, "node-01", Table(1003), Now + 3, out _);
        Assert.Equal([fresh, next], store.PendingCommands("node-01").Select(c => c.Id));
        Assert.All(store.PolicyPushes("node-01").Where(p => p.CommandId != stale), p => Assert.Null(p.Outcome));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Queue_RefusesAFileThatIsNotATable_AndALayoutOtherThanTheNodeRuns(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        byte[] corrupt = Table(5);
        corrupt[100] ^= 0xFF; // CRC no longer matches
        byte[] layoutOne = Table(6);
        layoutOne[6] = 1; // a layout-1 header: no node runs it any more

        Assert.Equal(-1, PolicyPusher.Queue(store, "node-01", corrupt, Now, out string crcError));
        Assert.Contains("damaged: its CRC-32 does not match", crcError);
        Assert.Equal(-1, PolicyPusher.Queue(store, "node-01", layoutOne, Now, out string layoutError));
        Assert.Contains("layout", layoutError);

        long id = PolicyPusher.Queue(store, "node-01", Table(7, layout: 2), Now, out _);
        store.RecordPolicyAck("node-01", id, null, Now);
        Assert.Equal(-1, PolicyPusher.Queue(store, "node-01", Table(8, layout: 3), Now, out string mismatch));
        Assert.Contains("layout 3 does not match layout 2", mismatch);
        Assert.Single(store.PendingCommands("node-01")); // only the accepted push was queued
    }

    [Fact]
    public void Open_MigratesAStoreWrittenBeforeThePolicyTables_KeepingItsReadings()
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString()))
        {
            connection.Open();
            int before = Array.FindIndex(StoreSchema.Migrations, m => m.Contains("policy_pushes", StringComparison.Ordinal));
            Assert.True(before > 0);
            for (int i = 0; i < before; i++) new SqliteCommand(StoreSchema.Migrations[i], connection).ExecuteNonQuery();
            new SqliteCommand($"PRAGMA user_version = {before}; INSERT INTO readings (node_id, seq, unix_s, received_ms) VALUES ('node-01', 1, 100, 100000);", connection).ExecuteNonQuery();
        }

        using ReadingStore store = _database.Open();

        Assert.Equal(StoreSchema.Version, _database.Scalar("PRAGMA user_version"));
        Assert.Equal(1, store.ReadingCount());
        Assert.Equal(1, _database.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'node_policies'"));
        Assert.True(PolicyPusher.Queue(store, "node-01", Table(9), Now, out _) > 0);
    }
}
