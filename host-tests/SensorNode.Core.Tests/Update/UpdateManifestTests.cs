using SensorNode.Core.Numerics;
using SensorNode.Core.Update;
using Xunit;

namespace SensorNode.Core.Tests.Update;

/// <summary>The update manifest (docs/updates.md): what it carries, and every way a damaged or foreign one is refused.</summary>
public class UpdateManifestTests
{
    internal static byte[] Image(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Valid() => UpdateManifest.Build(7, Image(2500, 1), [1000, 1500], 1024).Write();

    // Changes one field, then seals the manifest again so only the field's own rule can refuse it.
    private static byte[] Resealed(byte[] manifest, Action<byte[]> change)
    {
        byte[] copy = (byte[])manifest.Clone();
        change(copy);
        LittleEndian.WriteUInt32(copy, copy.Length - 4, Crc32.Compute(copy, 0, copy.Length - 4));
        return copy;
    }

    private static UpdateManifestError Parse(byte[] bytes, int? length = null)
    {
        bool ok = UpdateManifest.TryParse(bytes, 0, length ?? bytes.Length, out UpdateManifest? m, out UpdateManifestError error);
        Assert.Equal(ok, m != null);
        Assert.Equal(ok, error == UpdateManifestError.None);
        return error;
    }

    [Fact]
    public void RoundTrip_CarriesVersionSizesAndEveryChunksCrc()
    {
        byte[] image = Image(2500, 1);
        byte[] bytes = UpdateManifest.Build(7, image, [1000, 1500], 1024).Write();

        Assert.True(UpdateManifest.TryParse(bytes, 0, bytes.Length, out UpdateManifest? m, out _));
        Assert.Equal(7u, m!.Version);
        Assert.Equal(2500, m.ImageBytes);
        Assert.Equal(3, m.ChunkCount);
        Assert.Equal(452, m.ChunkLength(2));
        Assert.Equal(new[] { 1000, 1500 }, m.AssemblyBytes);
        Assert.Equal(Crc32.Compute(image, 0, image.Length), m.ImageCrc);
        Assert.Equal(Crc32.Compute(image, 2048, 452), m.ChunkCrcs[2]);
        Assert.Equal(bytes.Length, m.SerializedLength);
    }

    [Fact]
    public void Truncated_AtEveryLength_IsTooShort_NeverAnException()
    {
        byte[] bytes = Valid();
        for (int length = 0; length < bytes.Length; length++)
        {
            UpdateManifestError error = Parse(bytes, length);
            Assert.True(error is UpdateManifestError.TooShort, $"length {length}: {error}");
        }
    }

    [Fact]
    public void EveryFlippedByte_IsRefused()
    {
        byte[] bytes = Valid();
        for (int i = 0; i < bytes.Length; i++)
        {
            byte[] copy = (byte[])bytes.Clone();
            copy[i] ^= 0x10;
            Assert.NotEqual(UpdateManifestError.None, Parse(copy));
        }
    }

    [Fact]
    public void EachRule_HasItsOwnError()
    {
        byte[] bytes = Valid();
        Assert.Equal(UpdateManifestError.BadMagic, Parse(Resealed(bytes, b => b[0] = (byte)'X')));
        Assert.Equal(UpdateManifestError.UnsupportedFormat, Parse(Resealed(bytes, b => b[4] = 2)));
        Assert.Equal(UpdateManifestError.UnsupportedFormat, Parse([.. bytes, 0]));
        Assert.Equal(UpdateManifestError.BadCrc, Parse(bytes.Take(bytes.Length - 1).Append((byte)(bytes[^1] ^ 1)).ToArray()));
        Assert.Equal(UpdateManifestError.BadVersion, Parse(Resealed(bytes, b => LittleEndian.WriteUInt32(b, 8, 0))));
        Assert.Equal(UpdateManifestError.BadChunkSize, Parse(Resealed(bytes, b => LittleEndian.WriteUInt16(b, 6, 32))));
        Assert.Equal(UpdateManifestError.BadSize, Parse(Resealed(bytes, b => LittleEndian.WriteUInt32(b, 12, 5000))));
        Assert.Equal(UpdateManifestError.BadAssemblies, Parse(Resealed(bytes, b => LittleEndian.WriteUInt32(b, 24, 999))));
        Assert.Equal(UpdateManifestError.BadAssemblies, Parse(Resealed(bytes, b => b[5] = 9)));
    }

    [Fact]
    public void Build_RefusesWhatTheFormatCannotCarry()
    {
        Assert.Throws<ArgumentException>(() => UpdateManifest.Build(0, Image(100, 1), [100], 64));
        Assert.Throws<ArgumentException>(() => UpdateManifest.Build(1, Image(100, 1), [99], 64));
        Assert.Throws<ArgumentException>(() => UpdateManifest.Build(1, Image(UpdateManifest.MaxImageBytes + 1, 1), [UpdateManifest.MaxImageBytes + 1], 4096));
        Assert.Throws<ArgumentException>(() => UpdateManifest.Build(1, Image(64 * 300, 1), [64 * 300], 64));
    }

    [Fact]
    public void ErrorText_NamesEveryError()
    {
        foreach (UpdateManifestError error in Enum.GetValues<UpdateManifestError>())
            Assert.NotEqual("unknown error", UpdateManifest.ErrorText(error));
    }
}
