namespace SensorNode.Core.Tests.Config;

/// <summary>Finds files of the repository by walking up from the test assembly to the folder holding SensorNode.sln.</summary>
internal static class RepoFiles
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SensorNode.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("SensorNode.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
