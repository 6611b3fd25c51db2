using SensorNode.Core.Update;

namespace SensorNode.Simulation.Updates;

/// <summary>
/// One application set as the gateway sends it (docs/updates.md): the manifest and each chunk's command body, built with
/// the core's own writers so the simulator, the gateway and the node share one format.
/// </summary>
public sealed class UpdateRelease
{
    public UpdateRelease(uint version, byte[][] assemblies, int chunkBytes)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        Version = version;
        Image = assemblies.SelectMany(a => a).ToArray();
        Manifest = UpdateManifest.Build(version, Image, assemblies.Select(a => a.Length).ToArray(), chunkBytes);
        ManifestBytes = Manifest.Write();
    }

    public uint Version { get; }
    public byte[] Image { get; }
    public UpdateManifest Manifest { get; }
    public byte[] ManifestBytes { get; }

    /// <summary>The cmd/chunk body of chunk <paramref name="index"/>.</summary>
    public byte[] ChunkBody(int index) =>
        UpdateCommands.ChunkBody(Version, index, Image, index * Manifest.ChunkBytes, Manifest.ChunkLength(index));

    /// <summary>A synthetic set of <paramref name="bytes"/> bytes in one assembly (the simulator never executes it).</summary>
    public static UpdateRelease Synthetic(uint version, int bytes, int chunkBytes, int seed)
    {
        var image = new byte[bytes];
        new Random(seed).NextBytes(image);
        return new UpdateRelease(version, [image], chunkBytes);
    }
}
