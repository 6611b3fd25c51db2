using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace SensorNode.NanoCheck;

/// <summary>
/// Decodes signature blobs into <see cref="TypeShape"/>s: readable names plus the nanoCLR 1.x problems inside.
/// Type parameters are shown IL style (<c>!0</c> for a type's, <c>!!0</c> for a method's): they only occur
/// inside generic definitions, which are reported on their own.
/// </summary>
internal sealed class TypeShapeProvider : ISignatureTypeProvider<TypeShape, object?>
{
    private readonly MetadataReader _reader;
    private readonly string _allowedAssembly;
    private readonly Dictionary<EntityHandle, TypeShape> _named = new();

    /// <summary>Creates a provider for <paramref name="reader"/>; types from any assembly other than
    /// <paramref name="allowedAssembly"/> (case-insensitive) are marked foreign.</summary>
    public TypeShapeProvider(MetadataReader reader, string allowedAssembly)
    {
        _reader = reader;
        _allowedAssembly = allowedAssembly;
    }

    /// <summary>Shape of a TypeDef, TypeRef or TypeSpec handle (the three kinds a type token can be).</summary>
    public TypeShape Shape(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0),
        _ => throw new ArgumentException($"not a type handle: {handle.Kind}", nameof(handle)),
    };

    /// <inheritdoc />
    public TypeShape GetPrimitiveType(PrimitiveTypeCode typeCode) => new(typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => typeCode.ToString(),
    });

    /// <inheritdoc />
    public TypeShape GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        if (_named.TryGetValue(handle, out var cached))
        {
            return cached;
        }

        var definition = reader.GetTypeDefinition(handle);
        var declaring = definition.GetDeclaringType();
        var name = reader.GetString(definition.Name);
        var fullName = !declaring.IsNil
            ? GetTypeFromDefinition(reader, declaring, 0).Name + "/" + name
            : Qualify(reader.GetString(definition.Namespace), name);
        return _named[handle] = new TypeShape(fullName);
    }

    /// <inheritdoc />
    public TypeShape GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        if (_named.TryGetValue(handle, out var cached))
        {
            return cached;
        }

        var reference = reader.GetTypeReference(handle);
        var name = reader.GetString(reference.Name);
        var scope = reference.ResolutionScope;
        TypeShape shape;
        if (!scope.IsNil && scope.Kind == HandleKind.TypeReference)
        {
            // Nested type: the enclosing reference decides the assembly.
            var outer = GetTypeFromReference(reader, (TypeReferenceHandle)scope, 0);
            var fullName = outer.Name + "/" + name;
            shape = outer with { Name = fullName, ForeignType = outer.ForeignType is null ? null : fullName + AssemblySuffix(scope) };
        }
        else
        {
            var fullName = Qualify(reader.GetString(reference.Namespace), name);
            shape = new TypeShape(fullName, ForeignType: IsForeignScope(scope) ? fullName + AssemblySuffix(scope) : null);
        }

        return _named[handle] = shape;
    }

    /// <inheritdoc />
    public TypeShape GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    /// <inheritdoc />
    public TypeShape GetSZArrayType(TypeShape elementType) => elementType with { Name = elementType.Name + "[]" };

    /// <inheritdoc />
    public TypeShape GetArrayType(TypeShape elementType, ArrayShape shape)
    {
        var name = elementType.Name + "[" + new string(',', Math.Max(shape.Rank - 1, 0)) + "]";
        return elementType with { Name = name, MultiDimensionalArray = name };
    }

    /// <inheritdoc />
    public TypeShape GetByReferenceType(TypeShape elementType) => elementType with { Name = "ref " + elementType.Name };

    /// <inheritdoc />
    public TypeShape GetPointerType(TypeShape elementType) => elementType with { Name = elementType.Name + "*" };

    /// <inheritdoc />
    public TypeShape GetPinnedType(TypeShape elementType) => elementType;

    /// <inheritdoc />
    public TypeShape GetModifiedType(TypeShape modifier, TypeShape unmodifiedType, bool isRequired) => unmodifiedType;

    /// <inheritdoc />
    public TypeShape GetGenericInstantiation(TypeShape genericType, ImmutableArray<TypeShape> typeArguments)
    {
        var name = StripArity(genericType.Name) + "<" + string.Join(", ", typeArguments.Select(a => a.Name)) + ">";
        var composed = TypeShape.Compose(name, typeArguments.Prepend(genericType));
        return composed with { GenericInstantiation = name };
    }

    /// <inheritdoc />
    public TypeShape GetGenericTypeParameter(object? genericContext, int index) => new("!" + index);

    /// <inheritdoc />
    public TypeShape GetGenericMethodParameter(object? genericContext, int index) => new("!!" + index);

    /// <inheritdoc />
    public TypeShape GetFunctionPointerType(MethodSignature<TypeShape> signature)
    {
        var parts = signature.ParameterTypes.Append(signature.ReturnType).ToList();
        return TypeShape.Compose("delegate*<" + string.Join(", ", parts.Select(p => p.Name)) + ">", parts);
    }

    private bool IsForeignScope(EntityHandle scope)
    {
        if (scope.IsNil || scope.Kind != HandleKind.AssemblyReference)
        {
            return false; // this module (or another module of it)
        }

        var name = _reader.GetString(_reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
        return !string.Equals(name, _allowedAssembly, StringComparison.OrdinalIgnoreCase);
    }

    private string AssemblySuffix(EntityHandle scope)
    {
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = _reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? " [" + _reader.GetString(_reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) + "]"
            : string.Empty;
    }

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    // "System.Action`1" -> "System.Action": the argument list already shows the arity.
    private static string StripArity(string name)
    {
        var tick = name.LastIndexOf('`');
        return tick < 0 || name.IndexOf('/', tick) >= 0 ? name : name[..tick];
    }
}
