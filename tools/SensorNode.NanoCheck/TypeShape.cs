namespace SensorNode.NanoCheck;

/// <summary>
/// A decoded signature type: its display name plus the first offending part found anywhere inside it
/// (so <c>Action&lt;int&gt;[]</c> carries <see cref="GenericInstantiation"/> = <c>System.Action&lt;int&gt;</c>).
/// </summary>
/// <param name="Name">C#-like display name, e.g. <c>int[,]</c>, <c>System.Func&lt;int, int&gt;</c>, <c>!0</c> for a type parameter.</param>
/// <param name="GenericInstantiation">Outermost generic instantiation inside the type, or null.</param>
/// <param name="MultiDimensionalArray">Outermost multi-dimensional array inside the type, or null.</param>
/// <param name="ForeignType">A type defined outside mscorlib, as <c>Type [Assembly]</c>, or null.</param>
internal sealed record TypeShape(
    string Name,
    string? GenericInstantiation = null,
    string? MultiDimensionalArray = null,
    string? ForeignType = null)
{
    /// <summary>A new shape named <paramref name="name"/> that keeps the first problems of <paramref name="parts"/>.</summary>
    public static TypeShape Compose(string name, IEnumerable<TypeShape> parts)
    {
        string? generic = null, multiDimensional = null, foreign = null;
        foreach (var part in parts)
        {
            generic ??= part.GenericInstantiation;
            multiDimensional ??= part.MultiDimensionalArray;
            foreign ??= part.ForeignType;
        }

        return new TypeShape(name, generic, multiDimensional, foreign);
    }

    /// <summary>True when nothing inside the type is a problem for nanoCLR 1.x.</summary>
    public bool IsClean => GenericInstantiation is null && MultiDimensionalArray is null && ForeignType is null;
}
