using System.Text.RegularExpressions;

namespace SensorNode.Cli;

/// <summary>
/// Reads what nanoff printed. Its file deployment prints a line per failed file and still exits 0
/// (nanoFirmwareFlasher FileDeploymentManager.DeployAsync @ 0b696899: "Error deploying content file {src} to {dest}",
/// "Exception deploying content file {src} to {dest}", "Error deleting file {dest}, ..."), and every failed call ends
/// with "Error Exxxx: ..." (Program.OutputError) while the exit status is only the code mod 256 on Linux.
/// </summary>
internal static partial class NanoffOutput
{
    // Each per-file failure line nanoff prints, with what it means.
    private static readonly (string Start, string Reason)[] FileFailureLines =
    [
        ("Error deploying content file", "nanoCLR refused the write (a storage error on the node: I:\\ not mounted or full, or an empty source file)"),
        ("Exception deploying content file", "nanoff failed while sending it (the connection dropped, the node reset or went to sleep, or the source file could not be read)"),
        ("Error deleting file", "nanoCLR could not delete it (it may not exist on the storage)"),
    ];

    /// <summary>One failed file: the line nanoff printed, the JSON entry it names (null if none matches) and what it means.</summary>
    public sealed record FileFailure(string Line, DeployedFile? File, string Reason);

    /// <summary>Every per-file failure in <paramref name="output"/>, matched to the entry of <paramref name="files"/> whose paths it names.</summary>
    public static IReadOnlyList<FileFailure> FileFailures(string output, IReadOnlyList<DeployedFile> files) =>
        Lines(output)
            .Select(line => (line, kind: FileFailureLines.FirstOrDefault(k => line.StartsWith(k.Start, StringComparison.Ordinal))))
            .Where(p => p.kind.Start != null)
            .Select(p => new FileFailure(p.line, files.FirstOrDefault(f => p.line.Contains(f.DestinationFilePath, StringComparison.Ordinal)
                && (p.line.StartsWith("Error deleting", StringComparison.Ordinal) || p.line.Contains(f.SourceFilePath, StringComparison.Ordinal))), p.kind.Reason))
            .ToArray();

    /// <summary>nanoff's own error line, e.g. "Error E2000: Error connecting to nanoDevice.", or null when it printed none.</summary>
    public static string? ErrorLine(string output) => Lines(output).LastOrDefault(line => ErrorCode().IsMatch(line));

    // Lines without colour escapes (nanoff sets Console.ForegroundColor around its errors) and surrounding blanks.
    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n').Select(line => ColourEscape().Replace(line, "").Trim()).Where(line => line.Length > 0);

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex ColourEscape();

    [GeneratedRegex(@"^Error E\d{4}\b")]
    private static partial Regex ErrorCode();
}
