namespace SensorNode.Gateway;

/// <summary>Writes stored readings as CSV (docs/gateway.md).</summary>
public static class ReadingsCsv
{
    /// <summary>Writes a header and one line per reading.</summary>
    public static void Write(TextWriter writer, IEnumerable<StoredReading> readings) => throw new NotImplementedException();
}
