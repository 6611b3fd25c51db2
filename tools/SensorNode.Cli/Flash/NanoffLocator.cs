namespace SensorNode.Cli;

/// <summary>Finds the nanoff executable: on PATH, else where `dotnet tool install -g` puts it (~/.dotnet/tools).</summary>
internal static class NanoffLocator
{
    public const string InstallHint = "install it with: dotnet tool install -g nanoff   (needs the .NET SDK; then make sure ~/.dotnet/tools is on PATH)";

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
}
