// REFERENCE-ONLY declaration of the published nanoFramework API (package nanoFramework.TestFramework
// version 3.0.80) for the CI compile check. Every body throws. Never shipped, never deployed.
//
// Read from github.com/nanoframework/nanoFramework.TestFramework:
//   source/TestFrameworkShared/TestClassAttribute.cs, TestMethodAttribute.cs
//   source/TestFramework/Assert.cs (IsTrue, SkipTest), Assert.NoGenerics.AreEqual.cs (AreEqual overloads
//     for the nanoFramework 1.x line, message defaulted through CallerArgumentExpression),
//   source/TestFramework/OutputHelper.cs

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
