using System.Text.Json.Nodes;
using SensorNode.Core.Tests.Config;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Tests.Physics;

/// <summary>The default profile, and every way a profile file can be wrong: each names the file and the field.</summary>
public sealed class HardwareProfileTests : IDisposable
{
    private const string DefaultProfilePath = "tools/SensorNode.Simulation/Profiles/default.json";
    private const int FigureCount = 35;

    private readonly string _dir = Directory.CreateTempSubdirectory("sensornode-profile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string DefaultText() => RepoFiles.ReadText(DefaultProfilePath);

    /// <summary>Writes the default profile after <paramref name="edit"/> changed its "figures" object; returns the path.</summary>
    private string WriteEdited(Action<JsonObject> edit)
    {
        JsonNode root = JsonNode.Parse(DefaultText())!;
        edit(root["figures"]!.AsObject());
        return Write(root.ToJsonString());
    }

    private string Write(string text)
    {
        string path = Path.Combine(_dir, "edited.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static ProfileException LoadFails(string path) => Assert.Throws<ProfileException>(() => HardwareProfile.Load(path));

    [Fact]
    public void Default_Loads_WithASourceForEveryFigure()
    {
        HardwareProfile profile = HardwareProfile.Default();

        Assert.Equal("reference-esp32-supercap", profile.Name);
        Assert.Equal(FigureCount, profile.Sources.Count);
        Assert.All(profile.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), s.Key));
        Assert.Equal(1500, profile.SupercapCapacitanceMillifarads);
        Assert.Equal(5400, profile.SupercapMaxMillivolts);
        Assert.Equal(3000, profile.BrownoutMillivolts);
        Assert.Equal(3300, profile.ColdstartMillivolts);
        Assert.Equal(0.5, profile.PvMicroampsPerLux);
        Assert.Equal(15, profile.DeepSleepMicroamps);
        Assert.Equal(15, profile.DeepSleepTimerOnlyMicroamps);
        Assert.Equal(2, profile.PirHoldSeconds);
        Assert.False(profile.BootRadioAssociates);
        Assert.Equal(450, profile.BootAssociateMilliseconds);
        Assert.Equal(130, profile.BootAssociateMilliamps); // the last field: the whole table was read
    }

    [Theory]
    [InlineData("\"false\"")]
    [InlineData("0")]
    [InlineData("null")]
    public void Load_Throws_NamingFileAndField_WhenAnOptionIsNotTrueOrFalse(string value)
    {
        string path = WriteEdited(f => f["boot_radio_associates"]!["value"] = JsonNode.Parse(value));

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.boot_radio_associates: expected { \"value\": true|false", e.Message);
    }

    [Fact]
    public void Load_ReadsTheBootAssociationOption()
    {
        string path = WriteEdited(f => f["boot_radio_associates"]!["value"] = true);

        Assert.True(HardwareProfile.Load(path).BootRadioAssociates);
    }

    [Fact]
    public void Default_IsTheProfileFileInTheRepository()
    {
        HardwareProfile embedded = HardwareProfile.Default();
        HardwareProfile file = HardwareProfile.Load(Path.Combine(RepoFiles.Root, DefaultProfilePath));

        Assert.Equal(embedded.Sources, file.Sources);
        foreach (var property in typeof(HardwareProfile).GetProperties().Where(p => p.PropertyType == typeof(double) || p.PropertyType == typeof(bool)))
        {
            Assert.Equal(property.GetValue(embedded), property.GetValue(file));
        }
    }

    [Fact]
    public void Load_Throws_NamingFileAndField_WhenAFigureIsMissing()
    {
        string path = WriteEdited(f => f.Remove("deep_sleep_microamps"));

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.deep_sleep_microamps: missing", e.Message);
    }

    [Fact]
    public void Load_Throws_NamingFileAndField_WhenAFigureIsUnknown()
    {
        string path = WriteEdited(f => f["supercap_capacitance_farads"] = new JsonObject { ["value"] = 1.5, ["source"] = "typo" });

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.supercap_capacitance_farads: unknown figure", e.Message);
    }

    [Theory]
    [InlineData("harvester_efficiency", 1.5, "outside 0..1")]
    [InlineData("pv_mpp_current_fraction", -0.1, "outside 0..1")]
    [InlineData("supercap_capacitance_millifarads", 0.5, "outside 1..1000000")]
    [InlineData("supercap_max_millivolts", 54, "outside 1000..20000")] // volts typed where millivolts belong
    public void Load_Throws_NamingFileFieldAndRange_WhenAValueIsOutOfRange(string key, double value, string range)
    {
        string path = WriteEdited(f => f[key]!["value"] = value);

        var e = LoadFails(path);

        Assert.Contains(path + ": figures." + key + ": ", e.Message);
        Assert.Contains(range, e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Load_Throws_NamingFileAndField_WhenAFigureHasNoSource(string? source)
    {
        string path = WriteEdited(f =>
        {
            var figure = f["boot_milliseconds"]!.AsObject();
            figure.Remove("source");
            if (source != null) figure["source"] = source;
        });

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.boot_milliseconds: every figure needs a \"source\"", e.Message);
    }

    [Fact]
    public void Load_Throws_NamingFileAndField_WhenAValueIsNotANumber()
    {
        string path = WriteEdited(f => f["radio_milliamps"]!["value"] = "130");

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.radio_milliamps: expected", e.Message);
    }

    [Fact]
    public void Load_ReportsEveryBadFieldAtOnce()
    {
        string path = WriteEdited(f =>
        {
            f.Remove("pir_hold_seconds");
            f["boot_milliamps"]!["value"] = -1;
        });

        var e = LoadFails(path);

        Assert.Contains("figures.pir_hold_seconds", e.Message);
        Assert.Contains("figures.boot_milliamps", e.Message);
    }

    [Fact]
    public void Load_Throws_WithTheLineNumber_WhenTheJsonIsBroken()
    {
        string[] lines = DefaultText().Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains("\"boot_milliamps\""));
        lines[index] = lines[index].Replace("\"boot_milliamps\":", "\"boot_milliamps\"");
        string path = Write(string.Join('\n', lines));

        var e = LoadFails(path);

        Assert.Contains(path + ":line " + (index + 1) + ": not valid JSON", e.Message);
    }

    [Theory]
    [InlineData(3000)] // equal to brown-out: the load would be reconnected with no margin at all
    [InlineData(2900)]
    public void Load_Throws_NamingColdstart_WhenItIsNotAboveBrownout(double coldstartMillivolts)
    {
        string path = WriteEdited(f => f["coldstart_millivolts"]!["value"] = coldstartMillivolts);

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.coldstart_millivolts: must be above brownout_millivolts", e.Message);
    }

    [Fact]
    public void Load_Throws_NamingTheFile_WhenItDoesNotExist()
    {
        string path = Path.Combine(_dir, "no-such-profile.json");

        var e = LoadFails(path);

        Assert.StartsWith(path + ": cannot read the profile", e.Message);
    }

    [Fact]
    public void Load_Throws_NamingTheFile_WhenThereIsNoFiguresObject()
    {
        string path = Write("{ \"name\": \"empty\" }");

        var e = LoadFails(path);

        Assert.Contains(path + ": expected an object with a \"figures\" object", e.Message);
    }

    [Fact]
    public void Load_Throws_NamingTheKey_WhenAFigureIsWrittenBesideFiguresInsteadOfInIt()
    {
        // A user's copy with "boot_milliseconds" at the top level ran on the base profile's 700 ms without a word.
        JsonNode root = JsonNode.Parse(DefaultText())!;
        root["boot_milliseconds"] = JsonNode.Parse("{ \"value\": 1500, \"source\": \"bench\" }");
        string path = Write(root.ToJsonString());

        var e = LoadFails(path);

        Assert.Contains(path + ": boot_milliseconds: unknown top-level key (known: name, description, figures); move it into \"figures\" as figures.boot_milliseconds", e.Message);
    }

    [Fact]
    public void Load_Throws_NamingTheFigure_WhenItIsGivenTwice()
    {
        // A user who adds a measured figure at the end of "figures" without deleting the reference one: JSON keeps
        // one of the two and the run used it without a word.
        string text = DefaultText();
        int figures = text.IndexOf("\"figures\"", StringComparison.Ordinal);
        int open = text.IndexOf('{', figures);
        string path = Write(text[..(open + 1)] + " \"boot_milliseconds\": { \"value\": 1500, \"source\": \"bench\" }," + text[(open + 1)..]);

        var e = LoadFails(path);

        Assert.Contains(path + ": figures.boot_milliseconds: given twice; keep one", e.Message);
    }
}
