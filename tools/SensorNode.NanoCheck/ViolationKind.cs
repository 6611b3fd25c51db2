namespace SensorNode.NanoCheck;

/// <summary>What nanoCLR 1.x (or its metadata processor) cannot take.</summary>
public enum ViolationKind
{
    /// <summary>A type or method declares its own type parameters (<c>class Box&lt;T&gt;</c>, <c>void M&lt;T&gt;()</c>).</summary>
    GenericDefinition,

    /// <summary>A closed or open generic type or method is used (<c>Action&lt;int&gt;</c>, <c>M&lt;int&gt;()</c>).</summary>
    GenericInstantiation,

    /// <summary>A rank-2-or-more array (<c>int[,]</c>) is used; only single-dimensional and jagged arrays exist.</summary>
    MultiDimensionalArray,

    /// <summary>An assembly other than mscorlib is referenced, or a type from one is used.</summary>
    ForeignAssemblyReference,
}
