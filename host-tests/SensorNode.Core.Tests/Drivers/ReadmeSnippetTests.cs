using Xunit;

namespace SensorNode.Core.Tests.Drivers;

/// <summary>Each driver README's C# snippet must be the code of its ReadmeUsage test, so the snippet cannot rot.</summary>
public class ReadmeSnippetTests
{
    [Theory]
    [InlineData("Sht3x", "Sht3x/Sht3xSensorTests.cs")]
    [InlineData("Sht4x", "Sht4x/Sht4xSensorTests.cs")]
    [InlineData("Opt3001", "Opt3001/Opt3001SensorTests.cs")]
    [InlineData("Bh1750", "Bh1750/Bh1750SensorTests.cs")]
    [InlineData("Supercap", "Supercap/SupercapMonitorTests.cs")]
    [InlineData("Pir", "Pir/PirSensorTests.cs")]
    public void ReadmeSnippet_IsTheCodeOfItsTest(string driver, string testFile)
    {
        string root = FindRepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "firmware/SensorNode.Core/Drivers", driver, "README.md"));
        string test = File.ReadAllText(Path.Combine(root, "host-tests/SensorNode.Core.Tests/Drivers", testFile));

        Assert.Equal(Between(test, "// --- README snippet starts\n", "// --- README snippet ends"), Between(readme, "```csharp\n", "```"));
    }

    private static string[] Between(string text, string start, string end)
    {
        text = text.Replace("\r\n", "\n");
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"marker '{start.Trim()}' not found");
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"marker '{end.Trim()}' not found");
        return text[from..to].Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SensorNode.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SensorNode.sln not found above " + AppContext.BaseDirectory);
    }
}
