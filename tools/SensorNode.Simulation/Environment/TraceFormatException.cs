namespace SensorNode.Simulation.Environment;

/// <summary>
/// A trace file that cannot be used at all: missing or unreadable, an unusable CSV header, or no
/// usable row. The message names the file and, when rows were skipped, the first skip reasons.
/// </summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>The trace file as it was given to the reader.</summary>
    public string FilePath { get; }

    public TraceFormatException(string filePath, string message, Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
    }
}
