using SensorNode.Core.Tests.Config;
using System.Text.RegularExpressions;

namespace SensorNode.Core.Tests.Firmware;

/// <summary>
/// The device projects list their files explicitly (.nfproj has no globbing that would keep host-only code
/// out), so every portable-core source must be linked by both, and every listed file must exist.
/// </summary>
public class NfprojSyncTests
{

    [Theory]
    [InlineData("firmware/SensorNode.Firmware/SensorNode.Firmware.nfproj")]
    [InlineData("firmware/SensorNode.DeviceTests/SensorNode.DeviceTests.nfproj")]
    public void Nfproj_LinksExactlyTheCoreSources(string project)
    {
        string root = RepoFiles.Root;
        string core = Path.Combine(root, "firmware", "SensorNode.Core");
        var expected = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/") && !f.StartsWith("obj/"))
            .ToHashSet();
        string text = File.ReadAllText(Path.Combine(root, project));
        var linked = Regex.Matches(text, @"<Compile Include=""\.\.\\SensorNode\.Core\\([^""]+)""")
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .ToHashSet();

        var missing = expected.Except(linked).Order().ToList();
        var stale = linked.Except(expected).Order().ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"{project}: not linked: [{string.Join(", ", missing)}]; listed but absent: [{string.Join(", ", stale)}]. Run: python3 tools/sync-nfproj.py");
    }
}
