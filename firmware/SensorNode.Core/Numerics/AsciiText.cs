namespace SensorNode.Core.Numerics
{
    /// <summary>
    /// Writes text and numbers as ASCII bytes straight into a caller's buffer: no strings built, no
    /// <c>Encoding</c>, no floating-point formatting, nothing allocated. Every method writes all or nothing
    /// and returns the number of bytes written, or -1 when they would not fit.
    /// </summary>
    public static class AsciiText
    {
        /// <summary>Longest text <see cref="WriteInt64"/> produces: "-9223372036854775808", 20 bytes.</summary>
        public const int MaxInt64Length = 20;

        /// <summary>Largest number of decimals <see cref="WriteFixedPoint"/> accepts (10^18 fits a long).</summary>
        public const int MaxDecimals = 18;

        /// <summary>
        /// Copies <paramref name="text"/> (its chars must be ASCII, 0-127; others are written as '?') to
        /// <paramref name="buffer"/> at <paramref name="offset"/>. Returns its length, or -1 when it does not fit.
        /// </summary>
        public static int WriteString(byte[] buffer, int offset, string text)
        {
            int length = text.Length;
            if (offset < 0 || offset + length > buffer.Length)
            {
                return -1;
            }
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                buffer[offset + i] = c < 128 ? (byte)c : (byte)'?';
            }
            return length;
        }

        /// <summary>
        /// Writes <paramref name="value"/> in decimal ("-600", "0", "1767225600"). Returns the bytes written
        /// (1 to <see cref="MaxInt64Length"/>), or -1 when they do not fit.
        /// </summary>
        public static int WriteInt64(byte[] buffer, int offset, long value)
        {
            return WriteFixedPoint(buffer, offset, value, 0);
        }

        /// <summary>
        /// Writes <paramref name="scaledValue"/> / 10^<paramref name="decimals"/> as a JSON-compatible decimal
        /// with trailing fractional zeros removed: (2153, 2) -> "21.53", (-5, 2) -> "-0.05", (2150, 2) -> "21.5",
        /// (2000, 2) -> "20", (0, 3) -> "0". <paramref name="decimals"/> is 0 to <see cref="MaxDecimals"/>.
        /// Returns the bytes written, or -1 when they do not fit (the buffer is then untouched).
        /// </summary>
        public static int WriteFixedPoint(byte[] buffer, int offset, long scaledValue, int decimals)
        {
            if (decimals < 0 || decimals > MaxDecimals)
            {
                throw new System.ArgumentOutOfRangeException("decimals", "0 to 18 decimals.");
            }
            bool negative = scaledValue < 0;
            // Magnitude as ulong so long.MinValue has one too.
            ulong magnitude = negative ? (ulong)(-(scaledValue + 1)) + 1 : (ulong)scaledValue;
            ulong scale = 1;
            for (int i = 0; i < decimals; i++)
            {
                scale *= 10;
            }
            ulong whole = magnitude / scale;
            ulong fraction = magnitude % scale;
            int fractionDigits = decimals;
            while (fraction != 0 && fraction % 10 == 0)
            {
                fraction /= 10;
                fractionDigits--;
            }
            if (fraction == 0)
            {
                fractionDigits = 0;
            }

            int wholeDigits = CountDigits(whole);
            int length = (negative ? 1 : 0) + wholeDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0);
            if (offset < 0 || offset + length > buffer.Length)
            {
                return -1;
            }

            // Fill right to left: fraction (zero-padded), point, whole part, sign.
            int position = offset + length - 1;
            for (int i = 0; i < fractionDigits; i++)
            {
                buffer[position--] = (byte)('0' + (int)(fraction % 10));
                fraction /= 10;
            }
            if (fractionDigits > 0)
            {
                buffer[position--] = (byte)'.';
            }
            for (int i = 0; i < wholeDigits; i++)
            {
                buffer[position--] = (byte)('0' + (int)(whole % 10));
                whole /= 10;
            }
            if (negative)
            {
                buffer[position] = (byte)'-';
            }
            return length;
        }

        private static int CountDigits(ulong value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }
            return digits;
        }
    }
}
