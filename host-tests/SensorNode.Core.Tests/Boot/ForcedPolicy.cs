using SensorNode.Core.Policy;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.Boot;

/// <summary>Installs a policy table in a simulated node's flash that gives every state the same action.</summary>
internal static class ForcedPolicy
{
    public static void Install(SimulatedNode node, bool transmit, bool pir = false, int intervalIndex = 0)
    {
        var action = new PolicyAction { WakeIntervalIndex = intervalIndex, MotionWakeArmed = pir, Transmit = transmit };
        var codes = Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray();
        byte[] table = PolicyTable.FromActionCodes(77, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
    }
}
