using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SensorNode.NanoCheck.Tests.TestSupport;

namespace SensorNode.NanoCheck.Tests;

/// <summary>
/// The gate as CI runs it, on the real core: every source of firmware/SensorNode.Core compiled against nano
/// mscorlib alone, then checked. Adding one file to the core must turn CI red, either at the compile stage
/// (Math, generic collections) or at the metadata stage (user generics, Action&lt;T&gt;, T[,]).
/// </summary>
public class CoreMutationTests
{
    private static readonly string CoreFolder = Path.Combine(RepoRoot(), "firmware", "SensorNode.Core");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SensorNode.sln not found above " + AppContext.BaseDirectory);
    }

    private static CSharpCompilation CompileCore(string? injected)
    {
        var files = Directory.EnumerateFiles(CoreFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest), f))
            .ToList();
        Assert.True(files.Count > 30, $"expected the core's sources under {CoreFolder}");
        if (injected != null) files.Add(CSharpSyntaxTree.ParseText(injected, new CSharpParseOptions(LanguageVersion.Latest), "Injected.cs"));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable);
        return CSharpCompilation.Create("SensorNode.Core.Nano", files, new[] { MetadataReference.CreateFromFile(BuildMetadata.MscorlibPath) }, options);
    }

    private static IReadOnlyList<Violation> EmitAndCheck(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        return NanoCompatibilityChecker.Check(image, "SensorNode.Core.Nano.dll");
    }

    [Fact]
    public void UnmodifiedCore_CompilesAgainstNanoMscorlib_AndIsClean()
    {
        ViolationAssert.Clean(EmitAndCheck(CompileCore(null)));
    }

    [Fact]
    public void MathCallAddedToCore_FailsTheCompileGate()
    {
        var errors = CompileCore("namespace SensorNode.Core.Energy { static class Added { static double F(double x) { return System.Math.Sqrt(x); } } }")
            .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.Contains(errors, e => e.GetMessage().Contains("Math"));
    }

    [Fact]
    public void GenericListAddedToCore_FailsTheCompileGate()
    {
        var errors = CompileCore("namespace SensorNode.Core.Storage { static class Added { static object F() { return new System.Collections.Generic.List<int>(); } } }")
            .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        // CS0234: nanoFramework's mscorlib has no System.Collections.Generic. Any other error would be a broken snippet.
        Assert.Contains(errors, e => e.Id == "CS0234" && e.GetMessage().Contains("Generic"));
    }

    [Fact]
    public void GenericMethodAddedToCore_IsRejectedByTheChecker_NamingTheMember()
    {
        var violations = EmitAndCheck(CompileCore("namespace SensorNode.Core.Policy { static class Added { public static T First<T>(T[] items) { return items[0]; } } }"));

        Assert.Contains(violations, v => v.Kind == ViolationKind.GenericDefinition && v.Member.Contains("Added::First"));
    }

    [Fact]
    public void ActionOfTAddedToCore_IsRejectedByTheChecker()
    {
        var violations = EmitAndCheck(CompileCore("namespace SensorNode.Core.Policy { static class Added { public static void Run(int x) { System.Action<int> a = v => { }; a(x); } } }"));

        Assert.Contains(violations, v => v.Kind == ViolationKind.GenericInstantiation && v.Member.Contains("Added"));
    }

    [Fact]
    public void MultiDimensionalArrayAddedToCore_IsRejectedByTheChecker()
    {
        var violations = EmitAndCheck(CompileCore("namespace SensorNode.Core.Policy { static class Added { public static int Run() { int[,] grid = new int[2, 3]; return grid[1, 2]; } } }"));

        Assert.Contains(violations, v => v.Kind == ViolationKind.MultiDimensionalArray && v.Member.Contains("Added::Run"));
    }
}
