using System.Text;
using SensorNode.Cli;
using SensorNode.Core.Update;
using SensorNode.Gateway.Fleet;
using SensorNode.Gateway.Service;

namespace SensorNode.Gateway.IntegrationTests.Fleet;

/// <summary>
/// The running gateway with a real broker (docs/updates.md): a scheduled set is released at the node's wake, the next chunk
/// goes out as soon as the previous one is acked, a damaged chunk comes back at the end of the queue, and the node's app
/// report is recorded.
/// </summary>
public sealed class FleetUpdateReleaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-fleet-it-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private UpdatePackage Package()
    {
        var pe = new byte[600];
        new Random(9).NextBytes(pe);
        Encoding.ASCII.GetBytes("NFMRK2").CopyTo(pe, 0);
        File.WriteAllBytes(Path.Combine(_dir, "a.pe"), pe);
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """{"version": 2, "chunk_bytes": 256, "assemblies": ["a.pe"]}""");
        Assert.True(UpdatePackage.TryLoad(_dir, out UpdatePackage? package, out string error), error);
        return package!;
    }

    private static long Id(SubscribedMessage message) => long.Parse(message.Payload[..message.Payload.IndexOf('\n')]);

    [RequiresMosquittoFact]
    public async Task ChunksFollowEachOtherOnTheAcks_ADamagedOneComesBack_AndTheAppReportIsStored()
    {
        await using var harness = new GatewayHarness();
        ReadingStore store = harness.OpenStore();
        UpdatePackage package = Package();
        store.ScheduleUpdate(package, ["node-u"], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        GatewayService gateway = await harness.StartGatewayAsync(harness.Options("gw-u") with { ReleaseAboveVolts = 3.3 }, store);

        MosquittoClients.Publish(harness.Port, "sensornode/node-u/state", SenmlPacks.Encode("node-u", 1, 1, 1_767_225_600, supercapMillivolts: 3500));
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Released >= 2, 10_000), gateway.Counters.ToString());
        SubscribedMessage manifest = Assert.Single(MosquittoClients.Subscribe(harness.Port, "sensornode/node-u/cmd/update", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds));
        SubscribedMessage chunk0 = Assert.Single(MosquittoClients.Subscribe(harness.Port, "sensornode/node-u/cmd/chunk", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds));

        MosquittoClients.Publish(harness.Port, "sensornode/node-u/ack", Id(manifest).ToString());
        MosquittoClients.Publish(harness.Port, "sensornode/node-u/ack", Id(chunk0).ToString());
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Released >= 3, 10_000), gateway.Counters.ToString());
        SubscribedMessage chunk1 = Assert.Single(MosquittoClients.Subscribe(harness.Port, "sensornode/node-u/cmd/chunk", count: 1, waitSeconds: MosquittoClients.ArrivalSeconds));
        Assert.Equal(Id(chunk0) + 1, Id(chunk1));

        MosquittoClients.Publish(harness.Port, "sensornode/node-u/ack", $"{Id(chunk1)} rejected {UpdateCommands.BadChunk}");
        Assert.True(GatewayHarness.WaitUntil(() => gateway.Counters.Released >= 4, 10_000), gateway.Counters.ToString());
        ReadingStore.FleetNodeProgress progress = Assert.Single(store.FleetProgress());
        Assert.Equal((1, 1, 3), (progress.ChunksAcked, progress.ChunksRefused, progress.ChunkCount));
        Assert.NotNull(progress.ManifestAckedUnixMs);
        // Chunk 2 went out next; chunk 1 waits again at the end of the queue.
        Assert.Equal(new[] { package.ChunkBody(2), package.ChunkBody(1) }, store.PendingCommands("node-u").Select(c => c.Payload));

        MosquittoClients.Publish(harness.Port, "sensornode/node-u/app", "0 rolled-back 2 failed-first-wake", retain: true);
        Assert.True(GatewayHarness.WaitUntil(() => store.Applications().Count == 1, 10_000));
        Assert.Equal(("node-u", 0L, (long?)2, "failed-first-wake"), store.Applications().Select(a => (a.NodeId, a.RunningVersion, a.RolledBackVersion, a.RollbackReason)).Single());
    }
}
