namespace SensorNode.Simulation.Tests.Environment;

/// <summary>A fresh temporary folder for hand-written trace files, deleted afterwards.</summary>
internal sealed class TempTraceFolder : IDisposable
{
    public TempTraceFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sensornode-traces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes the lines (joined with '\n') to a file in the folder and returns its path.</summary>
    public string Write(string fileName, params string[] lines)
    {
        string path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: the OS cleans the temp folder */ }
    }
}
