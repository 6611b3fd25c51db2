namespace SensorNode.Cli;

/// <summary>
/// Checks an output before a command works: the folder or file is created (or opened for writing) and a probe is
/// written, so an unwritable <c>--out</c>/<c>--csv</c> fails in one line before the run, not after it.
/// </summary>
public static class OutputPaths
{
    /// <summary>Creates <paramref name="dir"/> (and its parents) and checks that a file can be written in it.</summary>
    public static void PrepareDirectory(string option, string dir)
    {
        try
        {
            if (File.Exists(dir)) throw new IOException("a file, not a folder");
            Directory.CreateDirectory(dir);
            string probe = Path.Combine(dir, $".sensornode-write-probe-{System.Environment.ProcessId}");
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CommandFailedException($"--{option} {dir}: cannot write there: {e.Message}");
        }
    }

    /// <summary>
    /// Creates the parent folder of <paramref name="path"/> and checks that the file can be opened for writing; a
    /// file that did not exist before is removed again (the command writes it when it has the result).
    /// </summary>
    public static void PrepareFile(string option, string path)
    {
        try
        {
            if (Directory.Exists(path)) throw new IOException("a folder, not a file");
            string? parent = Path.GetDirectoryName(Path.GetFullPath(path));
            if (parent != null) Directory.CreateDirectory(parent);
            bool existed = File.Exists(path);
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite)) { }
            if (!existed) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CommandFailedException($"--{option} {path}: cannot write there: {e.Message}");
        }
    }
}

/// <summary>A failure that is not a usage error (an output that cannot be written): one line, exit 1.</summary>
public sealed class CommandFailedException(string message) : Exception(message);
