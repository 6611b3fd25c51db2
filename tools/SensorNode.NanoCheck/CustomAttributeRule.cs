using System.Reflection.Metadata;

namespace SensorNode.NanoCheck;

/// <summary>
/// Attribute constructors: a generic attribute (<c>[Tag&lt;int&gt;]</c>) is a constructor on a TypeSpec, and an
/// attribute from another assembly is a constructor on a foreign TypeRef. Reported on the attributed member.
/// Attribute argument values (e.g. <c>typeof(...)</c> stored as a type name string) are not inspected.
/// </summary>
internal sealed class CustomAttributeRule : INanoRule
{
    /// <inheritdoc />
    public void Apply(CheckContext context)
    {
        var reader = context.Reader;
        foreach (var handle in reader.CustomAttributes)
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue; // constructor defined here: its type is checked with the other definitions
            }

            var constructor = (MemberReferenceHandle)attribute.Constructor;
            var reference = reader.GetMemberReference(constructor);
            var owner = context.Names.Describe(attribute.Parent);
            var target = $"attribute {context.Names.MemberReference(constructor)}: ";
            if (reference.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification)
            {
                context.ReportType(owner, target + "attribute type", reference.Parent);
            }

            context.ReportSignature(owner, target, reference.DecodeMethodSignature(context.Types, null));
        }
    }
}
