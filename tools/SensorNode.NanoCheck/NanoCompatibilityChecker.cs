using System.Reflection.PortableExecutable;

namespace SensorNode.NanoCheck;

/// <summary>
/// Reads a compiled assembly's metadata and lists what compiles against nanoFramework mscorlib 1.17 but
/// nanoCLR 1.x (or its metadata processor) rejects: generic definitions, generic instantiations,
/// multi-dimensional arrays, and references to assemblies other than mscorlib.
/// </summary>
public static class NanoCompatibilityChecker
{
    /// <summary>The one assembly a nano gate assembly may reference.</summary>
    public const string AllowedAssembly = "mscorlib";

    // Order matters only for the output order; the orphan net must run after every rule that attributes specs.
    private static readonly INanoRule[] Rules =
    {
        new AssemblyReferenceRule(),
        new GenericDefinitionRule(),
        new DeclarationSignatureRule(),
        new MethodBodyRule(),
        new CustomAttributeRule(),
        new OrphanSpecificationRule(),
    };

    /// <summary>Checks the assembly file at <paramref name="path"/>; an empty list means nanoCLR 1.x can load it.</summary>
    /// <exception cref="UnreadableAssemblyException">Missing file, I/O error, or not a .NET assembly.</exception>
    public static IReadOnlyList<Violation> Check(string path)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UnreadableAssemblyException(path, e.Message, e);
        }

        using (stream)
        {
            return Check(stream, path);
        }
    }

    /// <summary>Checks a PE image read from <paramref name="peImage"/>; <paramref name="path"/> names it in reports and errors.</summary>
    /// <exception cref="UnreadableAssemblyException">Not a PE file, no metadata, or malformed metadata or IL.</exception>
    public static IReadOnlyList<Violation> Check(Stream peImage, string path)
    {
        try
        {
            using var peReader = new PEReader(peImage, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchEntireImage);
            if (!peReader.HasMetadata)
            {
                throw new UnreadableAssemblyException(path, "not a .NET assembly (no CLI metadata)");
            }

            var context = new CheckContext(Path.GetFileName(path), peReader, AllowedAssembly);
            foreach (var rule in Rules)
            {
                rule.Apply(context);
            }

            return context.Violations;
        }
        catch (BadImageFormatException e)
        {
            throw new UnreadableAssemblyException(path, "not a valid .NET assembly: " + e.Message, e);
        }
    }
}
