using SensorNode.NanoCheck.Tests.TestSupport;

namespace SensorNode.NanoCheck.Tests;

// The test project references firmware/SensorNode.Core.Nano (without its output), so the gate is built first.
public class RealGateTests
{
    [Fact]
    public void Check_FindsNothing_InTheNanoGateOutput()
    {
        var gate = BuildMetadata.GateAssemblyPath;
        Assert.True(File.Exists(gate), $"nano gate output missing: {gate} (build firmware/SensorNode.Core.Nano)");

        ViolationAssert.Clean(NanoCompatibilityChecker.Check(gate));
    }
}
