namespace SensorNode.NanoCheck;

/// <summary>The file is missing, unreadable, or not a .NET assembly with metadata.</summary>
public sealed class UnreadableAssemblyException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>; the message names the file.</summary>
    public UnreadableAssemblyException(string path, string detail, Exception? inner = null)
        : base($"cannot read '{path}': {detail}", inner)
    {
        Path = path;
    }

    /// <summary>The path as given by the caller.</summary>
    public string Path { get; }
}
