using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Training;

namespace SensorNode.Simulation.Tests.Training;

public class FleetDefaultTests
{
    [Fact]
    public void Environments_AreOneBuildingOfEachKind_OnSeedsNoSplitTestsOn()
    {
        IReadOnlyList<EnvironmentTrace> envs = FleetDefault.Environments(1);
        Assert.Equal(3, envs.Count);
        Assert.Equal(new[] { "office", "corridor", "window" }, envs.Select(e => e.Name.Split('-')[0]));
        Assert.All(envs, e => Assert.Equal(FleetDefault.Days, (int)e.DayCount));
        // evaluate --splits tests on synthetic seeds 2..4 (x 31): none of them is a fleet building.
        foreach (int testSeed in new[] { 2, 3, 4 })
            Assert.DoesNotContain(envs, e => e.Name.EndsWith("seed" + testSeed * 31, StringComparison.Ordinal));
    }
}
