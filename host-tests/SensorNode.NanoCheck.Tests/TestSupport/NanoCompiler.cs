using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SensorNode.NanoCheck.Tests.TestSupport;

/// <summary>Compiles C# snippets in-process the way the nano gate does: against nanoFramework mscorlib alone.</summary>
internal static class NanoCompiler
{
    private static readonly Lazy<MetadataReference> Mscorlib = new(() => MetadataReference.CreateFromFile(BuildMetadata.MscorlibPath));

    /// <summary>A library compilation of <paramref name="source"/> referencing only nano mscorlib plus <paramref name="references"/>.</summary>
    public static CSharpCompilation Compilation(
        string source, string assemblyName = "Snippet", OptimizationLevel optimization = OptimizationLevel.Debug,
        params MetadataReference[] references)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization, nullableContextOptions: NullableContextOptions.Disable);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        return CSharpCompilation.Create(assemblyName, new[] { tree }, references.Prepend(Mscorlib.Value), options);
    }

    /// <summary>Error diagnostics of compiling <paramref name="source"/> (empty when it compiles).</summary>
    public static IReadOnlyList<Diagnostic> Errors(string source)
        => Compilation(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>The PE image of <paramref name="source"/>; fails the test with the diagnostics if it does not compile.</summary>
    public static byte[] Emit(
        string source, string assemblyName = "Snippet", OptimizationLevel optimization = OptimizationLevel.Debug,
        params MetadataReference[] references)
    {
        using var image = new MemoryStream();
        var result = Compilation(source, assemblyName, optimization, references).Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("snippet does not compile against nano mscorlib:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return image.ToArray();
    }

    /// <summary>Compiles <paramref name="source"/> and runs the checker on the image.</summary>
    public static IReadOnlyList<Violation> Check(
        string source, OptimizationLevel optimization = OptimizationLevel.Debug, params MetadataReference[] references)
    {
        using var image = new MemoryStream(Emit(source, "Snippet", optimization, references));
        return NanoCompatibilityChecker.Check(image, "Snippet.dll");
    }
}
