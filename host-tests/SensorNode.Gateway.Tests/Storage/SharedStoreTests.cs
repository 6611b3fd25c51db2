using SensorNode.Gateway.Occupancy;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.Tests.Storage;

/// <summary>What the PostgreSQL store adds: many buildings in one database, its own schema version, its URL.</summary>
public sealed class SharedStoreTests
{
    private const long Received = WriterPacks.BaseTime * 1000 + 123;

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void TwoBuildings_InOneDatabase_StampTheirRows_AndANamedStoreSeesOnlyItsOwn(string kind)
    {
        using StoreBackend db = StoreBackend.Create(kind);
        using ReadingStore north = db.Open("north");
        using ReadingStore south = db.Open("south");
        using ReadingStore portfolio = db.Open();

        north.Store(WriterPacks.Pack(1, 3), Received);
        north.SetRoom(WriterPacks.NodeId, "office 1");
        south.Store(WriterPacks.Decode(WriterPacks.Encode("node-02", WriterPacks.Energy, WriterPacks.Series(1, 2)), "sensornode/node-02/state"), Received);
        south.SetRoom("node-02", "office 1");
        var slot = new OccupancySlot(WriterPacks.BaseTime, OccupancyState.Vacant, "watched", 900, 0, OccupancyState.Vacant);
        north.StoreOccupancy("office 1", [slot], 1);
        south.StoreOccupancy("office 1", [slot with { State = OccupancyState.Occupied }], 2);
        south.DeadLetter("sensornode/x/state", [1], "junk", Received);

        Assert.Equal(3, north.Query().Count);
        Assert.Equal(2, south.Query().Count);
        Assert.Equal(5, portfolio.Query().Count);
        Assert.Equal([(WriterPacks.NodeId, "north"), ("node-02", "south")], portfolio.Nodes().Select(n => (n.NodeId, n.Building)));
        Assert.Equal(["node-02"], south.Nodes().Select(n => n.NodeId));
        Assert.Equal("vacant", Assert.Single(north.QueryOccupancy("office 1")).State);
        Assert.Equal("occupied", Assert.Single(south.QueryOccupancy("office 1")).State);
        Assert.Equal([("north", "vacant"), ("south", "occupied")], portfolio.QueryOccupancy("office 1").Select(o => (o.Building, o.State)));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM dead_letters WHERE building = 'south'"));
        Assert.Equal(3, db.Scalar("SELECT count(*) FROM readings WHERE building = 'north'"));
    }

    [RequiresPostgresFact]
    public void Postgres_RecordsTheSchemaVersion_AndTwoStoresMigrateOnce()
    {
        using StoreBackend db = StoreBackend.Create("PostgreSQL");
        ReadingStore[] stores = new ReadingStore[4];
        Parallel.For(0, stores.Length, i => stores[i] = db.Open());
        foreach (ReadingStore store in stores) store.Dispose();

        Assert.Equal(StoreSchema.Version, db.Scalar("SELECT max(version) FROM sensornode_schema"));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM sensornode_schema"));
        Assert.Equal("PostgreSQL", db.Open().DatabaseKind);
    }

    [RequiresPostgresFact]
    public void Postgres_ABadUrl_IsOneLineNamingIt_WithoutThePassword()
    {
        Assert.False(ReadingStore.TryOpen("postgres://me:secret@127.0.0.1:1/x", out _, out string refused));
        Assert.False(ReadingStore.TryOpen("postgres://127.0.0.1:5432/", out _, out string noDatabase));

        Assert.Contains("postgres://me:***@127.0.0.1:1/x", refused);
        Assert.DoesNotContain("secret", refused);
        Assert.DoesNotContain("\n", refused);
        Assert.Contains("names no database", noDatabase);
    }

    [RequiresPostgresFact]
    public void Postgres_AStoreSurvivesAServerRestart_TheFirstCallAfterFails_TheNextReconnects()
    {
        using PostgresServer server = PostgresServer.TryStart(out string reason) ?? throw new InvalidOperationException(reason);
        using ReadingStore store = ReadingStore.Open(server.Url());
        store.Store(WriterPacks.Pack(1, 2), Received);

        server.Stop();
        server.Start();
        Exception? first = Record.Exception(() => store.Store(WriterPacks.Pack(3, 2), Received));
        if (first != null) store.Store(WriterPacks.Pack(3, 2), Received); // the gateway retries a failed batch

        Assert.Equal(4, store.ReadingCount());
    }
}
