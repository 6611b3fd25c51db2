using SensorNode.Core.Tests.Config;
using System.Text.RegularExpressions;

namespace SensorNode.Core.Tests.Firmware;

/// <summary>
/// `dotnet build SensorNode.sln` on Linux must never build a .nfproj (MSB4057), while Visual Studio builds them in
/// the Device configuration. `dotnet sln add` breaks this silently, hence the test.
/// </summary>
public class SolutionConfigurationTests
{
    private static readonly string Sln = File.ReadAllText(Path.Combine(RepoFiles.Root, "SensorNode.sln"));


    private static List<(string Path, string Guid)> Projects() =>
        Regex.Matches(Sln, @"Project\(""\{[^}]+\}""\) = ""[^""]+"", ""([^""]+proj)"", ""\{([^}]+)\}""")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [Fact]
    public void NanoFrameworkProjects_BuildOnlyInTheDeviceConfiguration()
    {
        var nano = Projects().Where(p => p.Path.EndsWith(".nfproj")).ToList();
        Assert.Equal(2, nano.Count);
        foreach (var (path, guid) in nano)
        {
            Assert.DoesNotContain($"{{{guid}}}.Debug|Any CPU.Build.0", Sln);
            Assert.DoesNotContain($"{{{guid}}}.Release|Any CPU.Build.0", Sln);
            Assert.Contains($"{{{guid}}}.Device|Any CPU.Build.0", Sln);
        }
    }

    [Fact]
    public void HostProjects_BuildInDebugAndRelease_NotInDevice()
    {
        var host = Projects().Where(p => p.Path.EndsWith(".csproj")).ToList();
        Assert.True(host.Count >= 8, "expected the host projects in the solution");
        foreach (var (path, guid) in host)
        {
            Assert.Contains($"{{{guid}}}.Debug|Any CPU.Build.0", Sln);
            Assert.Contains($"{{{guid}}}.Release|Any CPU.Build.0", Sln);
            Assert.DoesNotContain($"{{{guid}}}.Device|Any CPU.Build.0", Sln);
        }
        Assert.DoesNotContain("|x64", Sln);
        Assert.DoesNotContain("|x86", Sln);
    }

    [Fact]
    public void EveryProjectInTheRepository_IsInTheSolution()
    {
        string root = RepoFiles.Root;
        var listed = Projects().Select(p => p.Path.Replace('\\', '/')).ToHashSet();
        var onDisk = Directory.EnumerateFiles(root, "*.*proj", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csproj") || f.EndsWith(".nfproj"))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"));
        Assert.All(onDisk, f => Assert.Contains(f, listed));
    }
}
