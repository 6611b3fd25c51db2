using SensorNode.Core.Telemetry;
using SensorNode.Core.Storage;
using SensorNode.Gateway.Occupancy;
using SensorNode.Gateway.Service;
using SensorNode.Gateway.Tests.Storage;

namespace SensorNode.Gateway.Tests.Occupancy;

/// <summary>Coverage from the core's payload through the decoder and the store, and the room's Home Assistant entities.</summary>
public sealed class OccupancyPayloadTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static DecodedPack CoveragePack()
    {
        Reading watched = WriterPacks.Full(1, WriterPacks.BaseTime - 600);
        watched.ArmedSeconds = 590;
        Reading afterDeath = WriterPacks.Full(2, WriterPacks.BaseTime);
        afterDeath.ArmedSeconds = 0;
        afterDeath.Faults = ReadingFaults.BrownoutBefore;
        return WriterPacks.Decode(WriterPacks.Encode(watched, afterDeath));
    }

    [Fact]
    public void Decoder_ReadsArmedAndBrownout_AndAnOlderPackHasCoverageUnknown()
    {
        DecodedPack pack = CoveragePack();

        Assert.Equal(590, pack.Readings[0].ArmedSeconds);
        Assert.False(pack.Readings[0].Brownout);
        Assert.Equal(0, pack.Readings[1].ArmedSeconds);
        Assert.True(pack.Readings[1].Brownout);
        Assert.Null(WriterPacks.Pack(10, 1).Readings[0].ArmedSeconds);
    }

    [Fact]
    public void Decoder_ReadsTheWatchCommitment_AndAnOlderPackHasNone()
    {
        EnergyTelemetry committed = WriterPacks.Energy;
        committed.WatchSeconds = 14400;
        committed.WatchActive = true;
        DecodedPack pack = WriterPacks.Decode(WriterPacks.Encode(WriterPacks.NodeId, committed, WriterPacks.Full(3, WriterPacks.BaseTime)));

        Assert.Equal(14400, pack.Energy!.WatchSeconds);
        Assert.True(pack.Energy.WatchActive);
        Assert.Equal(WriterPacks.BaseTime, pack.Energy.UnixSeconds);
        DecodedPack older = CoveragePack();
        Assert.Null(older.Energy!.WatchSeconds);
        Assert.False(older.Energy.WatchActive);
    }

    [Fact]
    public void Store_KeepsCoverage_AndOccupancySlotsRoundTrip()
    {
        using ReadingStore store = _database.Open();
        store.Store(CoveragePack(), WriterPacks.BaseTime * 1000);
        store.Store(WriterPacks.Pack(10, 1), WriterPacks.BaseTime * 1000);

        IReadOnlyList<StoredReading> rows = store.Query(WriterPacks.NodeId);
        Assert.Equal(590, rows[0].ArmedSeconds);
        Assert.True(rows[1].Brownout);
        Assert.Null(rows[2].ArmedSeconds);

        var slot = new OccupancySlot(WriterPacks.BaseTime, OccupancyState.Vacant, "watched 25 min without motion", 900, 0, OccupancyState.Vacant);
        store.StoreOccupancy("office 1", [slot], 5);
        store.StoreOccupancy("office 1", [slot with { State = OccupancyState.Unknown, Evidence = "blind: PIR disarmed" }], 6);
        ReadingStore.StoredOccupancy stored = Assert.Single(store.QueryOccupancy("office 1"));
        Assert.Equal("unknown", stored.State);
        Assert.Equal("blind: PIR disarmed", stored.Evidence);
        Assert.Equal(6, stored.DecidedUnixMs);
    }

    [Fact]
    public void HomeAssistant_RoomIsAnOccupancyBinarySensor_UnknownAsNone_WithAWatchedDiagnostic()
    {
        RetainedMessage config = Assert.Single(RoomOccupancyDiscovery.Configs("homeassistant", "sensornode", "Office 1", 900, migrate: false));
        Assert.Equal("homeassistant/device/sensornode_room_office-1/config", config.Topic);
        using System.Text.Json.JsonDocument json = System.Text.Json.JsonDocument.Parse(config.Payload);
        System.Text.Json.JsonElement components = json.RootElement.GetProperty("cmps");
        Assert.Equal(("binary_sensor", "occupancy", "binary_sensor.sensornode_room_office_1_occupancy"), (components.GetProperty("occupancy").GetProperty("p").GetString(),
            components.GetProperty("occupancy").GetProperty("device_class").GetString(), components.GetProperty("occupancy").GetProperty("default_entity_id").GetString()));
        Assert.Equal("diagnostic", components.GetProperty("watched_24h").GetProperty("entity_category").GetString());

        Assert.Equal("None", RoomOccupancyDiscovery.Values("sensornode", "Office 1", OccupancyState.Unknown, 0.5)[0].Payload);
        Assert.Equal("OFF", RoomOccupancyDiscovery.Values("sensornode", "Office 1", OccupancyState.Vacant, 0.5)[0].Payload);
        Assert.Equal("ON", RoomOccupancyDiscovery.Values("sensornode", "Office 1", OccupancyState.Occupied, 0.5)[0].Payload);
        Assert.Equal("50.0", RoomOccupancyDiscovery.Values("sensornode", "Office 1", OccupancyState.Occupied, 0.5)[1].Payload);
    }
}
