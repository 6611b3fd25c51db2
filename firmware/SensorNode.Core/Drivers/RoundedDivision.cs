namespace SensorNode.Core.Drivers
{
    /// <summary>Integer division rounded to nearest, halves away from zero (the core has no Math class).</summary>
    internal static class RoundedDivision
    {
        /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> rounded; <paramref name="denominator"/> must be &gt; 0.</summary>
        internal static long Divide(long numerator, long denominator)
        {
            long half = denominator / 2;
            return numerator >= 0 ? (numerator + half) / denominator : (numerator - half) / denominator;
        }
    }
}
