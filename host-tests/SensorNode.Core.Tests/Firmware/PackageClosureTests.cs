using SensorNode.Core.Tests.Config;

namespace SensorNode.Core.Tests.Firmware;

/// <summary>
/// Both device projects pin the whole dependency closure of what they use (published nuspec dependencies, at or
/// above their minimum versions) and their .nfproj references exactly the pinned packages. The mutation tests run
/// the same check on the real files with one line changed, so a check that passes everything is caught.
/// </summary>
public class PackageClosureTests
{
    public static TheoryData<string> Projects => new()
    {
        "firmware/SensorNode.Firmware",
        "firmware/SensorNode.DeviceTests",
    };

    private static IReadOnlyList<PackageClosure.Entry> Data => PackageClosure.LoadData(RepoFiles.ReadText("firmware/package-dependencies.json"));

    private static (string Config, string Nfproj) Read(string project) =>
        (RepoFiles.ReadText(project + "/packages.config"), RepoFiles.ReadText(project + "/" + Path.GetFileName(project) + ".nfproj"));

    [Theory]
    [MemberData(nameof(Projects))]
    public void PackagesConfig_PinsTheWholeNuspecClosure_AndMatchesTheNfproj(string project)
    {
        var (config, nfproj) = Read(project);

        var problems = PackageClosure.Check(project, config, nfproj, Data);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void DependencyData_CoversEveryPin_AndNamesANuspecAtATag()
    {
        foreach (var entry in Data)
        {
            Assert.Matches(@"^nanoframework/[A-Za-z0-9.]+ @ v\d+\.\d+\.\d+ : [^ ]+\.nuspec$", entry.Nuspec);
            Assert.Matches(@"^(audit|[0-9a-f]{40})$", entry.Read);
        }

        Assert.Equal(Data.Count, Data.Select(e => (e.Id.ToLowerInvariant(), e.Version)).Distinct().Count());
    }

    [Fact]
    public void Mutation_DeviceTestsWithoutSystemText_IsRefusedForFileSystemAndStreams()
    {
        var (config, nfproj) = Read("firmware/SensorNode.DeviceTests");
        string line = "  <package id=\"nanoFramework.System.Text\" version=\"1.3.42\" targetFramework=\"netnano1.0\" />\n";
        Assert.Contains(line, config);

        var problems = PackageClosure.Check("DeviceTests", config.Replace(line, ""), nfproj, Data);

        Assert.Contains(problems, p => p.Contains("nanoFramework.System.IO.FileSystem 1.1.87 depends on nanoFramework.System.Text >= 1.3.42") && p.Contains("does not pin"));
        Assert.Contains(problems, p => p.Contains("nanoFramework.System.IO.Streams 1.1.96 depends on nanoFramework.System.Text >= 1.3.42"));
        Assert.Contains(problems, p => p.Contains("references nanoFramework.System.Text.1.3.42 (HintPath) but packages.config does not pin"));
    }

    [Fact]
    public void Mutation_DependencyBelowItsMinimum_IsRefused()
    {
        var (config, nfproj) = Read("firmware/SensorNode.Firmware");
        string lowered = config.Replace("id=\"nanoFramework.System.Net\" version=\"1.11.60\"", "id=\"nanoFramework.System.Net\" version=\"1.11.54\"");
        Assert.NotEqual(config, lowered);
        // Keep the nfproj in step so only the closure rule can fire.
        string nfprojLowered = nfproj.Replace("nanoFramework.System.Net.1.11.60", "nanoFramework.System.Net.1.11.54");
        var data = Data.Append(new PackageClosure.Entry("nanoFramework.System.Net", "1.11.54", "test", "audit", Data.Single(e => e.Id == "nanoFramework.System.Net").Dependencies)).ToList();

        var problems = PackageClosure.Check("Firmware", lowered, nfprojLowered, data);

        Assert.Equal(new[] { "Firmware: nanoFramework.M2Mqtt 5.1.220 depends on nanoFramework.System.Net >= 1.11.60 (nanoframework/nanoFramework.m2mqtt @ v5.1.220 : nanoFramework.M2Mqtt.nuspec), packages.config pins 1.11.54" }, problems);
    }

    [Fact]
    public void Mutation_PinWithoutDependencyData_IsRefused()
    {
        var (config, nfproj) = Read("firmware/SensorNode.Firmware");
        string bumped = config.Replace("id=\"nanoFramework.Hardware.Esp32\" version=\"1.6.40\"", "id=\"nanoFramework.Hardware.Esp32\" version=\"1.6.42\"");

        var problems = PackageClosure.Check("Firmware", bumped, nfproj.Replace("Hardware.Esp32.1.6.40", "Hardware.Esp32.1.6.42"), Data);

        Assert.Equal(new[] { "Firmware: nanoFramework.Hardware.Esp32 1.6.42 has no entry in firmware/package-dependencies.json (add its nuspec dependencies at that version)" }, problems);
    }

    [Fact]
    public void Mutation_HintPathWithoutPin_AndPinWithoutHintPath_AreRefused()
    {
        var (config, nfproj) = Read("firmware/SensorNode.DeviceTests");
        string i2c = "..\\..\\packages\\nanoFramework.System.Device.I2c.1.1.29\\lib\\System.Device.I2c.dll";
        Assert.Contains(i2c, nfproj);

        var dropped = PackageClosure.Check("DeviceTests", config, nfproj.Replace(i2c, "nowhere.dll"), Data);
        var stale = PackageClosure.Check("DeviceTests", config, nfproj.Replace(i2c, i2c.Replace("1.1.29", "1.1.30")), Data);
        string gpio = "..\\..\\packages\\nanoFramework.System.Device.Gpio.1.1.62\\lib\\System.Device.Gpio.dll";
        var unpinned = PackageClosure.Check("DeviceTests", config, nfproj.Replace(i2c, i2c + "</HintPath><HintPath>" + gpio), Data);

        Assert.Equal(new[] { "DeviceTests: packages.config pins nanoFramework.System.Device.I2c 1.1.29 but the nfproj has no HintPath into packages\\nanoFramework.System.Device.I2c.1.1.29\\lib" }, dropped);
        Assert.Contains("DeviceTests: the nfproj references nanoFramework.System.Device.I2c.1.1.30 (HintPath) but packages.config pins nanoFramework.System.Device.I2c 1.1.29", stale);
        Assert.Equal(new[] { "DeviceTests: the nfproj references nanoFramework.System.Device.Gpio.1.1.62 (HintPath) but packages.config does not pin nanoFramework.System.Device.Gpio" }, unpinned);
    }

    [Theory]
    [InlineData("1.11.60", "1.11.54", 1)]
    [InlineData("1.3.42", "1.3.42", 0)]
    [InlineData("1.2.15", "1.3.42", -1)]
    [InlineData("1.12.0", "1.12.0-preview.19", 1)]
    [InlineData("1.10.0", "1.9.99", 1)]
    public void CompareVersions_IsNumeric(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(PackageClosure.CompareVersions(a, b)));
    }
}
