using SensorNode.Core.Config;
using SensorNode.Simulation.Physics;
using SensorNode.Simulation.Updates;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Simulation.Tests.Updates;

/// <summary>
/// The simulated fleet update at small size (docs/updates.md): every injected fault (a damaged chunk, a power cut mid-chunk,
/// a bad application) ends in the new version or a clean rollback, and no node is ever left without a working application.
/// </summary>
public class FleetUpdateSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryFault_EndsInTheNewVersionOrACleanRollback_NeverWithoutAWorkingApplication()
    {
        var options = new FleetUpdateOptions
        {
            Nodes = 8, LuxLevels = [500], Days = 7, ImageBytes = 16 * 1024, ChunkBytes = 1024,
            CorruptEvery = 2, PowerCutEvery = 3, BadApplicationEvery = 4,
        };
        LuxUpdateSummary summary = FleetUpdateSimulation.Run(options, new NodeConfig(), HardwareProfile.Default()).Single();
        foreach (NodeUpdateOutcome node in summary.PerNode)
            output.WriteLine($"{node.Node}: {node.Outcome} v{node.RunningVersion} reported v{node.ReportedVersion} {node.RollbackReason} after {node.DaysToSettle:F2} d, faults [{string.Join(", ", node.Faults)}], acked {node.ChunksAcked} refused {node.ChunksRefused} failed boots {node.FailedBoots}, radio {node.UpdateRadioSeconds:F1} s");

        Assert.Equal(0, summary.WithoutWorkingApplication);
        Assert.Equal(0, summary.Incomplete);
        Assert.Equal(2, summary.RolledBack);   // nodes 3 and 7: the bad application
        Assert.Equal(6, summary.Updated);
        foreach (NodeUpdateOutcome node in summary.PerNode)
        {
            bool bad = node.Faults.Contains("bad-application");
            Assert.Equal(bad ? "rolled-back" : "updated", node.Outcome);
            Assert.Equal(bad ? 0u : options.Version, node.RunningVersion);
            Assert.Equal(node.RunningVersion, node.ReportedVersion);   // the gateway heard it
            if (bad)
            {
                Assert.Equal("failed-first-wake", node.RollbackReason);
                Assert.Equal(Core.Update.AppLoader.MaxFirstWakeAttempts, node.FailedBoots);
            }
            Assert.DoesNotContain(node.Faults, f => f.Contains("not reached"));
        }
        Assert.True(summary.PerNode.Where(n => n.Faults.Contains("corrupt-chunk")).All(n => n.ChunksRefused >= 1));
        Assert.True(summary.Faults["power-cut-mid-chunk"] >= 2);
        Assert.True(summary.DaysUntilAllSettled > 0);
        Assert.True(summary.UpdateRadioEnergyPerNodeJ > 0);
        Assert.All(summary.PerNode, n => Assert.True(n.UpdateRadioEnergyJ > 0 && n.EnergySpentJ > 0));
    }
}
