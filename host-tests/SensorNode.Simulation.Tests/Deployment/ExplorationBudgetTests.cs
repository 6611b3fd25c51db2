using SensorNode.Core.Policy;
using SensorNode.Simulation.Deployment;

namespace SensorNode.Simulation.Tests.Deployment;

public sealed class ExplorationBudgetTests
{
    [Fact]
    public void ArmsThePir_FromTheHighBinUp_AndChangesNothingElse()
    {
        byte[] codes = new byte[StateEncoder.StateCount];
        for (int i = 0; i < codes.Length; i++) codes[i] = (byte)(i % 8 | (i % 3 == 0 ? PolicyTable.TransmitBit : 0)); // PIR off everywhere
        PolicyTable table = PolicyTable.FromActionCodes(1007, codes);

        PolicyTable explored = ExplorationBudget.Apply(table);

        Assert.Equal((1007u, table.LayoutId), (explored.Version, explored.LayoutId));
        for (int i = 0; i < codes.Length; i++)
        {
            PolicyAction before = table.Lookup(i), after = explored.Lookup(i);
            Assert.Equal(StateEncoder.VoltageBinOf(i) >= ExplorationBudget.MinVoltageBin, after.MotionWakeArmed);
            Assert.Equal((before.WakeIntervalIndex, before.Transmit), (after.WakeIntervalIndex, after.Transmit));
        }
    }

    [Fact]
    public void LeavesAnEventRtcTable_AsItIs()
    {
        PolicyTable rtc = PolicyTable.FromActionCodesFor(7, new byte[StateEncoder.StateCount], StateEncoder.RtcLayoutId);

        Assert.Same(rtc, ExplorationBudget.Apply(rtc));
    }
}
