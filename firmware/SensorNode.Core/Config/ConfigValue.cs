namespace SensorNode.Core.Config
{
    /// <summary>
    /// Exact, culture-free parsing and formatting of configuration values. Written by hand so that the host
    /// and nanoFramework accept exactly the same text (no culture, no whitespace, no '+', no floating point).
    /// </summary>
    internal static class ConfigValue
    {
        /// <summary>Decimal integer: optional '-', then 1..10 digits, within int range.</summary>
        internal static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            bool negative = text[0] == '-';
            int start = negative ? 1 : 0;
            int digits = text.Length - start;
            if (digits < 1 || digits > 10)
            {
                return false;
            }

            long magnitude = 0;
            for (int i = start; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                magnitude = magnitude * 10 + digit;
            }

            long signed = negative ? -magnitude : magnitude;
            if (signed < int.MinValue || signed > int.MaxValue)
            {
                return false;
            }

            value = (int)signed;
            return true;
        }

        /// <summary>Hexadecimal: "0x" or "0X", then 1..8 hex digits (either case), at most 0x7FFFFFFF.</summary>
        internal static bool TryParseHex(string text, out int value)
        {
            value = 0;
            if (text == null || text.Length < 3 || text.Length > 10 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
            {
                return false;
            }

            long result = 0;
            for (int i = 2; i < text.Length; i++)
            {
                int digit = HexDigit(text[i]);
                if (digit < 0)
                {
                    return false;
                }

                result = (result << 4) | (long)digit;
            }

            if (result > int.MaxValue)
            {
                return false;
            }

            value = (int)result;
            return true;
        }

        /// <summary>
        /// Decimal with up to 3 fractional digits, as thousandths: "2" and "2.0" give 2000, "2.125" gives 2125.
        /// Needs a digit before the point and at least one after it; at most 6 integer digits.
        /// </summary>
        internal static bool TryParseMilli(string text, out int milli)
        {
            milli = 0;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            bool negative = text[0] == '-';
            int start = negative ? 1 : 0;
            int point = text.IndexOf('.');
            int integerEnd = point < 0 ? text.Length : point;
            int integerDigits = integerEnd - start;
            if (integerDigits < 1 || integerDigits > 6 || text[start] == '-')
            {
                return false;
            }

            int fractionDigits = point < 0 ? 0 : text.Length - point - 1;
            if (point >= 0 && (fractionDigits < 1 || fractionDigits > 3))
            {
                return false;
            }

            int whole;
            if (!TryParseInt(text.Substring(start, integerDigits), out whole))
            {
                return false;
            }

            int fraction = 0;
            int scale = 100;
            for (int i = 0; i < fractionDigits; i++)
            {
                int digit = text[point + 1 + i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }

                fraction += digit * scale;
                scale /= 10;
            }

            int magnitude = whole * 1000 + fraction;
            milli = negative ? -magnitude : magnitude;
            return true;
        }

        /// <summary>"true" or "false", any letter case.</summary>
        internal static bool TryParseBool(string text, out bool value)
        {
            value = false;
            if (text == null)
            {
                return false;
            }

            string lower = text.ToLower();
            if (lower == "true")
            {
                value = true;
                return true;
            }

            return lower == "false";
        }

        /// <summary>
        /// Comma-separated decimal integers, spaces around items allowed. On failure <paramref name="badItem"/>
        /// is the 0-based index of the first item that is not an integer.
        /// </summary>
        internal static bool TryParseIntList(string text, out int[] values, out int badItem)
        {
            values = null;
            badItem = 0;
            if (text == null)
            {
                return false;
            }

            string[] items = text.Split(',');
            int[] result = new int[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                if (!TryParseInt(ConfigSyntax.Trim(items[i]), out result[i]))
                {
                    badItem = i;
                    return false;
                }
            }

            values = result;
            return true;
        }

        /// <summary>
        /// IPv4 dotted quad "a.b.c.d", each part 0..255 in decimal without leading zeros (they would read as
        /// octal elsewhere). <paramref name="address"/> is big-endian: a is the top byte.
        /// </summary>
        internal static bool TryParseDottedQuad(string text, out uint address)
        {
            address = 0;
            if (text == null)
            {
                return false;
            }

            string[] parts = text.Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            for (int i = 0; i < 4; i++)
            {
                string part = parts[i];
                int octet;
                if (part.Length < 1 || part.Length > 3 || part[0] == '-' || (part.Length > 1 && part[0] == '0')
                    || !TryParseInt(part, out octet) || octet > 255)
                {
                    return false;
                }

                address = (address << 8) | (uint)octet;
            }

            return true;
        }

        /// <summary>"0x" and at least <paramref name="minDigits"/> upper-case hex digits; <paramref name="value"/> must be >= 0.</summary>
        internal static string FormatHex(int value, int minDigits)
        {
            const string Digits = "0123456789ABCDEF";
            char[] buffer = new char[8];
            int count = 0;
            do
            {
                buffer[7 - count] = Digits[value & 0xF];
                value >>= 4;
                count++;
            }
            while (value != 0 && count < 8);

            while (count < minDigits && count < 8)
            {
                buffer[7 - count] = '0';
                count++;
            }

            return "0x" + new string(buffer, 8 - count, count);
        }

        /// <summary>Thousandths as a decimal with 3 fractional digits: 2000 gives "2.000", -1500 gives "-1.500".</summary>
        internal static string FormatMilli(int milli)
        {
            string sign = milli < 0 ? "-" : "";
            int magnitude = milli < 0 ? -milli : milli;
            string fraction = (magnitude % 1000).ToString();
            while (fraction.Length < 3)
            {
                fraction = "0" + fraction;
            }

            return sign + (magnitude / 1000).ToString() + "." + fraction;
        }

        /// <summary>True when every character is printable ASCII (0x20..0x7E).</summary>
        internal static bool IsPrintableAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' || text[i] > '~')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when the text has a space or tab in it.</summary>
        internal static bool HasWhitespace(string text)
        {
            return text.IndexOf(' ') >= 0 || text.IndexOf('\t') >= 0;
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
