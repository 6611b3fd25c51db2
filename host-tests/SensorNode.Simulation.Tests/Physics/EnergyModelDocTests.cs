using System.Globalization;
using System.Text.Json;
using SensorNode.Core.Tests.Config;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Tests.Physics;

/// <summary>docs/energy-model.md quotes the default profile and the physics; these keep the quotes true.</summary>
public class EnergyModelDocTests
{
    private static readonly string Doc = RepoFiles.ReadText("docs/energy-model.md");

    /// <summary>The cells after the label of the doc's table row starting with "| <paramref name="label"/> |".</summary>
    private static string[] Row(string label)
    {
        string line = Doc.Split('\n').Single(l => l.StartsWith("| " + label + " |"));
        return line.Split('|', StringSplitOptions.TrimEntries)[2..^1];
    }

    [Fact]
    public void FigureTable_QuotesEveryDefaultFigureWithItsValueAndSource()
    {
        using var json = JsonDocument.Parse(RepoFiles.ReadText("tools/SensorNode.Simulation/Profiles/default.json"));
        foreach (JsonProperty figure in json.RootElement.GetProperty("figures").EnumerateObject())
        {
            string[] cells = Row("`" + figure.Name + "`");
            JsonElement value = figure.Value.GetProperty("value");
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                Assert.Equal(value.GetBoolean() ? "true" : "false", cells[0]);
            }
            else
            {
                Assert.Equal(value.GetDouble(), double.Parse(cells[0], CultureInfo.InvariantCulture));
            }

            Assert.Equal(figure.Value.GetProperty("source").GetString(), cells[1]);
        }
    }

    [Fact]
    public void WorkedBudget_HarvestAndFixedCosts_DocMatchesCode()
    {
        HardwareProfile profile = HardwareProfile.Default();
        var harvester = PhotovoltaicHarvester.FromProfile(profile);
        var cap = SupercapPhysics.FromProfile(profile, 4.0);
        double fixedJoules = 4.0 * (profile.DeepSleepMicroamps * 1e-6 + cap.LeakageAmps(4.0)) * 86_400;
        double[] levels = { 200, 500, 1000 };

        string[] harvest = Row("harvest per day");
        string[] left = Row("**left for wakes**");
        for (int i = 0; i < levels.Length; i++)
        {
            double joules = harvester.ChargeWatts(levels[i]) * 10 * 3600 + harvester.ChargeWatts(5) * 14 * 3600;
            Assert.Equal(joules.ToString("F3", CultureInfo.InvariantCulture) + " J", harvest[i]);
            Assert.Equal("**" + (joules - fixedJoules).ToString("F3", CultureInfo.InvariantCulture) + " J**", left[i]);
        }

        Assert.Equal("**" + fixedJoules.ToString("F3", CultureInfo.InvariantCulture) + " J**", Row("**fixed**")[1]);
    }
}
