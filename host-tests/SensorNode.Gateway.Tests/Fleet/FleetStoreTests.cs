using System.Text;
using SensorNode.Core.Update;
using SensorNode.Gateway.Fleet;
using SensorNode.Gateway.Tests.Storage;
using Xunit;

namespace SensorNode.Gateway.Tests.Fleet;

/// <summary>
/// The gateway's side of fleet updates (docs/updates.md): scheduling queues the manifest and every chunk per node, acks move
/// the progress, a damaged chunk is queued again, a refused manifest withdraws the chunks, and the app report is recorded.
/// </summary>
public sealed class FleetStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-package-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
    }

    internal static byte[] Pe(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        Encoding.ASCII.GetBytes("NFMRK2").CopyTo(bytes, 0);
        return bytes;
    }

    internal static UpdatePackage Package(string dir, uint version = 3, int chunkBytes = 256)
    {
        File.WriteAllBytes(Path.Combine(dir, "a.pe"), Pe(700, 1));
        File.WriteAllBytes(Path.Combine(dir, "b.pe"), Pe(300, 2));
        File.WriteAllText(Path.Combine(dir, UpdatePackage.ManifestFileName), $$"""{"version": {{version}}, "chunk_bytes": {{chunkBytes}}, "assemblies": ["a.pe", "b.pe"]}""");
        Assert.True(UpdatePackage.TryLoad(dir, out UpdatePackage? package, out string error), error);
        return package!;
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void Schedule_QueuesTheManifestThenEveryChunkPerNode_Once(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        UpdatePackage package = Package(_dir);
        Assert.Equal(new[] { "n-1", "n-2" }, store.ScheduleUpdate(package, ["n-1", "n-2"], 1000));
        Assert.Empty(store.ScheduleUpdate(package, ["n-1"], 2000));

        IReadOnlyList<QueuedCommand> queued = store.PendingCommands("n-1");
        Assert.Equal(1 + package.Manifest.ChunkCount, queued.Count);
        Assert.Equal(UpdateCommands.ManifestCommand, queued[0].Name);
        Assert.Equal(package.ManifestBytes, queued[0].Payload);
        Assert.All(queued.Skip(1), c => Assert.Equal(UpdateCommands.ChunkCommand, c.Name));
        Assert.Equal(package.ChunkBody(3), queued[4].Payload);
        var progress = store.FleetProgress();
        Assert.Equal(2, progress.Count);
        Assert.All(progress, p => Assert.Equal((0, 4, 3L), (p.ChunksAcked, p.ChunkCount, p.Version)));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void ChunkAcks_MoveTheProgress_AndADamagedChunkIsQueuedAgain(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        UpdatePackage package = Package(_dir);
        store.ScheduleUpdate(package, ["n-1"], 1000);
        QueuedCommand[] queued = store.PendingCommands("n-1").ToArray();

        Assert.True(FleetAcks.Record(store, queued[0], null, 2000));
        Assert.True(FleetAcks.Record(store, queued[1], null, 3000));
        Assert.True(FleetAcks.Record(store, queued[2], UpdateCommands.BadChunk, 4000));
        Assert.True(FleetAcks.Record(store, queued[3], UpdateCommands.NoManifest, 5000));   // stale: dropped, not queued again
        foreach (QueuedCommand c in queued[..4]) store.MarkAcknowledged(c.Id, 6000);

        ReadingStore.FleetNodeProgress p = store.FleetProgress().Single();
        Assert.Equal(2000, p.ManifestAckedUnixMs);
        Assert.Null(p.ManifestRejected);
        Assert.Equal(1, p.ChunksAcked);
        Assert.Equal(2, p.ChunksRefused);
        Assert.Equal(3000, p.FirstChunkUnixMs);
        Assert.Equal(5000, p.LastChunkUnixMs);
        IReadOnlyList<QueuedCommand> pending = store.PendingCommands("n-1");
        Assert.Equal(new[] { package.ChunkBody(3), package.ChunkBody(1) }, pending.Select(c => c.Payload));
        Assert.False(FleetAcks.Record(store, new QueuedCommand(99, "n-1", "policy", [1], 0, 0, null), null, 7000));
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void RefusedManifest_WithdrawsTheNodesChunks(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        store.ScheduleUpdate(Package(_dir), ["n-1", "n-2"], 1000);
        QueuedCommand manifest = store.PendingCommands("n-1")[0];
        FleetAcks.Record(store, manifest, UpdateCommands.RolledBack, 2000);
        store.MarkAcknowledged(manifest.Id, 2000);

        Assert.Empty(store.PendingCommands("n-1"));
        Assert.Equal(5, store.PendingCommands("n-2").Count);
        Assert.Equal(UpdateCommands.RolledBack, store.FleetProgress().Single(p => p.NodeId == "n-1").ManifestRejected);
    }

    [Theory, MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public void AppReports_RecordTheRunningVersionAndTheRollback(string kind)
    {
        using StoreBackend backend = StoreBackend.Create(kind);
        using ReadingStore store = backend.Open();
        Assert.True(AppReportDecoder.TryDecode(Encoding.ASCII.GetBytes("4 rolled-back 5 failed-first-wake"), out long running, out long? back, out string? why, out _));
        store.RecordApplication("n-1", running, back, why, 1000);
        store.RecordApplication("n-2", 5, null, null, 1000);
        store.RecordApplication("n-2", 6, null, null, 2000);

        Assert.Equal(new[] { ("n-1", 4L, (long?)5, "failed-first-wake"), ("n-2", 6L, null, null) },
            store.Applications().Select(a => (a.NodeId, a.RunningVersion, a.RolledBackVersion, a.RollbackReason)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v4")]
    [InlineData("4 rolled-back 5")]
    [InlineData("4 rolled-back 5 because")]
    [InlineData("4 rolled-back x failed-first-wake")]
    [InlineData("4294967296")]
    [InlineData("-1")]
    public void AppReportDecoder_RefusesEverythingElse(string text)
    {
        Assert.False(AppReportDecoder.TryDecode(Encoding.ASCII.GetBytes(text), out _, out _, out _, out string reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void Package_ErrorsNameTheFileAndField()
    {
        string manifest = Path.Combine(_dir, UpdatePackage.ManifestFileName);
        string Error()
        {
            Assert.False(UpdatePackage.TryLoad(_dir, out _, out string error));
            return error;
        }
        Assert.Contains("manifest.json: not found", Error());
        File.WriteAllText(manifest, "{\n\"version\": }");
        Assert.Contains("manifest.json: line 2: not JSON", Error());
        File.WriteAllText(manifest, """{"version": 0, "assemblies": ["a.pe"]}""");
        Assert.Contains("version:", Error());
        File.WriteAllText(manifest, """{"version": 1, "chunk_bytes": 10, "assemblies": ["a.pe"]}""");
        Assert.Contains("chunk_bytes:", Error());
        File.WriteAllText(manifest, """{"version": 1, "chunk_size": 512, "assemblies": ["a.pe"]}"""); // was ignored: 1024-byte chunks
        Assert.EndsWith("manifest.json: chunk_size: unknown key (known: version, chunk_bytes, assemblies)", Error());
        File.WriteAllText(manifest, """{"version": 1, "assemblies": ["a.pe"], "version": 2}""");
        Assert.EndsWith("manifest.json: version: given twice", Error());
        File.WriteAllText(manifest, """{"version": 1, "assemblies": ["../a.pe"]}""");
        Assert.Contains("assemblies[0]:", Error());
        File.WriteAllText(manifest, """{"version": 1, "assemblies": ["a.pe"]}""");
        Assert.Contains("a.pe: not found", Error());
        File.WriteAllBytes(Path.Combine(_dir, "a.pe"), new byte[100]);
        Assert.Contains("not a nanoFramework assembly", Error());
    }
}
