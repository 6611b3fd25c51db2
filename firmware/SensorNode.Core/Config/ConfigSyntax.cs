using System.Collections;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// The INI-like line syntax shared by nf.config and secrets.config: "[section]" headers, "key = value"
    /// lines, blank lines, and comments starting with '#' or ';' (a whole line, or after whitespace at the end
    /// of a line). A value may be wrapped in double quotes to keep leading/trailing spaces or " #" in it.
    /// Lines end in LF, CRLF or a bare CR (classic Mac OS editors), so no line ending hides the whole file in one line.
    /// </summary>
    internal static class ConfigSyntax
    {
        /// <summary>
        /// Splits <paramref name="text"/> into entries of known sections, reporting to <paramref name="errors"/>
        /// every line that is not a header, comment or key=value, keys before any header, unknown sections
        /// (their keys are skipped without further errors), a known section's second header (its keys are still
        /// read, so each problem among them is reported too), non-ASCII text and duplicate keys (the first wins).
        /// Whether each key exists is left to the caller. With <paramref name="echoText"/> false (secrets),
        /// messages never quote the file's text.
        /// </summary>
        internal static ConfigEntryList Read(string text, string source, ConfigSchema schema, bool echoText, ArrayList errors)
        {
            ConfigEntryList entries = new ConfigEntryList();
            string[] lines = SplitLines(text);
            string section = null;
            bool knownSection = false;
            int[] headerLines = new int[schema.SectionCount]; // of each known section's first header, 0 before it
            for (int i = 0; i < lines.Length; i++)
            {
                int number = i + 1;
                string line = Trim(lines[i]);
                if (line.Length == 0 || IsComment(line))
                {
                    continue;
                }

                if (line[0] == '[')
                {
                    section = ReadSection(line, number, source, schema, echoText, errors);
                    int index = section == null ? -1 : schema.SectionIndex(section);
                    knownSection = index >= 0;
                    if (knownSection && headerLines[index] > 0)
                    {
                        // Merging the two silently hid a copy-paste left over (a second [wifi] from another file).
                        ConfigError.Add(errors, source, number, section, "duplicate section; it already starts on line "
                            + headerLines[index].ToString() + ": put all its keys under one [" + section + "] header");
                    }
                    else if (knownSection)
                    {
                        headerLines[index] = number;
                    }

                    continue;
                }

                string context = knownSection ? section : "";
                int equals = line.IndexOf('=');
                if (equals < 0)
                {
                    string got = echoText ? ", got '" + Quote(line) + "'" : "";
                    ConfigError.Add(errors, source, number, context, "expected 'key = value', a [section] header or a # comment" + got);
                    continue;
                }

                string key = Trim(line.Substring(0, equals));
                if (key.Length == 0)
                {
                    ConfigError.Add(errors, source, number, context, "missing key before '='");
                    continue;
                }

                if (!ConfigValue.IsPrintableAscii(key))
                {
                    ConfigError.Add(errors, source, number, context, "the key contains a character that is not printable ASCII");
                    continue;
                }

                if (section == null)
                {
                    string home = schema.SectionOfKey(key);
                    string where = home != null ? "put it under [" + home + "]" : "put it under its [section] header";
                    ConfigError.Add(errors, source, number, "", "key '" + key + "' comes before any [section] header; " + where);
                    continue;
                }

                if (!knownSection)
                {
                    continue;
                }

                ConfigEntry entry = new ConfigEntry();
                entry.Section = section;
                entry.Key = key;
                entry.Field = section + "." + key;
                entry.Line = number;
                entry.Source = source;
                entry.Errors = errors;

                int firstLine = entries.LineOf(entry.Field);
                if (firstLine > 0)
                {
                    entry.Fail("duplicate key; it is already set on line " + firstLine.ToString());
                    continue;
                }

                string problem = ReadValue(line.Substring(equals + 1), out entry.Value);
                if (problem == null && !ConfigValue.IsPrintableAscii(entry.Value))
                {
                    problem = "the value contains a character that is not printable ASCII; only ASCII text is supported";
                }

                if (problem != null)
                {
                    entry.Fail(problem);
                    continue;
                }

                entries.Add(entry);
            }

            return entries;
        }

        /// <summary>
        /// The lines of <paramref name="text"/>, each without its end: LF, CRLF and a bare CR each end a line.
        /// </summary>
        internal static string[] SplitLines(string text)
        {
            int count = 1;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                {
                    count++;
                }
            }

            string[] lines = new string[count];
            int line = 0;
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\r')
                {
                    lines[line] = text.Substring(start, i - start);
                    line++;
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }
            }

            lines[line] = text.Substring(start);
            return lines;
        }

        /// <summary>Longest text of the file quoted in a message; the rest is cut to "...".</summary>
        internal const int MaxQuotedChars = 60;

        /// <summary>
        /// <paramref name="text"/> made safe to print on a terminal: a control character or any character outside
        /// printable ASCII is written as \xNN or \uNNNN (so an escape sequence in the file never reaches the
        /// terminal), a backslash as \\, and the text is cut after <see cref="MaxQuotedChars"/> characters.
        /// </summary>
        internal static string Quote(string text)
        {
            int length = text.Length > MaxQuotedChars ? MaxQuotedChars : text.Length;
            char[] chars = new char[length * 6 + 3];
            int n = 0;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c >= ' ' && c <= '~' && c != '\\')
                {
                    chars[n++] = c;
                }
                else if (c == '\\')
                {
                    chars[n++] = '\\';
                    chars[n++] = '\\';
                }
                else
                {
                    chars[n++] = '\\';
                    int digits = c <= 0xFF ? 2 : 4;
                    chars[n++] = digits == 2 ? 'x' : 'u';
                    for (int d = digits - 1; d >= 0; d--)
                    {
                        chars[n++] = "0123456789ABCDEF"[(c >> (d * 4)) & 0xF];
                    }
                }
            }

            if (length < text.Length)
            {
                chars[n++] = '.';
                chars[n++] = '.';
                chars[n++] = '.';
            }

            return new string(chars, 0, n);
        }

        /// <summary>Removes spaces, tabs and line-end characters at both ends (the same set on every runtime).</summary>
        internal static string Trim(string text)
        {
            int start = 0;
            int end = text.Length;
            while (start < end && IsBlank(text[start]))
            {
                start++;
            }

            while (end > start && IsBlank(text[end - 1]))
            {
                end--;
            }

            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }

        // Reads "[name]" (plus an optional trailing comment); returns the name, or null when the header is malformed.
        private static string ReadSection(string line, int number, string source, ConfigSchema schema, bool echoText, ArrayList errors)
        {
            int close = line.IndexOf(']');
            if (close < 0)
            {
                string got = echoText ? ", got '" + Quote(line) + "'" : "";
                ConfigError.Add(errors, source, number, "", "expected a section header like [mqtt]" + got);
                return null;
            }

            string name = Trim(line.Substring(1, close - 1));
            if (name.Length == 0 || !ConfigValue.IsPrintableAscii(name))
            {
                ConfigError.Add(errors, source, number, "", "expected a section name between the brackets, like [mqtt]");
                return null;
            }

            if (schema.SectionIndex(name) < 0)
            {
                ConfigError.Add(errors, source, number, "", schema.DescribeUnknownSection(name));
                return name;
            }

            string rest = Trim(line.Substring(close + 1));
            if (rest.Length > 0 && !IsComment(rest))
            {
                ConfigError.Add(errors, source, number, name, "unexpected text after the section header; comments start with # or ;");
            }

            return name;
        }

        // Returns null and the value, or a problem. A comment starts at '#' or ';' after whitespace, so
        // "ssid = my#net" keeps the '#'; a quoted value ends at the next '"' (no escapes).
        private static string ReadValue(string afterEquals, out string value)
        {
            value = "";
            string trimmed = Trim(afterEquals);
            if (trimmed.Length > 0 && trimmed[0] == '"')
            {
                int close = trimmed.IndexOf('"', 1);
                if (close < 0)
                {
                    return "missing the closing '\"' of a quoted value";
                }

                string rest = Trim(trimmed.Substring(close + 1));
                if (rest.Length > 0 && !IsComment(rest))
                {
                    return "unexpected text after the closing '\"'; comments start with # or ;";
                }

                value = trimmed.Substring(1, close - 1);
                return null;
            }

            for (int i = 1; i < afterEquals.Length; i++)
            {
                char c = afterEquals[i];
                if ((c == '#' || c == ';') && IsBlank(afterEquals[i - 1]))
                {
                    value = Trim(afterEquals.Substring(0, i));
                    return null;
                }
            }

            value = trimmed;
            return null;
        }

        private static bool IsComment(string trimmed)
        {
            return trimmed[0] == '#' || trimmed[0] == ';';
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
        }
    }
}
