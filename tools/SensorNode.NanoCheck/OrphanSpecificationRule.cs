using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace SensorNode.NanoCheck;

/// <summary>
/// Safety net, run last: TypeSpec and MethodSpec rows that no other rule attributed to a member are still
/// checked, and reported against <c>[module]</c> with their token, so nothing in the tables slips through.
/// </summary>
internal sealed class OrphanSpecificationRule : INanoRule
{
    /// <inheritdoc />
    public void Apply(CheckContext context)
    {
        foreach (var handle in context.Rows(TableIndex.TypeSpec))
        {
            if (!context.AttributedSpecifications.Contains(handle))
            {
                context.ReportShape("[module]", $"TypeSpec {MetadataNamer.Token(handle)} (no member found using it)", context.ShapeOf(handle));
            }
        }

        foreach (var handle in context.Rows(TableIndex.MethodSpec))
        {
            if (!context.AttributedSpecifications.Contains(handle))
            {
                var specification = context.Reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                var name = context.Names.MethodSpecification((MethodSpecificationHandle)handle, specification.DecodeSignature(context.Types, null));
                context.Report("[module]", ViolationKind.GenericInstantiation,
                    $"MethodSpec {MetadataNamer.Token(handle)} (no member found using it) {name} is a generic method instantiation");
            }
        }
    }
}
