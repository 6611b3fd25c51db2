namespace SensorNode.Simulation.Environment;

/// <summary>Reads a trace file in whichever format it is: '|'-separated is Pible, anything else CSV.</summary>
public static class TraceReader
{
    private const int LinesSniffed = 20;

    /// <summary>Reads a Pible or CSV trace onto a grid of <paramref name="stepSeconds"/> (1 to 86 400 s).</summary>
    /// <exception cref="TraceFormatException">The file cannot be read or has no usable row.</exception>
    public static EnvironmentTrace Read(string path, int stepSeconds = 60) =>
        IsPible(path) ? PibleTraceReader.Read(path, stepSeconds) : CsvTraceReader.Read(path, stepSeconds);

    /// <summary>Whether any of the first non-blank lines contains '|'.</summary>
    public static bool IsPible(string path) =>
        TraceFile.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Take(LinesSniffed).Any(l => l.Contains('|'));
}
