using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SensorNode.NanoCheck;

/// <summary>
/// What every rule needs while checking one assembly: the readers, the type decoder, the namer and the
/// collected violations (duplicates dropped, first-seen order kept).
/// </summary>
internal sealed class CheckContext
{
    private readonly List<Violation> _violations = new();
    private readonly HashSet<(string Member, ViolationKind Kind, string Reason)> _reported = new();

    /// <summary>Creates the context for <paramref name="peReader"/>; <paramref name="assembly"/> is the name shown in reports.</summary>
    public CheckContext(string assembly, PEReader peReader, string allowedAssembly)
    {
        Assembly = assembly;
        PEReader = peReader;
        Reader = peReader.GetMetadataReader();
        AllowedAssembly = allowedAssembly;
        Types = new TypeShapeProvider(Reader, allowedAssembly);
        Names = new MetadataNamer(Reader, Types);
    }

    /// <summary>File name shown as the first field of each report line.</summary>
    public string Assembly { get; }

    /// <summary>The only assembly the checked one may reference (mscorlib).</summary>
    public string AllowedAssembly { get; }

    /// <summary>The PE image (method bodies).</summary>
    public PEReader PEReader { get; }

    /// <summary>The metadata tables.</summary>
    public MetadataReader Reader { get; }

    /// <summary>Signature decoder.</summary>
    public TypeShapeProvider Types { get; }

    /// <summary>Member names.</summary>
    public MetadataNamer Names { get; }

    /// <summary>TypeSpec and MethodSpec rows some member was found to use; the rest are reported as orphans.</summary>
    public HashSet<EntityHandle> AttributedSpecifications { get; } = new();

    /// <summary>Violations so far.</summary>
    public IReadOnlyList<Violation> Violations => _violations;

    /// <summary>Decodes a TypeDef/TypeRef/TypeSpec handle, remembering that a member uses the TypeSpec.</summary>
    public TypeShape ShapeOf(EntityHandle type)
    {
        if (type.Kind == HandleKind.TypeSpecification)
        {
            AttributedSpecifications.Add(type);
        }

        return Types.Shape(type);
    }

    /// <summary>Adds a violation unless the same member already has the same one.</summary>
    public void Report(string member, ViolationKind kind, string reason)
    {
        if (_reported.Add((member, kind, reason)))
        {
            _violations.Add(new Violation(Assembly, member, kind, reason));
        }
    }

    /// <summary>
    /// Reports every problem inside <paramref name="shape"/>; <paramref name="usage"/> says how
    /// <paramref name="member"/> uses the type, e.g. "field type" or "IL newobj int[,]::.ctor: declaring type".
    /// </summary>
    public void ReportShape(string member, string usage, TypeShape shape)
    {
        var name = shape.Name;
        if (shape.GenericInstantiation is { } generic)
        {
            Report(member, ViolationKind.GenericInstantiation, generic == name
                ? $"{usage} {name} is a generic instantiation"
                : $"{usage} {name} uses generic instantiation {generic}");
        }

        if (shape.MultiDimensionalArray is { } array)
        {
            Report(member, ViolationKind.MultiDimensionalArray, array == name
                ? $"{usage} {name} is a multi-dimensional array"
                : $"{usage} {name} uses multi-dimensional array {array}");
        }

        if (shape.ForeignType is { } foreign)
        {
            Report(member, ViolationKind.ForeignAssemblyReference, foreign.StartsWith(name + " [", StringComparison.Ordinal)
                ? $"{usage} {foreign} is not in {AllowedAssembly}"
                : $"{usage} {name} uses {foreign}, which is not in {AllowedAssembly}");
        }
    }

    /// <summary>Decodes and reports a TypeDef/TypeRef/TypeSpec handle used by <paramref name="member"/>; nil is ignored.</summary>
    public void ReportType(string member, string usage, EntityHandle type)
    {
        if (!type.IsNil)
        {
            ReportShape(member, usage, ShapeOf(type));
        }
    }

    /// <summary>Reports the return and parameter types of a decoded method signature.</summary>
    public void ReportSignature(string member, string usage, MethodSignature<TypeShape> signature, IReadOnlyDictionary<int, string>? parameterNames = null)
    {
        ReportShape(member, usage + "return type", signature.ReturnType);
        for (var i = 0; i < signature.ParameterTypes.Length; i++)
        {
            var label = parameterNames is not null && parameterNames.TryGetValue(i + 1, out var n) ? $"'{n}'" : $"#{i + 1}";
            ReportShape(member, $"{usage}parameter {label} type", signature.ParameterTypes[i]);
        }
    }

    /// <summary>Every row handle of a table, for tables the reader exposes no collection for (TypeSpec, MethodSpec).</summary>
    public IEnumerable<EntityHandle> Rows(TableIndex table)
    {
        var count = Reader.GetTableRowCount(table);
        for (var row = 1; row <= count; row++)
        {
            yield return MetadataTokens.EntityHandle(table, row);
        }
    }
}
