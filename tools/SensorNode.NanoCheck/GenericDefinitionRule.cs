using System.Reflection.Metadata;

namespace SensorNode.NanoCheck;

/// <summary>Types and methods that declare type parameters: nanoCLR 1.x has no generics at all.</summary>
internal sealed class GenericDefinitionRule : INanoRule
{
    /// <inheritdoc />
    public void Apply(CheckContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.TypeDefinitions)
        {
            var parameters = reader.GetTypeDefinition(handle).GetGenericParameters();
            if (parameters.Count > 0)
            {
                context.Report(context.Names.Type(handle), ViolationKind.GenericDefinition,
                    $"generic type definition <{Names(reader, parameters)}>");
            }
        }

        foreach (var handle in reader.MethodDefinitions)
        {
            var parameters = reader.GetMethodDefinition(handle).GetGenericParameters();
            if (parameters.Count > 0)
            {
                context.Report(context.Names.Method(handle), ViolationKind.GenericDefinition,
                    $"generic method definition <{Names(reader, parameters)}>");
            }
        }
    }

    private static string Names(MetadataReader reader, GenericParameterHandleCollection parameters)
        => string.Join(", ", parameters.Select(p => reader.GetString(reader.GetGenericParameter(p).Name)));
}
