using SensorNode.NanoCheck.Tests.TestSupport;

namespace SensorNode.NanoCheck.Tests;

// Documents the compile half of the gate: these APIs are not in nanoFramework mscorlib 1.17.11 at all
// (they live in separate nano packages or do not exist), so the core cannot even compile with them.
public class NanoGateCompileTests
{
    [Theory]
    [InlineData("double root = System.Math.Sqrt(2.0);")]
    [InlineData("object builder = new System.Text.StringBuilder();")]
    [InlineData("object list = new System.Collections.Generic.List<int>();")]
    public void Snippet_DoesNotCompile_AgainstNanoMscorlibAlone(string statement)
    {
        var errors = NanoCompiler.Errors($"public static class Probe {{ public static void Run() {{ {statement} }} }}");

        Assert.NotEmpty(errors);
        // CS0234: "does not exist in the namespace" — the type is missing, not a typo in the probe.
        Assert.Contains(errors, e => e.Id == "CS0234");
    }

    [Fact]
    public void Snippet_Compiles_WhenUsingOnlyMscorlibTypes()
    {
        var errors = NanoCompiler.Errors("public static class Probe { public static int Run() { var list = new System.Collections.ArrayList(); list.Add(1); return list.Count; } }");

        Assert.Empty(errors);
    }
}
