using SensorNode.Cli;

namespace SensorNode.Cli.Tests.Flash;

public sealed class NanoffLocatorTests
{
    [Fact]
    public void Find_PrefersPath_ThenTheDotnetToolsFolder()
    {
        var present = new HashSet<string> { "/opt/bin/nanoff", Path.Combine("/home/ana", ".dotnet", "tools", "nanoff") };

        Assert.Equal("/opt/bin/nanoff", NanoffLocator.Find("/usr/bin:/opt/bin", "/home/ana", windows: false, present.Contains));
        Assert.Equal(Path.Combine("/home/ana", ".dotnet", "tools", "nanoff"), NanoffLocator.Find("/usr/bin", "/home/ana", windows: false, present.Contains));
    }

    [Fact]
    public void Find_ReturnsNull_WhenNanoffIsNotInstalled() =>
        Assert.Null(NanoffLocator.Find("/usr/bin:/bin", "/home/ana", windows: false, _ => false));

    [Fact]
    public void Find_LooksForTheExe_OnWindows()
    {
        var seen = new List<string>();
        NanoffLocator.Find(@"C:\Tools", @"C:\Users\ana", windows: true, p => { seen.Add(p); return false; });

        Assert.All(seen, p => Assert.EndsWith("nanoff.exe", p));
        Assert.Equal(2, seen.Count);
    }
}
