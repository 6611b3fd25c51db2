using System.Text;
using SensorNode.Core.Config;

namespace SensorNode.Cli;

/// <summary>
/// Reads nf.config and secrets.config on the host with the node's size limit (<see cref="ConfigFile.MaxBytes"/>),
/// so that a wrong path such as /dev/zero or a huge file gives one clear error instead of growing memory.
/// </summary>
public static class ConfigFileText
{
    /// <summary>
    /// The file's text (UTF-8; a byte-order mark is skipped). Throws <see cref="UsageException"/> naming
    /// <paramref name="shownName"/> when the file is missing, a directory, unreadable or larger than the node reads.
    /// </summary>
    public static string Read(string path, string shownName)
    {
        if (Directory.Exists(path)) throw new UsageException($"{shownName}: is a directory, not a configuration file");
        byte[] buffer = new byte[ConfigFile.MaxBytes + 1];
        int length = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{shownName}: cannot be read ({e.Message})");
        }
        if (length > ConfigFile.MaxBytes)
            throw new UsageException($"{shownName}: larger than {ConfigFile.MaxBytes} bytes, the most the node reads (an nf.config is a few KB); is it the right file?");
        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
