using System.Text;
using System.Text.Json;
using SensorNode.Core.Update;

namespace SensorNode.Gateway.Fleet;

/// <summary>
/// An update package directory (docs/updates.md): <c>manifest.json</c> = {"version": N (1 and up), "chunk_bytes": 64-4096
/// (default 1024), "assemblies": ["SensorNode.App.pe", ...] (load order, files in the same directory)}, and the .pe files the
/// nanoFramework build made. Every .pe must start with nanoCLR's assembly marker "NFMRK2" (CLR_RECORD_ASSEMBLY's first field,
/// c_MARKER_ASSEMBLY_V2 in nanoframework/nf-interpreter src/CLR/Core/TypeSystem.cpp), so a file that is not a nanoFramework
/// assembly is refused here rather than by every node.
/// </summary>
public sealed class UpdatePackage
{
    /// <summary>The package's description file in the directory.</summary>
    public const string ManifestFileName = "manifest.json";
    /// <summary>nanoCLR's assembly marker (format 2), the first bytes of every .pe it loads.</summary>
    public static readonly byte[] AssemblyMarker = Encoding.ASCII.GetBytes("NFMRK2");

    private static readonly string[] ManifestKeys = ["version", "chunk_bytes", "assemblies"];

    private readonly UpdateImage _image;

    private UpdatePackage(UpdateImage image, IReadOnlyList<string> files)
    {
        _image = image;
        Files = files;
    }

    /// <summary>The .pe files, in load order.</summary>
    public IReadOnlyList<string> Files { get; }
    public UpdateManifest Manifest => _image.Manifest;
    public byte[] ManifestBytes => _image.ManifestBytes;
    public uint Version => _image.Version;

    /// <summary>The "chunk" command's body of chunk <paramref name="index"/>.</summary>
    public byte[] ChunkBody(int index) => _image.ChunkBody(index);

    /// <summary>Reads <paramref name="directory"/>; false with a one-line <paramref name="error"/> naming the file and field.</summary>
    public static bool TryLoad(string directory, out UpdatePackage? package, out string error)
    {
        package = null;
        string path = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(path)) { error = $"{path}: not found (a package is a directory with {ManifestFileName} and its .pe files)"; return false; }
        JsonDocument json;
        try { json = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { error = $"{path}: line {e.LineNumber + 1}: not JSON: {e.Message.Split('.')[0]}"; return false; }
        using (json)
        {
            JsonElement root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = $"{path}: expected an object"; return false; }
            // A misspelt key ("chunk_size") would otherwise be ignored and its default used, a repeated one resolved silently.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (Array.IndexOf(ManifestKeys, property.Name) < 0)
                { error = $"{path}: {property.Name}: unknown key (known: {string.Join(", ", ManifestKeys)})"; return false; }
                if (!seen.Add(property.Name)) { error = $"{path}: {property.Name}: given twice"; return false; }
            }
            if (!root.TryGetProperty("version", out JsonElement v) || !v.TryGetUInt32(out uint version) || version == 0)
            { error = $"{path}: version: a whole number from 1 to 4294967295 is required"; return false; }
            int chunkBytes = 1024;
            if (root.TryGetProperty("chunk_bytes", out JsonElement c) && (!c.TryGetInt32(out chunkBytes) || chunkBytes < UpdateManifest.MinChunkBytes || chunkBytes > UpdateManifest.MaxChunkBytes))
            { error = $"{path}: chunk_bytes: {UpdateManifest.MinChunkBytes} to {UpdateManifest.MaxChunkBytes} expected"; return false; }
            if (!root.TryGetProperty("assemblies", out JsonElement list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is < 1 or > UpdateManifest.MaxAssemblies)
            { error = $"{path}: assemblies: a list of 1 to {UpdateManifest.MaxAssemblies} .pe file names is required"; return false; }
            var files = new List<string>();
            var assemblies = new List<byte[]>();
            foreach (JsonElement item in list.EnumerateArray())
            {
                string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (string.IsNullOrEmpty(name) || name != Path.GetFileName(name)) { error = $"{path}: assemblies[{files.Count}]: a file name in the package directory is required"; return false; }
                string file = Path.Combine(directory, name);
                if (!File.Exists(file)) { error = $"{file}: not found (assemblies[{files.Count}] of {path})"; return false; }
                byte[] bytes = File.ReadAllBytes(file);
                if (bytes.Length < AssemblyMarker.Length || !bytes.AsSpan(0, AssemblyMarker.Length).SequenceEqual(AssemblyMarker))
                { error = $"{file}: not a nanoFramework assembly (.pe files start with \"NFMRK2\")"; return false; }
                files.Add(file);
                assemblies.Add(bytes);
            }
            try
            {
                package = new UpdatePackage(new UpdateImage(version, assemblies.ToArray(), chunkBytes), files);
            }
            catch (ArgumentException e)
            {
                error = $"{path}: {e.Message}";
                return false;
            }
        }
        error = "";
        return true;
    }
}
