namespace SensorNode.NanoCheck;

/// <summary>One construct nanoCLR 1.x rejects, and where the checked assembly uses it.</summary>
/// <param name="Assembly">File name of the checked assembly, e.g. <c>SensorNode.Core.Nano.dll</c>.</param>
/// <param name="Member">Where it is used, IL style: <c>Namespace.Type::Member</c>, nested types as <c>Outer/Inner</c>,
/// <c>[Name]</c> for an assembly reference, <c>[assembly]</c>/<c>[module]</c> for assembly-level attributes.</param>
/// <param name="Kind">Which rule is broken.</param>
/// <param name="Reason">Human-readable detail: the offending type or member and how it is used.</param>
public sealed record Violation(string Assembly, string Member, ViolationKind Kind, string Reason)
{
    /// <summary>The CLI line: <c>&lt;assembly&gt;: &lt;member&gt;: &lt;reason&gt;</c>.</summary>
    public override string ToString() => $"{Assembly}: {Member}: {Reason}";
}
