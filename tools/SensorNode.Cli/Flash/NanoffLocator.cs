using System.Text.RegularExpressions;

namespace SensorNode.Cli;

/// <summary>
/// Finds the nanoff executable (on PATH, else where `dotnet tool install -g` puts it, ~/.dotnet/tools) and checks that
/// it is a nanoff this tool speaks to: the 2.5 line, whose flat --option syntax the plan uses.
/// </summary>
internal static partial class NanoffLocator
{
    /// <summary>
    /// The nanoff the plan was written against: nanoframework/Home#1835 (2026-08-27) runs it with ESP32_REV3 firmware
    /// 1.17.0.334/339, and its flat options match nanoFirmwareFlasher main @ baccab8 (research/nanoff-truth.md).
    /// Not run here: no board and no nanoff on the build machine.
    /// </summary>
    public const string TestedVersion = "2.5.162";

    public const string InstallHint =
        "install it with: dotnet tool install -g nanoff --version " + TestedVersion
        + "   (then make sure ~/.dotnet/tools is on PATH). nanoff 2.5 is a .NET 8 tool: install the .NET 8 runtime, or add "
        + "--allow-roll-forward to that command (.NET SDK 9 or later) to run it on a newer runtime. nanoff 3.x changed the command "
        + "syntax and is refused.";

    /// <summary>nanoff for this machine's PATH and home folder, or null when it is not installed.</summary>
    public static string? Find() =>
        Find(Environment.GetEnvironmentVariable("PATH"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            OperatingSystem.IsWindows(), File.Exists);

    /// <summary>The first existing nanoff in <paramref name="pathVariable"/>'s folders, then in <paramref name="home"/>/.dotnet/tools; null if none.</summary>
    public static string? Find(string? pathVariable, string? home, bool windows, Func<string, bool> exists)
    {
        string name = windows ? "nanoff.exe" : "nanoff";
        var folders = (pathVariable ?? "").Split(windows ? ';' : ':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (!string.IsNullOrEmpty(home)) folders.Add(Path.Combine(home, ".dotnet", "tools"));
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(exists);
    }

    /// <summary>
    /// Null when <paramref name="versionOutput"/> (what `nanoff --version` printed, e.g. "nanoff 2.5.162+5ec221f455") is a
    /// 2.5.x nanoff, else why it cannot be used. <paramref name="note"/> says when it is 2.5.x but not the tested version.
    /// </summary>
    public static string? CheckVersion(string versionOutput, out string? note)
    {
        note = null;
        Match match = VersionNumber().Match(versionOutput);
        if (!match.Success)
        {
            string said = versionOutput.Trim();
            return $"`nanoff --version` printed no version number ({(said.Length == 0 ? "nothing" : "'" + said.Split('\n')[0].Trim() + "'")}). "
                + "If nanoff does not start, it probably lacks its .NET 8 runtime. " + InstallHint;
        }
        string version = match.Value;
        int major = int.Parse(match.Groups[1].Value), minor = int.Parse(match.Groups[2].Value);
        if (major >= 3)
        {
            return $"nanoff {version} is a 3.x nanoff: it removed the flat `--update --target ...` syntax this tool uses (verbs since "
                + "nanoFirmwareFlasher v3.0.0-preview.1) and would fail every call with E9000. Install the tested 2.5 nanoff: "
                + $"dotnet tool uninstall -g nanoff && dotnet tool install -g nanoff --version {TestedVersion}";
        }
        if (major != 2 || minor != 5)
        {
            return $"nanoff {version} is older than the 2.5 line this tool was written for: "
                + $"dotnet tool update -g nanoff --version {TestedVersion}";
        }
        if (version != TestedVersion)
            note = $"nanoff {version}: the commands were written against nanoff {TestedVersion}; other 2.5 versions take the same options.";
        return null;
    }

    [GeneratedRegex(@"(\d+)\.(\d+)\.(\d+)")]
    private static partial Regex VersionNumber();
}
