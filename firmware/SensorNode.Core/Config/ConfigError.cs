using System.Collections;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// One problem found in a configuration file: where it is and what form was expected.
    /// Messages never echo secret values.
    /// </summary>
    public sealed class ConfigError
    {
        /// <summary>Name of the file (or other source) the text came from, e.g. "nf.config".</summary>
        public string Source;

        /// <summary>1-based line number; 0 for whole-file or cross-field problems.</summary>
        public int Line;

        /// <summary>"section.key" (e.g. "mqtt.port"), "section" alone, or empty when no key applies.</summary>
        public string Field;

        /// <summary>What is wrong and the expected form or range, e.g. "expected an integer 1..65535, got 'abc'".</summary>
        public string Message;

        /// <summary>"&lt;source&gt;:line &lt;N&gt;: [section] key: &lt;message&gt;"; without "line N" when <see cref="Line"/> is 0.</summary>
        public override string ToString()
        {
            string where = Line > 0 ? Source + ":line " + Line.ToString() + ": " : Source + ": ";
            return where + DescribeField(Field) + Message;
        }

        /// <summary>Appends a new error to <paramref name="errors"/>.</summary>
        internal static void Add(ArrayList errors, string source, int line, string field, string message)
        {
            ConfigError error = new ConfigError();
            error.Source = source;
            error.Line = line;
            error.Field = field;
            error.Message = message;
            errors.Add(error);
        }

        // "mqtt.port" -> "[mqtt] port: ", "mqtt" -> "[mqtt]: ", "" -> "".
        private static string DescribeField(string field)
        {
            if (field == null || field.Length == 0)
            {
                return "";
            }

            int dot = field.IndexOf('.');
            if (dot < 0)
            {
                return "[" + field + "]: ";
            }

            return "[" + field.Substring(0, dot) + "] " + field.Substring(dot + 1) + ": ";
        }
    }
}
