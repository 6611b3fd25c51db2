using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace SensorNode.NanoCheck;

/// <summary>
/// What method bodies use: local variable types (the body's StandAloneSig), catch types, and every
/// type, member, method instantiation and call-site signature an IL instruction names.
/// </summary>
internal sealed class MethodBodyRule : INanoRule
{
    /// <inheritdoc />
    public void Apply(CheckContext context)
    {
        foreach (var handle in context.Reader.MethodDefinitions)
        {
            var method = context.Reader.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0)
            {
                continue; // abstract, extern or runtime-implemented (delegate Invoke): no body
            }

            var body = context.PEReader.GetMethodBody(method.RelativeVirtualAddress);
            var name = context.Names.Method(handle);
            ReportLocals(context, name, body);
            foreach (var region in body.ExceptionRegions)
            {
                context.ReportType(name, "catch type", region.CatchType);
            }

            foreach (var reference in IlTokenWalker.ReadTokens(body.GetILContent().AsSpan()))
            {
                ReportOperand(context, name, reference);
            }
        }
    }

    private static void ReportLocals(CheckContext context, string method, MethodBodyBlock body)
    {
        if (body.LocalSignature.IsNil)
        {
            return;
        }

        var locals = context.Reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(context.Types, null);
        for (var i = 0; i < locals.Length; i++)
        {
            context.ReportShape(method, $"local #{i} type", locals[i]);
        }
    }

    private static void ReportOperand(CheckContext context, string method, IlTokenReference reference)
    {
        var handle = MetadataTokens.EntityHandle(reference.Token);
        var op = "IL " + reference.OpCode;
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
            case HandleKind.TypeSpecification:
                context.ReportType(method, op + " type", handle);
                break;
            case HandleKind.MemberReference:
                ReportMemberReference(context, method, op, (MemberReferenceHandle)handle);
                break;
            case HandleKind.MethodSpecification:
                ReportMethodSpecification(context, method, op, (MethodSpecificationHandle)handle);
                break;
            case HandleKind.StandaloneSignature:
                var signature = context.Reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(context.Types, null);
                context.ReportSignature(method, op + " call-site ", signature);
                break;
            // TypeDef, MethodDef and FieldDef rows are this assembly's own declarations: checked where declared.
        }
    }

    private static void ReportMemberReference(CheckContext context, string method, string op, MemberReferenceHandle handle)
    {
        var reference = context.Reader.GetMemberReference(handle);
        var target = $"{op} {context.Names.MemberReference(handle)}: ";
        if (reference.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeSpecification)
        {
            context.ReportType(method, target + "declaring type", reference.Parent);
        }

        switch (reference.GetKind())
        {
            case MemberReferenceKind.Method:
                context.ReportSignature(method, target, reference.DecodeMethodSignature(context.Types, null));
                break;
            case MemberReferenceKind.Field:
                context.ReportShape(method, target + "field type", reference.DecodeFieldSignature(context.Types, null));
                break;
        }
    }

    private static void ReportMethodSpecification(CheckContext context, string method, string op, MethodSpecificationHandle handle)
    {
        context.AttributedSpecifications.Add(handle);
        var specification = context.Reader.GetMethodSpecification(handle);
        var arguments = specification.DecodeSignature(context.Types, null);
        var name = context.Names.MethodSpecification(handle, arguments);
        context.Report(method, ViolationKind.GenericInstantiation, $"{op} {name} is a generic method instantiation");
        foreach (var argument in arguments)
        {
            context.ReportShape(method, $"{op} {name}: type argument", argument);
        }

        if (specification.Method.Kind == HandleKind.MemberReference)
        {
            ReportMemberReference(context, method, op, (MemberReferenceHandle)specification.Method);
        }
    }
}
