using System.Reflection.Metadata;

namespace SensorNode.NanoCheck;

/// <summary>
/// Every AssemblyRef row except mscorlib: the portable core must run on mscorlib alone. The reason lists the
/// types taken from that assembly; the members using them are reported by the other rules.
/// </summary>
internal sealed class AssemblyReferenceRule : INanoRule
{
    private const int MaxListedTypes = 5;

    /// <inheritdoc />
    public void Apply(CheckContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            var name = reader.GetString(reference.Name);
            if (string.Equals(name, context.AllowedAssembly, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var types = reader.TypeReferences
                .Where(t => reader.GetTypeReference(t).ResolutionScope == (EntityHandle)handle)
                .Select(t => context.Names.Type(t))
                .ToList();
            var used = types.Count == 0
                ? "no types used"
                : "types used: " + string.Join(", ", types.Take(MaxListedTypes)) + (types.Count > MaxListedTypes ? $", ... ({types.Count} in all)" : string.Empty);
            context.Report(context.Names.AssemblyReference(handle), ViolationKind.ForeignAssemblyReference,
                $"references assembly {name} {reference.Version}; only {context.AllowedAssembly} is available ({used})");
        }
    }
}
