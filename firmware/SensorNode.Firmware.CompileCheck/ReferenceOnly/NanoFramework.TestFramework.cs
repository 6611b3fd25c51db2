// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.TestFramework
// version 3.0.80) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Pin not tagged: nanoFramework.TestFramework 3.0.80 -> d4fa55e (3.0.80 was built from main; newest tag v3.0.77)
// Checked against: nanoframework/nanoFramework.TestFramework @ d4fa55e : source/TestFrameworkShared/TestClassAttribute.cs (TestClassAttribute)
// Checked against: nanoframework/nanoFramework.TestFramework @ d4fa55e : source/TestFrameworkShared/TestMethodAttribute.cs (TestMethodAttribute)
// Checked against: nanoframework/nanoFramework.TestFramework @ d4fa55e : source/TestFramework/Assert.cs (Assert: IsTrue, SkipTest)
// Checked against: nanoframework/nanoFramework.TestFramework @ d4fa55e : source/TestFramework/Assert.AreEqual.cs (Assert: AreEqual int, uint, long)
// Checked against: nanoframework/nanoFramework.TestFramework @ d4fa55e : source/TestFramework/OutputHelper.cs (OutputHelper)
// (shared research/device-truth-audit.md section 2.3. The AreEqual overloads are in Assert.AreEqual.cs; no
// Assert.NoGenerics.AreEqual.cs exists. Messages default through CallerArgumentExpression.)

using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    public sealed partial class Assert
    {
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            throw new NotSupportedException("reference-only");
        }

        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            throw new NotSupportedException("reference-only");
        }

        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            throw new NotSupportedException("reference-only");
        }

        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            throw new NotSupportedException("reference-only");
        }

        public static void SkipTest(string message = null)
        {
            throw new NotSupportedException("reference-only");
        }
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message) { throw new NotSupportedException("reference-only"); }
    }
}
