using System;

namespace SensorNode.Core.Numerics
{
    /// <summary>
    /// Integer helpers standing in for <c>System.Math</c>, which nanoFramework ships as a separate package.
    /// Pure and allocation-free; identical results on every runtime.
    /// </summary>
    public static class IntMath
    {
        /// <summary>The smaller of <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static int Min(int a, int b)
        {
            return a < b ? a : b;
        }

        /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static int Max(int a, int b)
        {
            return a > b ? a : b;
        }

        /// <summary>The smaller of <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static long Min(long a, long b)
        {
            return a < b ? a : b;
        }

        /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/>.</summary>
        public static long Max(long a, long b)
        {
            return a > b ? a : b;
        }

        /// <summary>
        /// <paramref name="value"/> limited to <paramref name="min"/>..<paramref name="max"/> (inclusive).
        /// Throws <see cref="ArgumentException"/> when <paramref name="min"/> &gt; <paramref name="max"/>.
        /// </summary>
        public static int Clamp(int value, int min, int max)
        {
            if (min > max)
            {
                throw new ArgumentException("Clamp needs min <= max.");
            }
            return value < min ? min : (value > max ? max : value);
        }

        /// <summary>
        /// <paramref name="value"/> limited to <paramref name="min"/>..<paramref name="max"/> (inclusive).
        /// Throws <see cref="ArgumentException"/> when <paramref name="min"/> &gt; <paramref name="max"/>.
        /// </summary>
        public static long Clamp(long value, long min, long max)
        {
            if (min > max)
            {
                throw new ArgumentException("Clamp needs min <= max.");
            }
            return value < min ? min : (value > max ? max : value);
        }

        /// <summary>
        /// Floor of the square root of <paramref name="value"/> (0 to 3037000499 for 0 to <see cref="long.MaxValue"/>),
        /// exact for every input. Throws <see cref="ArgumentOutOfRangeException"/> for a negative value.
        /// </summary>
        public static long Isqrt(long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("value", "Isqrt needs a value >= 0.");
            }
            // Digit-by-digit (base 4) method: 32 iterations, no division, no floating point.
            ulong remainder = (ulong)value;
            ulong root = 0;
            ulong bit = 1UL << 62;
            while (bit > remainder)
            {
                bit >>= 2;
            }
            while (bit != 0)
            {
                if (remainder >= root + bit)
                {
                    remainder -= root + bit;
                    root = (root >> 1) + bit;
                }
                else
                {
                    root >>= 1;
                }
                bit >>= 2;
            }
            return (long)root;
        }
    }
}
