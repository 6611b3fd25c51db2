using System.Reflection.Metadata;

namespace SensorNode.NanoCheck;

/// <summary>
/// Types named in declarations: base types, interfaces, generic constraints, explicit interface
/// implementations, fields, method parameters and returns, properties and events.
/// </summary>
internal sealed class DeclarationSignatureRule : INanoRule
{
    /// <inheritdoc />
    public void Apply(CheckContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var typeName = context.Names.Type(handle);
            context.ReportType(typeName, "base type", type.BaseType);
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                context.ReportType(typeName, "interface", reader.GetInterfaceImplementation(implementation).Interface);
            }

            ReportConstraints(context, typeName, type.GetGenericParameters());
            ReportExplicitImplementations(context, type);
            ReportFields(context, type);
            ReportMethods(context, type);
            ReportProperties(context, handle, type);
            ReportEvents(context, handle, type);
        }
    }

    private static void ReportConstraints(CheckContext context, string member, GenericParameterHandleCollection parameters)
    {
        foreach (var parameter in parameters)
        {
            foreach (var constraint in context.Reader.GetGenericParameter(parameter).GetConstraints())
            {
                context.ReportType(member, "generic constraint", context.Reader.GetGenericParameterConstraint(constraint).Type);
            }
        }
    }

    // `int IBox<int>.Get()` declares that it implements IBox<int>::Get, a member of an instantiated interface.
    private static void ReportExplicitImplementations(CheckContext context, TypeDefinition type)
    {
        foreach (var handle in type.GetMethodImplementations())
        {
            var implementation = context.Reader.GetMethodImplementation(handle);
            if (implementation.MethodDeclaration.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var declaration = context.Reader.GetMemberReference((MemberReferenceHandle)implementation.MethodDeclaration);
            if (declaration.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification)
            {
                var body = implementation.MethodBody.Kind == HandleKind.MethodDefinition
                    ? context.Names.Method((MethodDefinitionHandle)implementation.MethodBody)
                    : context.Names.Describe(implementation.MethodBody);
                context.ReportType(body, "explicitly implemented interface", declaration.Parent);
            }
        }
    }

    private static void ReportFields(CheckContext context, TypeDefinition type)
    {
        foreach (var handle in type.GetFields())
        {
            var shape = context.Reader.GetFieldDefinition(handle).DecodeSignature(context.Types, null);
            context.ReportShape(context.Names.Field(handle), "field type", shape);
        }
    }

    private static void ReportMethods(CheckContext context, TypeDefinition type)
    {
        foreach (var handle in type.GetMethods())
        {
            var method = context.Reader.GetMethodDefinition(handle);
            var name = context.Names.Method(handle);
            var parameterNames = method.GetParameters()
                .Select(p => context.Reader.GetParameter(p))
                .Where(p => p.SequenceNumber > 0)
                .ToDictionary(p => (int)p.SequenceNumber, p => context.Reader.GetString(p.Name));
            context.ReportSignature(name, string.Empty, method.DecodeSignature(context.Types, null), parameterNames);
            ReportConstraints(context, name, method.GetGenericParameters());
        }
    }

    private static void ReportProperties(CheckContext context, TypeDefinitionHandle owner, TypeDefinition type)
    {
        foreach (var handle in type.GetProperties())
        {
            var signature = context.Reader.GetPropertyDefinition(handle).DecodeSignature(context.Types, null);
            var name = context.Names.Property(owner, handle);
            context.ReportShape(name, "property type", signature.ReturnType);
            foreach (var index in signature.ParameterTypes)
            {
                context.ReportShape(name, "indexer parameter type", index);
            }
        }
    }

    private static void ReportEvents(CheckContext context, TypeDefinitionHandle owner, TypeDefinition type)
    {
        foreach (var handle in type.GetEvents())
        {
            context.ReportType(context.Names.Event(owner, handle), "event type", context.Reader.GetEventDefinition(handle).Type);
        }
    }
}
