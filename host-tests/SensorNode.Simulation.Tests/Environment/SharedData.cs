namespace SensorNode.Simulation.Tests.Environment;

/// <summary>
/// Finds the real traces that live beside the repository (../shared/data, never inside it).
/// Search: $SENSORNODE_SHARED_DATA if set; else walk up from the test assembly to the folder
/// holding SensorNode.sln, then from there upwards for shared/data (a git worktree sits deeper
/// than the main checkout, so its ../shared may be one level further up).
/// </summary>
internal static class SharedData
{
    public const string EnvironmentVariable = "SENSORNODE_SHARED_DATA";

    private static readonly Lazy<string?> Folder = new(Find);

    /// <summary>The shared data folder, or null when it is not there.</summary>
    public static string? Directory => Folder.Value;

    /// <summary>Why tests that need the folder are skipped.</summary>
    public static string MissingReason =>
        System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given
            ? $"shared data folder not found: ${EnvironmentVariable} is '{given}', which does not exist"
            : "shared data folder not found: no shared/data/pible above the folder of SensorNode.sln (set $" + EnvironmentVariable + " to point at one)";

    /// <summary>Full path of a Pible trace, e.g. "ff66-office-2019-09-30_to_11-03.txt".</summary>
    public static string Pible(string fileName) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(MissingReason), "pible", fileName);

    /// <summary>Full path of the ff66 office trace, the one most tests train and evaluate on.</summary>
    public static string Ff66 => Pible("ff66-office-2019-09-30_to_11-03.txt");

    private static string? Find()
    {
        string? fromVariable = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromVariable)) return System.IO.Directory.Exists(fromVariable) ? fromVariable : null;

        DirectoryInfo? folder = new(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SensorNode.sln"))) folder = folder.Parent;
        for (folder = folder?.Parent; folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "shared", "data");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "pible"))) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when the shared real traces are not available.</summary>
public sealed class RequiresSharedDataFactAttribute : FactAttribute
{
    public RequiresSharedDataFactAttribute()
    {
        if (SharedData.Directory is null) Skip = SharedData.MissingReason;
    }
}

/// <summary>A theory that is skipped, with the reason, when the shared real traces are not available.</summary>
public sealed class RequiresSharedDataTheoryAttribute : TheoryAttribute
{
    public RequiresSharedDataTheoryAttribute()
    {
        if (SharedData.Directory is null) Skip = SharedData.MissingReason;
    }
}
