using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace SensorNode.NanoCheck;

/// <summary>
/// IL-style names for metadata rows: <c>Namespace.Type::Member</c>, nested types as <c>Outer/Inner</c>.
/// Compiler-generated names (<c>&lt;&gt;c</c>, <c>&lt;M&gt;b__0_0</c>) are shown as they are.
/// </summary>
internal sealed class MetadataNamer
{
    private readonly MetadataReader _reader;
    private readonly TypeShapeProvider _types;
    private Dictionary<ParameterHandle, MethodDefinitionHandle>? _parameterOwners;

    /// <summary>Creates a namer over <paramref name="reader"/> that names types through <paramref name="types"/>.</summary>
    public MetadataNamer(MetadataReader reader, TypeShapeProvider types)
    {
        _reader = reader;
        _types = types;
    }

    /// <summary>Name of a TypeDef, TypeRef or TypeSpec.</summary>
    public string Type(EntityHandle handle) => _types.Shape(handle).Name;

    /// <summary><c>Type::Method</c> of a method definition.</summary>
    public string Method(MethodDefinitionHandle handle)
    {
        var method = _reader.GetMethodDefinition(handle);
        return Type(method.GetDeclaringType()) + "::" + _reader.GetString(method.Name);
    }

    /// <summary><c>Type::field</c> of a field definition.</summary>
    public string Field(FieldDefinitionHandle handle)
    {
        var field = _reader.GetFieldDefinition(handle);
        return Type(field.GetDeclaringType()) + "::" + _reader.GetString(field.Name);
    }

    /// <summary><c>Type::Property</c> of a property definition.</summary>
    public string Property(TypeDefinitionHandle owner, PropertyDefinitionHandle handle)
        => Type(owner) + "::" + _reader.GetString(_reader.GetPropertyDefinition(handle).Name);

    /// <summary><c>Type::Event</c> of an event definition.</summary>
    public string Event(TypeDefinitionHandle owner, EventDefinitionHandle handle)
        => Type(owner) + "::" + _reader.GetString(_reader.GetEventDefinition(handle).Name);

    /// <summary><c>Parent::name</c> of a member reference; the parent may be a generic instantiation or an array.</summary>
    public string MemberReference(MemberReferenceHandle handle)
    {
        var reference = _reader.GetMemberReference(handle);
        return Parent(reference.Parent) + "::" + _reader.GetString(reference.Name);
    }

    /// <summary><c>Type::Method&lt;args&gt;</c> of a generic method instantiation.</summary>
    public string MethodSpecification(MethodSpecificationHandle handle, IEnumerable<TypeShape> typeArguments)
    {
        var specification = _reader.GetMethodSpecification(handle);
        return Describe(specification.Method) + "<" + string.Join(", ", typeArguments.Select(a => a.Name)) + ">";
    }

    /// <summary>Where a row lives, for custom attribute owners and IL operands: any handle kind.</summary>
    public string Describe(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification => Type(handle),
        HandleKind.MethodDefinition => Method((MethodDefinitionHandle)handle),
        HandleKind.FieldDefinition => Field((FieldDefinitionHandle)handle),
        HandleKind.PropertyDefinition => Property(PropertyOwner((PropertyDefinitionHandle)handle), (PropertyDefinitionHandle)handle),
        HandleKind.EventDefinition => Event(EventOwner((EventDefinitionHandle)handle), (EventDefinitionHandle)handle),
        HandleKind.Parameter => ParameterOwner((ParameterHandle)handle),
        HandleKind.MemberReference => MemberReference((MemberReferenceHandle)handle),
        HandleKind.GenericParameter => Describe(_reader.GetGenericParameter((GenericParameterHandle)handle).Parent),
        HandleKind.InterfaceImplementation => Type(InterfaceOwner((InterfaceImplementationHandle)handle)),
        HandleKind.AssemblyDefinition => "[assembly]",
        HandleKind.ModuleDefinition => "[module]",
        HandleKind.AssemblyReference => AssemblyReference((AssemblyReferenceHandle)handle),
        _ => handle.Kind + " " + Token(handle),
    };

    /// <summary><c>[Name]</c> of an assembly reference.</summary>
    public string AssemblyReference(AssemblyReferenceHandle handle)
        => "[" + _reader.GetString(_reader.GetAssemblyReference(handle).Name) + "]";

    /// <summary>The metadata token as <c>0x0A000001</c>, for rows no member owns.</summary>
    public static string Token(EntityHandle handle) => "0x" + MetadataTokens.GetToken(handle).ToString("X8");

    private string Parent(EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification => Type(parent),
        HandleKind.MethodDefinition => Method((MethodDefinitionHandle)parent), // vararg call site
        HandleKind.ModuleReference => "[" + _reader.GetString(_reader.GetModuleReference((ModuleReferenceHandle)parent).Name) + "]",
        _ => Token(parent),
    };

    private string ParameterOwner(ParameterHandle handle)
    {
        _parameterOwners ??= _reader.MethodDefinitions
            .SelectMany(m => _reader.GetMethodDefinition(m).GetParameters().Select(p => (p, m)))
            .ToDictionary(x => x.p, x => x.m);
        return _parameterOwners.TryGetValue(handle, out var method) ? Method(method) : "Parameter " + Token(handle);
    }

    private TypeDefinitionHandle PropertyOwner(PropertyDefinitionHandle handle)
    {
        var accessors = _reader.GetPropertyDefinition(handle).GetAccessors();
        var accessor = accessors.Getter.IsNil ? accessors.Setter : accessors.Getter;
        return OwnerOf(accessor, t => _reader.GetTypeDefinition(t).GetProperties().Contains(handle));
    }

    private TypeDefinitionHandle EventOwner(EventDefinitionHandle handle)
    {
        var accessors = _reader.GetEventDefinition(handle).GetAccessors();
        return OwnerOf(accessors.Adder, t => _reader.GetTypeDefinition(t).GetEvents().Contains(handle));
    }

    private TypeDefinitionHandle InterfaceOwner(InterfaceImplementationHandle handle)
        => OwnerOf(default, t => _reader.GetTypeDefinition(t).GetInterfaceImplementations().Contains(handle));

    // Properties, events and interface rows do not point back at their type: use an accessor when there is one.
    private TypeDefinitionHandle OwnerOf(MethodDefinitionHandle accessor, Func<TypeDefinitionHandle, bool> owns)
        => !accessor.IsNil
            ? _reader.GetMethodDefinition(accessor).GetDeclaringType()
            : _reader.TypeDefinitions.First(owns);
}
