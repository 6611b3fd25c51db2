using SensorNode.NanoCheck.Tests.TestSupport;

namespace SensorNode.NanoCheck.Tests;

public class NanoCheckCommandTests
{
    [Fact]
    public void Run_ReturnsZero_AndPrintsSummary_WhenAssemblyIsClean()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("Clean.dll", NanoCompiler.Emit("namespace Snippet { public struct Point { public int X; } }"));

        var (exit, output, error) = Run(path);

        Assert.Equal(NanoCheckCommand.ExitClean, exit);
        Assert.Equal("nanocheck: 1 assembly checked, no violations", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void Run_ReturnsOne_AndPrintsEachViolationOnItsOwnLine()
    {
        using var temp = new TempDirectory();
        var clean = temp.Write("Clean.dll", NanoCompiler.Emit("namespace Snippet { public struct Point { public int X; } }"));
        var dirty = temp.Write("Dirty.dll", NanoCompiler.Emit("namespace Snippet { public class Grid { public int[,] Cells; public static void Nop<T>() { } } }"));

        var (exit, output, _) = Run(clean, dirty);

        Assert.Equal(NanoCheckCommand.ExitViolations, exit);
        var lines = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
            new[]
            {
                "Dirty.dll: Snippet.Grid::Nop: generic method definition <T>",
                "Dirty.dll: Snippet.Grid::Cells: field type int[,] is a multi-dimensional array",
                "nanocheck: 2 violation(s) in 1 of 2 assemblies checked; see docs/nano-gate.md",
            },
            lines);
    }

    [Fact]
    public void Run_ReturnsTwo_WhenNoAssemblyGiven()
    {
        var (exit, _, error) = Run();

        Assert.Equal(NanoCheckCommand.ExitError, exit);
        Assert.Contains("usage:", error);
    }

    [Fact]
    public void Run_ReturnsTwo_ForUnknownOption()
    {
        var (exit, _, error) = Run("--fix", "a.dll");

        Assert.Equal(NanoCheckCommand.ExitError, exit);
        Assert.Contains("unknown option '--fix'", error);
    }

    [Fact]
    public void Run_ReturnsTwo_AndNamesTheFile_WhenFileIsMissing_EvenIfOthersHaveViolations()
    {
        using var temp = new TempDirectory();
        var dirty = temp.Write("Dirty.dll", NanoCompiler.Emit("namespace Snippet { public class Box<T> { } }"));
        var missing = Path.Combine(temp.Path, "Missing.dll");

        var (exit, output, error) = Run(dirty, missing);

        Assert.Equal(NanoCheckCommand.ExitError, exit);
        Assert.Contains($"error: cannot read '{missing}'", error);
        Assert.Contains("Dirty.dll: Snippet.Box`1: generic type definition <T>", output);
    }

    [Fact]
    public void Run_ReturnsZero_AndPrintsUsage_ForHelp()
    {
        var (exit, output, _) = Run("--help");

        Assert.Equal(NanoCheckCommand.ExitClean, exit);
        Assert.StartsWith("usage:", output);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = NanoCheckCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
