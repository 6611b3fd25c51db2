using SensorNode.Core.Storage;
using SensorNode.Gateway.Occupancy;
using SensorNode.Gateway.Service;
using SensorNode.Gateway.Tests.Storage;

namespace SensorNode.Gateway.Tests.Occupancy;

/// <summary>
/// Issue 17: the room's state is decided at the gateway, so it changes while the node sleeps (docs/occupancy.md, "At the
/// gateway"): the timer's code path (<see cref="LiveRoomOccupancy"/>) on a fake clock, with no new message.
/// </summary>
public sealed class LiveRoomOccupancyTests : IDisposable
{
    private const long T = WriterPacks.BaseTime;
    private const string Room = "Office 3";
    private readonly TempDatabase _database = new();
    private readonly FakeClock _clock = new();

    public void Dispose() => _database.Dispose();

    private sealed class FakeClock : TimeProvider
    {
        public long UnixSeconds { get; set; }

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);
    }

    // One reading at T, no motion, the PIR armed for the 10 min before it.
    private static ReadingStore Seed(ReadingStore store)
    {
        Reading quiet = WriterPacks.Full(1, T);
        quiet.MotionEvents = 0;
        quiet.ArmedSeconds = 600;
        store.Store(WriterPacks.Decode(WriterPacks.Encode(quiet)), T * 1000);
        store.SetRoom(WriterPacks.NodeId, Room);
        return store;
    }

    private LiveRoomOccupancy.RoomState At(LiveRoomOccupancy live, long unixSeconds)
    {
        _clock.UnixSeconds = unixSeconds;
        return live.Decide(Room)!;
    }

    [Fact]
    public void QuietCommitment_TurnsVacantAfterTheDelay_ThenUnknownWhenItEnds_WithNoNewMessage_AndSaysSoOnlyOnAChange()
    {
        using ReadingStore store = Seed(_database.Open());
        store.StoreWatch(WriterPacks.NodeId, new WatchAnnouncement(T, 3600, Active: false), T * 1000);
        var live = new LiveRoomOccupancy(store, _clock);

        LiveRoomOccupancy.RoomState first = At(live, T + 60);
        Assert.Equal(OccupancyState.Unknown, first.Decision.State); // watched 11 min: not yet
        // The 40-min vacancy delay elapses 30 min after the reading (the PIR watched the 10 min before it).
        Assert.Equal(T + 1800, first.NextChangeUnixSeconds);
        Assert.True(live.Changed(first));
        live.Published(Room, first.Decision.State);
        _clock.UnixSeconds = T + 100;
        Assert.Contains(Room, live.DueRooms()); // the first look re-decides every room
        _clock.UnixSeconds = T + 200;
        Assert.Empty(live.DueRooms()); // nothing due before the next change or slot boundary

        _clock.UnixSeconds = T + 1800;
        Assert.Contains(Room, live.DueRooms());
        LiveRoomOccupancy.RoomState vacant = At(live, T + 1800);
        Assert.Equal(OccupancyState.Vacant, vacant.Decision.State);
        Assert.True(live.Changed(vacant));
        live.Published(Room, vacant.Decision.State);
        // The slots are stored again as at a message (the stored series places evidence as taken: docs/occupancy.md).
        Assert.Equal((T + 1800) * 1000, store.QueryOccupancy(Room).Single(s => s.SlotUnixSeconds == T + 900).DecidedUnixMs);

        LiveRoomOccupancy.RoomState still = At(live, T + 2400);
        Assert.Equal(OccupancyState.Vacant, still.Decision.State);
        Assert.False(live.Changed(still)); // unchanged: nothing to publish
        Assert.Equal(T + 3600 + 120 + 1, still.NextChangeUnixSeconds); // the commitment's end plus the grace

        LiveRoomOccupancy.RoomState ended = At(live, T + 3721);
        Assert.Equal(OccupancyState.Unknown, ended.Decision.State);
        Assert.StartsWith("watch ended", ended.Decision.Evidence);
        Assert.True(live.Changed(ended));
    }

    [Fact]
    public void ActiveCommitment_StaysOccupiedPastTheHold_ThenUnknownWhenItEnds()
    {
        using ReadingStore store = Seed(_database.Open());
        store.StoreWatch(WriterPacks.NodeId, new WatchAnnouncement(T, 3600, Active: true), T * 1000);
        var live = new LiveRoomOccupancy(store, _clock);

        LiveRoomOccupancy.RoomState watching = At(live, T + 2500);
        Assert.Equal((OccupancyState.Occupied, "motion, node watching"), (watching.Decision.State, watching.Decision.Evidence));
        Assert.Equal(T + 3600 + 120 + 1, watching.NextChangeUnixSeconds);
        Assert.Equal(OccupancyState.Unknown, At(live, T + 3721).Decision.State);
    }

    [Fact]
    public void TheAnnouncedWakePassing_MakesAWatchedRoomUnknown_WithNoNewMessage()
    {
        using ReadingStore store = _database.Open();
        Reading quiet = WriterPacks.Full(1, T);
        quiet.MotionEvents = 0;
        quiet.ArmedSeconds = 2700; // 45 min watched without motion: vacant while the evidence is fresh
        store.Store(WriterPacks.Decode(WriterPacks.Encode(quiet)), T * 1000);
        store.SetRoom(WriterPacks.NodeId, Room);
        store.UpdateAvailability(WriterPacks.NodeId, AvailabilityState.Sleeping, 600, T * 1000);
        var live = new LiveRoomOccupancy(store, _clock);

        LiveRoomOccupancy.RoomState vacant = At(live, T + 60);
        Assert.Equal(OccupancyState.Vacant, vacant.Decision.State);
        Assert.Equal(T + 600 + 120 + 1, vacant.NextChangeUnixSeconds);

        LiveRoomOccupancy.RoomState silent = At(live, T + 721);
        Assert.Equal(OccupancyState.Unknown, silent.Decision.State);
        Assert.StartsWith("no news since", silent.Decision.Evidence);
    }

    [Fact]
    public void ARestartedGateway_KeepsUsingTheStoredCommitment()
    {
        using (ReadingStore before = Seed(_database.Open()))
            before.StoreWatch(WriterPacks.NodeId, new WatchAnnouncement(T, 3600, Active: false), T * 1000);

        using ReadingStore store = _database.Open();
        LiveRoomOccupancy.RoomState state = At(new LiveRoomOccupancy(store, _clock), T + 1900);

        // Without the stored commitment the node's silence says nothing: 10 min watched, unknown.
        Assert.Equal(OccupancyState.Vacant, state.Decision.State);
    }
}
