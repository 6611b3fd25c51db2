namespace SensorNode.Simulation.Environment;

/// <summary>Reads a trace file's lines, turning I/O failures into <see cref="TraceFormatException"/>.</summary>
internal static class TraceFile
{
    public static string[] ReadAllLines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TraceFormatException(path, $"Cannot read trace file '{path}': {e.Message}", e);
        }
    }
}
