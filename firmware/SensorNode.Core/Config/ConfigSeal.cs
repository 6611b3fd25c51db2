using System.Collections;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// The integrity line that ends a configuration file as deployed to the node:
    /// <c># sensornode-seal bytes=&lt;N&gt; crc32=&lt;8 hex digits&gt;</c>, over exactly the text before it.
    /// nanoff's file deployment removes the old file and writes the new one in ~1 KB chunks, so a cable pull or a
    /// brown-out leaves a prefix of it; without the seal such a prefix parses as a valid file with the later
    /// settings silently at their defaults. The line is a comment, so the sealed copy is still a readable nf.config;
    /// the hand-edited source never needs one (<c>sensornode flash</c> seals the copy it deploys).
    /// </summary>
    public static class ConfigSeal
    {
        /// <summary>Starts the seal line.</summary>
        public const string Marker = "# sensornode-seal ";

        private const string BytesField = "bytes=";
        private const string CrcField = " crc32=";

        /// <summary>
        /// <paramref name="body"/> (ASCII; a final line break is added when missing) followed by its seal line.
        /// An existing seal line is replaced, so sealing twice gives the same text.
        /// </summary>
        public static string Seal(string body)
        {
            string text = Unsealed(body);
            if (text.Length > 0 && text[text.Length - 1] != '\n')
            {
                text = text + "\n";
            }

            return text + Marker + BytesField + text.Length.ToString() + CrcField + Crc(text).ToString("X8") + "\n";
        }

        /// <summary>
        /// The text before a valid seal line, or null when the seal is absent, malformed or does not match (one
        /// <see cref="ConfigError"/> in <paramref name="errors"/> says which, and how to recover).
        /// </summary>
        /// <param name="text">The file as read from storage; null when it is absent.</param>
        /// <param name="sourceName">File name used in the error, e.g. "nf.config".</param>
        /// <param name="errors">Receives the error; must not be null.</param>
        public static string Open(string text, string sourceName, ArrayList errors)
        {
            if (text == null)
            {
                ConfigError.Add(errors, sourceName, 0, "", "the file is absent or unreadable");
                return null;
            }

            int start = SealLineStart(text);
            if (start < 0)
            {
                ConfigError.Add(errors, sourceName, 0, "", "no '" + Marker.Trim() + "' line at the end: the file is cut short "
                    + "(an interrupted file deployment) or was not written by `sensornode flash`; deploy it again");
                return null;
            }

            string body = text.Substring(0, start);
            int expectedBytes;
            uint expectedCrc;
            if (!TryReadSeal(text.Substring(start), out expectedBytes, out expectedCrc))
            {
                ConfigError.Add(errors, sourceName, LineOf(text, start), "", "malformed seal line; expected '" + Marker + BytesField
                    + "<N>" + CrcField + "<8 hex digits>'; deploy the file again with `sensornode flash`");
                return null;
            }

            uint actualCrc = Crc(body);
            if (expectedBytes != body.Length || expectedCrc != actualCrc)
            {
                ConfigError.Add(errors, sourceName, LineOf(text, start), "", "the seal says " + expectedBytes.ToString() + " bytes with crc32 "
                    + expectedCrc.ToString("X8") + ", the file has " + body.Length.ToString() + " bytes with crc32 " + actualCrc.ToString("X8")
                    + ": it was changed or damaged after sealing; deploy it again with `sensornode flash`");
                return null;
            }

            return body;
        }

        /// <summary>CRC-32 of <paramref name="text"/>'s characters taken as bytes (the files are ASCII): the configuration's identity.</summary>
        public static uint Crc(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bytes[i] = c < 0x100 ? (byte)c : (byte)0xFF;
            }

            return Crc32.Compute(bytes, 0, bytes.Length);
        }

        // The text without a trailing seal line (as is when there is none).
        private static string Unsealed(string text)
        {
            int start = SealLineStart(text);
            return start < 0 ? text : text.Substring(0, start);
        }

        // Index of the last line when it starts with the marker (trailing line breaks allowed), else -1.
        private static int SealLineStart(string text)
        {
            int end = text.Length;
            while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r'))
            {
                end--;
            }

            int start = end;
            while (start > 0 && text[start - 1] != '\n')
            {
                start--;
            }

            if (end - start < Marker.Length || text.Substring(start, Marker.Length) != Marker)
            {
                return -1;
            }

            return start;
        }

        // "# sensornode-seal bytes=123 crc32=0A1B2C3D" with optional trailing line breaks.
        private static bool TryReadSeal(string line, out int bytes, out uint crc)
        {
            bytes = 0;
            crc = 0;
            int end = line.Length;
            while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r'))
            {
                end--;
            }

            string fields = line.Substring(Marker.Length, end - Marker.Length);
            int crcAt = fields.IndexOf(CrcField);
            if (!fields.StartsWith(BytesField) || crcAt < 0)
            {
                return false;
            }

            string count = fields.Substring(BytesField.Length, crcAt - BytesField.Length);
            string hex = fields.Substring(crcAt + CrcField.Length);
            return TryParseDecimal(count, out bytes) && TryParseHex8(hex, out crc);
        }

        private static bool TryParseDecimal(string text, out int value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 6)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return true;
        }

        private static bool TryParseHex8(string text, out uint value)
        {
            value = 0;
            if (text.Length != 8)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                uint digit;
                if (c >= '0' && c <= '9') digit = (uint)(c - '0');
                else if (c >= 'A' && c <= 'F') digit = (uint)(c - 'A' + 10);
                else if (c >= 'a' && c <= 'f') digit = (uint)(c - 'a' + 10);
                else return false;
                value = (value << 4) | digit;
            }

            return true;
        }

        // 1-based line number of the character at index.
        private static int LineOf(string text, int index)
        {
            int line = 1;
            for (int i = 0; i < index; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                }
            }

            return line;
        }
    }
}
