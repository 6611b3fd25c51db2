using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Reporting;

namespace SensorNode.Simulation.Tests.Reporting;

public sealed class EnergyPhaseKeysTests
{
    [Theory]
    [InlineData(PowerPhase.Sleep, "sleep")]
    [InlineData(PowerPhase.FlashWrite, "flash_write")]
    [InlineData(PowerPhase.WifiAssociate, "wifi_associate")]
    [InlineData(PowerPhase.MqttPublish, "mqtt_publish")]
    public void Key_IsTheSnakeCaseName(PowerPhase phase, string expected)
        => Assert.Equal(expected, EnergyPhaseKeys.Key(phase));

    [Fact]
    public void Ordered_ListsEveryPhaseInEnumOrder_ThenUnknownKeysSorted()
    {
        var byPhase = new Dictionary<string, double> { ["zz_other"] = 1, ["sleep"] = 2, ["aa_other"] = 3 };

        var keys = EnergyPhaseKeys.Ordered(byPhase);

        Assert.Equal(
            new[] { "sleep", "boot", "compute", "sensing", "flash_write", "wifi_associate", "mqtt_connect", "mqtt_publish", "boot_associate", "aa_other", "zz_other" },
            keys);
    }

    [Fact]
    public void Joules_IsZero_ForMissingOrNonFiniteValues()
    {
        var byPhase = new Dictionary<string, double> { ["boot"] = double.NaN, ["sleep"] = 1.5 };

        Assert.Equal(1.5, EnergyPhaseKeys.Joules(byPhase, "sleep"));
        Assert.Equal(0, EnergyPhaseKeys.Joules(byPhase, "boot"));
        Assert.Equal(0, EnergyPhaseKeys.Joules(byPhase, "compute"));
    }
}
