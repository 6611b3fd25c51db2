using Microsoft.CodeAnalysis;
using SensorNode.NanoCheck.Tests.TestSupport;

namespace SensorNode.NanoCheck.Tests;

public class NanoCompatibilityCheckerTests
{
    // Everything the portable core is allowed to use (COMMON.md / NANOFRAMEWORK.md "Works" list).
    private const string CleanSource = """
        using System;
        using System.Collections;

        namespace Snippet
        {
            public enum Mode { Idle, Sense = 3 }

            [Flags]
            public enum Bits : byte { None = 0, A = 1, B = 2 }

            public interface IShape { int Area(); }

            public struct Point { public int X; public int Y; }

            public delegate void Changed(object sender, int value);

            public sealed class Node : IShape
            {
                private static readonly byte[] Table = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 };
                private readonly ArrayList _items = new ArrayList();
                private readonly int[][] _jagged = new int[3][];
                private Point _origin;

                public event Changed OnChanged;

                public int Area() => _items.Count + _jagged.Length + _origin.X;

                public void Add(int value)
                {
                    Changed log = (s, v) => _items.Add(v);
                    log(this, value);
                    OnChanged?.Invoke(this, value);
                    _jagged[0] = new int[] { value, Table[0] };
                }

                public int Sum()
                {
                    var total = 0;
                    foreach (object o in _items) { total += (int)o; }
                    return total;
                }

                public string Describe(Mode mode)
                {
                    var name = mode switch { Mode.Idle => "idle", Mode.Sense => "sense", _ => "?" };
                    try { return $"{name}:{Sum()}"; }
                    catch (Exception e) when (e is InvalidOperationException) { return name; }
                }

                public static int Local(int x)
                {
                    return Twice(x);
                    static int Twice(int y) => y * 2;
                }
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Check_FindsNothing_ForConstructsNanoClrRuns(OptimizationLevel optimization)
    {
        ViolationAssert.Clean(NanoCompiler.Check(CleanSource, optimization));
    }

    [Fact]
    public void Check_FlagsGenericTypeDefinition()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public class Box<T> { public T Value; } }");

        ViolationAssert.Has(violations, "Snippet.Box`1", ViolationKind.GenericDefinition, "generic type definition <T>");
    }

    [Fact]
    public void Check_FlagsGenericMethodDefinition()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public static class Util { public static T Same<T>(T x) => x; } }");

        ViolationAssert.Has(violations, "Snippet.Util::Same", ViolationKind.GenericDefinition, "generic method definition <T>");
    }

    [Fact]
    public void Check_FlagsActionOfIntLocal_OnContainingMethod()
    {
        var violations = NanoCompiler.Check("""
            namespace Snippet
            {
                public class Holder
                {
                    public void Run()
                    {
                        System.Action<int> act = x => { };
                        act(1);
                        act(2);
                    }
                }
            }
            """);

        ViolationAssert.Has(violations, "Snippet.Holder::Run", ViolationKind.GenericInstantiation, "local #0 type System.Action<int> is a generic instantiation");
        ViolationAssert.Has(violations, "Snippet.Holder::Run", ViolationKind.GenericInstantiation, "IL callvirt System.Action<int>::Invoke: declaring type System.Action<int>");
        // The lambda cache lives in the compiler's <>c class; shown as the compiler names it.
        ViolationAssert.Has(violations, "Snippet.Holder/<>c::<>9__0_0", ViolationKind.GenericInstantiation, "field type System.Action<int>");
    }

    [Fact]
    public void Check_ReportsRepeatedUseInOneMethodOnce()
    {
        var violations = NanoCompiler.Check("""
            namespace Snippet
            {
                public class Holder
                {
                    public void Run(System.Action<int> act) { act(1); act(2); act(3); }
                }
            }
            """);

        Assert.Single(violations, v => v.Member == "Snippet.Holder::Run" && v.Reason.StartsWith("IL callvirt", StringComparison.Ordinal));
        ViolationAssert.Has(violations, "Snippet.Holder::Run", ViolationKind.GenericInstantiation, "parameter 'act' type System.Action<int>");
    }

    [Fact]
    public void Check_FlagsFuncField()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public class Holder { private System.Func<int, int> _map; public int Apply(int x) => _map(x); } }");

        ViolationAssert.Has(violations, "Snippet.Holder::_map", ViolationKind.GenericInstantiation, "field type System.Func<int, int> is a generic instantiation");
    }

    [Fact]
    public void Check_FlagsGenericArrayElement_NamingTheInstantiationInside()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public class Holder { public System.Action<int>[] Handlers; } }");

        ViolationAssert.Has(violations, "Snippet.Holder::Handlers", ViolationKind.GenericInstantiation, "field type System.Action<int>[] uses generic instantiation System.Action<int>");
    }

    [Fact]
    public void Check_FlagsMultiDimensionalArrayLocal()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public class Grid { public int Cells(object o) { int[,] grid = (int[,])o; return grid.Length; } } }");

        ViolationAssert.Has(violations, "Snippet.Grid::Cells", ViolationKind.MultiDimensionalArray, "local #0 type int[,] is a multi-dimensional array");
        ViolationAssert.Has(violations, "Snippet.Grid::Cells", ViolationKind.MultiDimensionalArray, "IL castclass type int[,]");
    }

    [Fact]
    public void Check_FlagsMultiDimensionalArrayCreationAndAccess_OnArrayMembers()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public class Grid { public object Make() { var g = new int[2, 3]; g[1, 2] = 5; return g; } } }");

        ViolationAssert.Has(violations, "Snippet.Grid::Make", ViolationKind.MultiDimensionalArray, "IL newobj int[,]::.ctor: declaring type int[,] is a multi-dimensional array");
        ViolationAssert.Has(violations, "Snippet.Grid::Make", ViolationKind.MultiDimensionalArray, "IL call int[,]::Set");
    }

    [Fact]
    public void Check_FlagsGenericInterfaceImplementation_OnImplementingType()
    {
        var violations = NanoCompiler.Check("""
            namespace Snippet
            {
                public interface IBox<T> { T Get(); }
                public sealed class IntBox : IBox<int> { public int Get() => 1; }
            }
            """);

        ViolationAssert.Has(violations, "Snippet.IntBox", ViolationKind.GenericInstantiation, "interface Snippet.IBox<int> is a generic instantiation");
        ViolationAssert.Has(violations, "Snippet.IBox`1", ViolationKind.GenericDefinition, "<T>");
    }

    [Fact]
    public void Check_FlagsExplicitImplementationOfGenericInterfaceMember()
    {
        var violations = NanoCompiler.Check("""
            namespace Snippet
            {
                public interface IBox<T> { T Get(); }
                public sealed class IntBox : IBox<int> { int IBox<int>.Get() => 1; }
            }
            """);

        ViolationAssert.Has(violations, "Snippet.IntBox::Snippet.IBox<System.Int32>.Get", ViolationKind.GenericInstantiation, "explicitly implemented interface Snippet.IBox<int> is a generic instantiation");
    }

    [Fact]
    public void Check_FlagsGenericBaseType()
    {
        var violations = NanoCompiler.Check("namespace Snippet { public class Base<T> { } public sealed class Derived : Base<string> { } }");

        ViolationAssert.Has(violations, "Snippet.Derived", ViolationKind.GenericInstantiation, "base type Snippet.Base<string> is a generic instantiation");
    }

    [Fact]
    public void Check_FlagsGenericMethodCall_AsMethodInstantiation()
    {
        var violations = NanoCompiler.Check("""
            namespace Snippet
            {
                public static class Util
                {
                    public static T Same<T>(T x) => x;
                    public static int Use() => Same(3);
                }
            }
            """);

        ViolationAssert.Has(violations, "Snippet.Util::Use", ViolationKind.GenericInstantiation, "IL call Snippet.Util::Same<int> is a generic method instantiation");
    }

    [Fact]
    public void Check_FlagsGenericAttribute_OnAttributedMember()
    {
        var violations = NanoCompiler.Check("""
            namespace Snippet
            {
                public sealed class TagAttribute<T> : System.Attribute { }
                public class Holder { [Tag<int>] public void Run() { } }
            }
            """);

        ViolationAssert.Has(violations, "Snippet.Holder::Run", ViolationKind.GenericInstantiation, "attribute Snippet.TagAttribute<int>::.ctor: attribute type Snippet.TagAttribute<int>");
    }

    [Fact]
    public void Check_FlagsReferenceToSecondAssembly_AndTheMethodUsingIt()
    {
        var helper = NanoCompiler.Emit("namespace Helper { public static class Util { public static int Twice(int x) => 2 * x; } }", "Helper");
        var violations = NanoCompiler.Check(
            "namespace Snippet { public class User { public int Use() => Helper.Util.Twice(2); } }",
            OptimizationLevel.Debug,
            MetadataReference.CreateFromImage(helper));

        ViolationAssert.Has(violations, "[Helper]", ViolationKind.ForeignAssemblyReference, "references assembly Helper 0.0.0.0; only mscorlib is available (types used: Helper.Util)");
        ViolationAssert.Has(violations, "Snippet.User::Use", ViolationKind.ForeignAssemblyReference, "IL call Helper.Util::Twice: declaring type Helper.Util [Helper] is not in mscorlib");
    }

    [Fact]
    public void Violation_PrintsAssemblyMemberAndReason()
    {
        var violation = Assert.Single(NanoCompiler.Check("namespace Snippet { public static class Util { public static void Nop<T>() { } } }"));

        Assert.Equal("Snippet.dll: Snippet.Util::Nop: generic method definition <T>", violation.ToString());
    }

    [Fact]
    public void Check_Throws_WhenFileIsNotAnAssembly()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("notes.dll", "not a PE file"u8.ToArray());

        var error = Assert.Throws<UnreadableAssemblyException>(() => NanoCompatibilityChecker.Check(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Check_Throws_WhenFileIsMissing()
    {
        var path = Path.Combine(Path.GetTempPath(), "nanocheck-missing-" + Guid.NewGuid().ToString("N") + ".dll");

        var error = Assert.Throws<UnreadableAssemblyException>(() => NanoCompatibilityChecker.Check(path));

        Assert.Contains(path, error.Message);
    }
}
