namespace SensorNode.Cli;

/// <summary>What <see cref="FlashCommand"/> touches outside its arguments; tests substitute each part.</summary>
internal sealed record FlashEnvironment(IProcessRunner Runner, Func<string?> FindNanoff, string WorkingDirectory, string TempRoot)
{
    /// <summary>The real machine: processes, nanoff from PATH or ~/.dotnet/tools, the current folder, the system temp folder.</summary>
    public static FlashEnvironment System() =>
        new(new SystemProcessRunner(), NanoffLocator.Find, Directory.GetCurrentDirectory(), Path.GetTempPath());
}
