namespace SensorNode.Core.Numerics
{
    /// <summary>Integer helpers (nanoFramework's mscorlib has no Math class).</summary>
    public static class IntMath
    {
        /// <summary>Floor of the square root of <paramref name="value"/> (0 for value &lt;= 0). Newton's method, exact for every long.</summary>
        public static long Isqrt(long value)
        {
            if (value <= 0)
            {
                return 0;
            }
            long x = value;
            long y = (x + 1) / 2;
            while (y < x)
            {
                x = y;
                y = (x + value / x) / 2;
            }
            return x;
        }
    }
}
