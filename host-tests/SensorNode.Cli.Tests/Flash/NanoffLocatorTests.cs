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

public sealed class NanoffVersionTests
{
    [Fact]
    public void InstallHint_PinsTheTested25Nanoff_AndNamesItsRuntime()
    {
        Assert.Contains("dotnet tool install -g nanoff --version 2.5.162", NanoffLocator.InstallHint);
        Assert.Contains(".NET 8 runtime", NanoffLocator.InstallHint);
        Assert.Contains("--allow-roll-forward", NanoffLocator.InstallHint);
    }

    [Theory]
    [InlineData("nanoff 2.5.162+5ec221f455")]
    [InlineData(".NET nanoFramework Firmware Flasher v2.5.162+baccab8")]
    public void CheckVersion_AcceptsTheTestedVersion_WithoutANote(string output)
    {
        Assert.Null(NanoffLocator.CheckVersion(output, out string? note));
        Assert.Null(note);
    }

    [Fact]
    public void CheckVersion_Refuses3x_SayingWhyAndHowToGoBack()
    {
        string? problem = NanoffLocator.CheckVersion("nanoff 3.0.0-preview.1", out _);

        Assert.NotNull(problem);
        Assert.Contains("3.x nanoff", problem);
        Assert.Contains("dotnet tool install -g nanoff --version 2.5.162", problem);
    }
}
