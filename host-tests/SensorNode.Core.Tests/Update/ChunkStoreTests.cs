using SensorNode.Core.Hardware;
using SensorNode.Core.Update;
using SensorNode.Simulation.Devices;
using Xunit;

namespace SensorNode.Core.Tests.Update;

/// <summary>
/// The resumable chunk store (docs/updates.md): a chunk is written, read back, checked and only then marked, so a power cut
/// at any write, after any number of its bytes, leaves only verified chunks marked, and a resumed download ends in the image.
/// </summary>
public class ChunkStoreTests
{
    private static readonly byte[] Image = UpdateManifestTests.Image(1000, 3);
    private static readonly UpdateManifest Manifest = UpdateManifest.Build(5, Image, [600, 400], 256);
    private static readonly byte[] ManifestBytes = Manifest.Write();

    /// <summary>Flash whose <see cref="CutAtWrite"/>-th write (0-based) is torn after <see cref="CutAfterBytes"/> bytes.</summary>
    private sealed class CuttingFlash(SimulatedFlash flash) : IPersistentStorage
    {
        public int CutAtWrite = -1;
        public int CutAfterBytes;
        public int Writes;
        public int GetLength(string name) => flash.GetLength(name);
        public int Read(string name, int position, byte[] buffer, int offset, int count) => flash.Read(name, position, buffer, offset, count);
        public bool Delete(string name) => flash.Delete(name);
        public bool Write(string name, int position, byte[] data, int offset, int count)
        {
            if (Writes++ == CutAtWrite) flash.CutPowerAfter(CutAfterBytes);
            return flash.Write(name, position, data, offset, count);
        }
    }

    // One download attempt as a wake would run it: start (or resume) the set, then store the missing chunks in order.
    private static void Download(IPersistentStorage storage)
    {
        var store = new ChunkStore(storage, 1);
        if (store.LoadManifest()?.Version != Manifest.Version)
            Assert.True(store.Begin(ManifestBytes, 0, ManifestBytes.Length));
        for (int i = 0; i < Manifest.ChunkCount; i++)
        {
            if (store.IsPresent(i)) continue;
            ChunkOutcome outcome = store.Store(Manifest, i, Image, i * Manifest.ChunkBytes, Manifest.ChunkLength(i));
            Assert.Equal(ChunkOutcome.Stored, outcome);
        }
    }

    [Fact]
    public void AllChunksInAnyOrder_VerifyAndReadBackAsTheAssemblies()
    {
        var flash = new SimulatedFlash();
        var store = new ChunkStore(flash, 0);
        Assert.True(store.Begin(ManifestBytes, 0, ManifestBytes.Length));
        foreach (int i in new[] { 3, 0, 2, 1 })
            Assert.Equal(ChunkOutcome.Stored, store.Store(Manifest, i, Image, i * 256, Manifest.ChunkLength(i)));
        Assert.Equal(ChunkOutcome.AlreadyPresent, store.Store(Manifest, 2, Image, 512, 256));

        Assert.True(store.Verify(Manifest));
        Assert.Equal(Image[..600], store.ReadAssembly(Manifest, 0));
        Assert.Equal(Image[600..], store.ReadAssembly(Manifest, 1));
        Assert.Equal(5u, new ChunkStore(flash, 0).LoadManifest()!.Version);
    }

    [Fact]
    public void CorruptChunk_IsRejectedUnwritten_AndTheRefetchedOneIsStored()
    {
        var flash = new SimulatedFlash();
        var store = new ChunkStore(flash, 0);
        store.Begin(ManifestBytes, 0, ManifestBytes.Length);
        byte[] corrupt = (byte[])Image.Clone();
        corrupt[300] ^= 0x01;
        long writes = flash.WriteCount;

        Assert.Equal(ChunkOutcome.BadChunk, store.Store(Manifest, 1, corrupt, 256, 256));
        Assert.Equal(ChunkOutcome.BadChunk, store.Store(Manifest, 1, Image, 256, 255));   // wrong length
        Assert.Equal(ChunkOutcome.BadChunk, store.Store(Manifest, 4, Image, 0, 256));     // no such chunk
        Assert.Equal(writes, flash.WriteCount);
        Assert.False(store.IsPresent(1));
        Assert.Equal(ChunkOutcome.Stored, store.Store(Manifest, 1, Image, 256, 256));
        Assert.True(store.IsPresent(1));
    }

    [Fact]
    public void PowerCut_AtEveryWriteAndByte_LeavesOnlyVerifiedChunksMarked_AndResumeEndsInTheImage()
    {
        // How many writes one clean download takes.
        var probe = new CuttingFlash(new SimulatedFlash());
        Download(probe);
        int totalWrites = probe.Writes;
        Assert.True(totalWrites >= 1 + 2 * Manifest.ChunkCount);

        int cases = 0;
        for (int cutAt = 0; cutAt < totalWrites; cutAt++)
        {
            foreach (int bytes in new[] { 0, 1, 100, 255, 10_000 })
            {
                var flash = new SimulatedFlash();
                var storage = new CuttingFlash(flash) { CutAtWrite = cutAt, CutAfterBytes = bytes };
                Assert.Throws<SimulatedPowerLossException>(() => Download(storage));

                // After the cut: whatever is marked is the right data.
                var store = new ChunkStore(flash, 1);
                UpdateManifest? m = store.LoadManifest();
                if (m != null)
                {
                    for (int i = 0; i < m.ChunkCount; i++)
                    {
                        if (!store.IsPresent(i)) continue;
                        var back = new byte[m.ChunkLength(i)];
                        flash.Read(store.ImageFile, i * m.ChunkBytes, back, 0, back.Length);
                        Assert.Equal(Image.AsSpan(i * 256, back.Length).ToArray(), back);
                    }
                }

                // The next wakes resume; the set ends complete and verified.
                Download(flash);
                var resumed = new ChunkStore(flash, 1);
                Assert.True(resumed.Verify(Manifest), $"cut at write {cutAt} after {bytes} bytes");
                Assert.Equal(Image[600..], resumed.ReadAssembly(Manifest, 1));
                cases++;
            }
        }
        Assert.Equal(totalWrites * 5, cases);
    }

    [Fact]
    public void Verify_UnmarksAChunkDamagedAfterItWasStored_SoItIsFetchedAgain()
    {
        var flash = new SimulatedFlash();
        Download(flash);
        var store = new ChunkStore(flash, 1);
        byte[] img = flash.GetFileBytes(store.ImageFile);
        img[700] ^= 0x80;
        flash.SetFileBytes(store.ImageFile, img);

        Assert.False(store.Verify(Manifest));
        Assert.False(store.IsPresent(2));
        Assert.Equal(3, store.CountPresent(Manifest));
        Download(flash);
        Assert.True(store.Verify(Manifest));
    }

    [Fact]
    public void NewManifest_ClearsTheOldMarkers()
    {
        var flash = new SimulatedFlash();
        Download(flash);
        byte[] other = UpdateManifest.Build(6, UpdateManifestTests.Image(1000, 4), [1000], 256).Write();
        var store = new ChunkStore(flash, 1);
        Assert.True(store.Begin(other, 0, other.Length));
        UpdateManifest m = store.LoadManifest()!;
        Assert.Equal(6u, m.Version);
        Assert.Equal(0, store.CountPresent(m));
    }
}
