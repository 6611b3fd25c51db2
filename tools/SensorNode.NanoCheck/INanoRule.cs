namespace SensorNode.NanoCheck;

/// <summary>One family of checks over an assembly's metadata; reports through the context.</summary>
internal interface INanoRule
{
    /// <summary>Inspects the assembly in <paramref name="context"/> and reports what nanoCLR 1.x rejects.</summary>
    void Apply(CheckContext context);
}
