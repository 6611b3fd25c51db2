namespace SensorNode.NanoCheck.Tests.TestSupport;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory.</summary>
    public TempDirectory() => Directory.CreateDirectory(Path);

    /// <summary>Full path of the directory.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nanocheck-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="fileName"/> inside the directory and returns its path.</summary>
    public string Write(string fileName, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
