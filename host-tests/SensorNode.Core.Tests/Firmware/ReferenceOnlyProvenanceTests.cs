using SensorNode.Core.Tests.Config;
using System.Text.RegularExpressions;

namespace SensorNode.Core.Tests.Firmware;

/// <summary>
/// Every REFERENCE-ONLY declaration file names, in its header, the nanoFramework repository, tag and path each of its
/// declarations was checked against ("// Checked against: nanoframework/&lt;repo&gt; @ &lt;tag&gt; : &lt;path&gt; (Types)"),
/// every type it declares is named by one such line (a block appended later may carry its own line above it), and
/// each tag is the version packages.config pins, unless a "// Pin not tagged: &lt;package&gt; &lt;pinned&gt; -&gt; &lt;tag&gt; (why)"
/// line says the pinned build has no tag and which one was read instead. Repositories map to packages through
/// firmware/package-dependencies.json.
/// </summary>
public class ReferenceOnlyProvenanceTests
{
    private const string Folder = "firmware/SensorNode.Firmware.CompileCheck/ReferenceOnly";

    private static readonly Regex CheckedLine = new(@"^// Checked against: nanoframework/(?<repo>[A-Za-z0-9.]+) @ (?<tag>\S+) : (?<path>\S+?\.cs)(?: \((?<decls>[^)]*)\))?\s*$", RegexOptions.Multiline);
    private static readonly Regex UntaggedLine = new(@"^// Pin not tagged: (?<id>\S+) (?<version>\S+) -> (?<tag>\S+) \(.+\)\s*$", RegexOptions.Multiline);
    private static readonly Regex TypeDeclaration = new(@"^\s*public\s+(?:(?:static|sealed|abstract|readonly|partial)\s+)*(?:class|struct|interface|enum)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, Folder), "*.cs").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>Everything wrong with one file's provenance lines; empty when complete.</summary>
    internal static List<string> Problems(string fileName, string text)
    {
        var problems = new List<string>();
        var data = PackageClosure.LoadData(RepoFiles.ReadText("firmware/package-dependencies.json"));
        var pins = PackageClosure.ReadPackagesConfig(RepoFiles.ReadText("firmware/SensorNode.DeviceTests/packages.config"));
        foreach (var (id, version) in PackageClosure.ReadPackagesConfig(RepoFiles.ReadText("firmware/SensorNode.Firmware/packages.config"))) pins[id] = version;

        string header = string.Join("\n", text.Split('\n').TakeWhile(l => l.StartsWith("//") || l.Trim().Length == 0));
        var checkedLines = CheckedLine.Matches(text).ToList();
        if (!CheckedLine.IsMatch(header)) problems.Add($"{fileName}: no '// Checked against: nanoframework/<repo> @ <tag> : <path>' line in the header");

        var untagged = UntaggedLine.Matches(text).ToDictionary(m => m.Groups["id"].Value, m => (Version: m.Groups["version"].Value, Tag: m.Groups["tag"].Value), StringComparer.OrdinalIgnoreCase);
        foreach (Match line in checkedLines)
        {
            string repo = line.Groups["repo"].Value, tag = line.Groups["tag"].Value;
            var package = data.FirstOrDefault(e => e.Nuspec.StartsWith($"nanoframework/{repo} @ ", StringComparison.OrdinalIgnoreCase));
            if (package == null)
            {
                problems.Add($"{fileName}: nanoframework/{repo} is no pinned package's repository (firmware/package-dependencies.json)");
                continue;
            }

            if (!pins.TryGetValue(package.Id, out var pinned))
            {
                problems.Add($"{fileName}: {package.Id} (nanoframework/{repo}) is not pinned by any packages.config");
            }
            else if (tag != "v" + pinned && !(untagged.TryGetValue(package.Id, out var u) && u.Version == pinned && (u.Tag == tag || (u.Tag == "main" && IsCommit(tag)))))
            {
                problems.Add($"{fileName}: checked against nanoframework/{repo} @ {tag} but packages.config pins {package.Id} {pinned} (check at v{pinned}, or add '// Pin not tagged: {package.Id} {pinned} -> {tag} (why)')");
            }

            if (line.Groups["decls"].Value.Trim().Length == 0) problems.Add($"{fileName}: '{line.Value.Trim()}' names no declaration");
        }

        var named = checkedLines.SelectMany(m => Regex.Matches(m.Groups["decls"].Value, @"[A-Za-z_][A-Za-z0-9_]*").Select(n => n.Value)).ToHashSet();
        foreach (Match type in TypeDeclaration.Matches(text))
        {
            if (!named.Contains(type.Groups["name"].Value)) problems.Add($"{fileName}: {type.Groups["name"].Value} is declared but no 'Checked against' line names it");
        }

        return problems;
    }

    // "main" in a Pin-not-tagged line: each Checked line names the main-branch commit it was read at.
    private static bool IsCommit(string tag) => Regex.IsMatch(tag, "^[0-9a-f]{7,40}$");

    [Theory]
    [MemberData(nameof(Files))]
    public void ReferenceOnlyFile_NamesRepoTagAndPath_ForEveryDeclaration_AtThePinnedVersion(string fileName)
    {
        var problems = Problems(fileName, RepoFiles.ReadText(Folder + "/" + fileName));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryReferenceOnlyFileIsChecked()
    {
        Assert.True(Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, Folder), "*.cs").Count() >= 12, "expected the ReferenceOnly declaration files under " + Folder);
    }

    [Fact]
    public void Mutation_TagThatIsNotThePin_IsRefused()
    {
        string text = RepoFiles.ReadText(Folder + "/System.Device.I2c.cs").Replace("System.Device.I2c @ v1.1.29 : System.Device.I2c/I2cDevice.cs", "System.Device.I2c @ v1.1.28 : System.Device.I2c/I2cDevice.cs");

        var problems = Problems("System.Device.I2c.cs", text);

        Assert.Equal(new[] { "System.Device.I2c.cs: checked against nanoframework/System.Device.I2c @ v1.1.28 but packages.config pins nanoFramework.System.Device.I2c 1.1.29 (check at v1.1.29, or add '// Pin not tagged: nanoFramework.System.Device.I2c 1.1.29 -> v1.1.28 (why)')" }, problems);
    }

    [Fact]
    public void Mutation_UntaggedPinThatMovedOn_IsRefused()
    {
        string text = RepoFiles.ReadText(Folder + "/System.Net.cs").Replace("Pin not tagged: nanoFramework.System.Net 1.11.60 ->", "Pin not tagged: nanoFramework.System.Net 1.11.58 ->");

        var problems = Problems("System.Net.cs", text);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Contains("@ v1.11.54 but packages.config pins nanoFramework.System.Net 1.11.60", p));
    }

    [Fact]
    public void Mutation_MissingHeader_AndUnnamedDeclaration_AreRefused()
    {
        string original = RepoFiles.ReadText(Folder + "/System.IO.Streams.cs");
        string noHeader = Regex.Replace(original, "^// Checked against:.*\n", "", RegexOptions.Multiline);
        string appended = original + "\nnamespace System.IO\n{\n    public sealed class BufferedStream\n    {\n    }\n}\n";
        string appendedWithLine = original + "\n// Checked against: nanoframework/System.IO.Streams @ v1.1.96 : System.IO.Streams/BufferedStream.cs (BufferedStream)\nnamespace System.IO\n{\n    public sealed class BufferedStream\n    {\n    }\n}\n";

        Assert.Contains("System.IO.Streams.cs: no '// Checked against: nanoframework/<repo> @ <tag> : <path>' line in the header", Problems("System.IO.Streams.cs", noHeader));
        Assert.Contains("System.IO.Streams.cs: SeekOrigin is declared but no 'Checked against' line names it", Problems("System.IO.Streams.cs", noHeader));
        Assert.Equal(new[] { "System.IO.Streams.cs: BufferedStream is declared but no 'Checked against' line names it" }, Problems("System.IO.Streams.cs", appended));
        Assert.Empty(Problems("System.IO.Streams.cs", appendedWithLine));
    }

    [Fact]
    public void Mutation_RepositoryOfNoPinnedPackage_IsRefused()
    {
        string text = RepoFiles.ReadText(Folder + "/System.Device.Gpio.cs").Replace("nanoframework/System.Device.Gpio @ v1.1.62 : System.Device.Gpio/PinMode.cs", "nanoframework/System.Device.Pwm @ v1.1.62 : System.Device.Pwm/PinMode.cs");

        Assert.Equal(new[] { "System.Device.Gpio.cs: nanoframework/System.Device.Pwm is no pinned package's repository (firmware/package-dependencies.json)" }, Problems("System.Device.Gpio.cs", text));
    }

    [Fact]
    public void Mutation_MainBranchCommit_WithoutAPinNotTaggedLine_IsRefused()
    {
        string original = RepoFiles.ReadText(Folder + "/System.Net.NetworkInformation.cs");
        string text = Regex.Replace(original, "^// Pin not tagged:.*\n", "", RegexOptions.Multiline);

        Assert.Empty(Problems("System.Net.NetworkInformation.cs", original));
        Assert.Contains(Problems("System.Net.NetworkInformation.cs", text), p => p.Contains("@ 21c1891 but packages.config pins nanoFramework.System.Net 1.11.60"));
    }
}
