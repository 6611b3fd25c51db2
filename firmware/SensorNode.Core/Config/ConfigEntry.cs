using System.Collections;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// One "key = value" line of a configuration file. The typed readers parse the value; on a bad value they
    /// report an error naming the expected form and range, and return the current (default) value instead.
    /// </summary>
    internal sealed class ConfigEntry
    {
        /// <summary>Section name, lower case as written, e.g. "mqtt".</summary>
        internal string Section;
        /// <summary>Key as written, e.g. "port".</summary>
        internal string Key;
        /// <summary>"section.key", e.g. "mqtt.port".</summary>
        internal string Field;
        /// <summary>The value: trimmed, trailing comment and surrounding quotes removed; may be empty.</summary>
        internal string Value;
        /// <summary>1-based line number.</summary>
        internal int Line;
        /// <summary>Source name for errors.</summary>
        internal string Source;
        /// <summary>Where errors go (<see cref="ConfigError"/> items).</summary>
        internal ArrayList Errors;

        /// <summary>Reports a problem with this line.</summary>
        internal void Fail(string message)
        {
            ConfigError.Add(Errors, Source, Line, Field, message);
        }

        /// <summary>Decimal integer in min..max.</summary>
        internal int Int(int current, int min, int max)
        {
            int value;
            if (ConfigValue.TryParseInt(Value, out value) && value >= min && value <= max)
            {
                return value;
            }

            Fail("expected an integer " + min.ToString() + ".." + max.ToString() + ", got '" + Value + "'");
            return current;
        }

        /// <summary>Hex number with the 0x prefix in min..max; <paramref name="digits"/> is the digit count used in messages.</summary>
        internal int Hex(int current, int min, int max, int digits)
        {
            int value;
            if (ConfigValue.TryParseHex(Value, out value) && value >= min && value <= max)
            {
                return value;
            }

            string expected = "expected a hex number " + ConfigValue.FormatHex(min, digits) + ".." + ConfigValue.FormatHex(max, digits);
            string hint = ConfigValue.TryParseInt(Value, out value) ? " (hex needs the 0x prefix)" : "";
            Fail(expected + ", got '" + Value + "'" + hint);
            return current;
        }

        /// <summary>Decimal with up to 3 fractional digits, in thousandths, in min..max thousandths.</summary>
        internal int Milli(int current, int min, int max)
        {
            int value;
            if (ConfigValue.TryParseMilli(Value, out value) && value >= min && value <= max)
            {
                return value;
            }

            Fail("expected a decimal number " + ConfigValue.FormatMilli(min) + ".." + ConfigValue.FormatMilli(max)
                + " with at most 3 decimals, got '" + Value + "'");
            return current;
        }

        /// <summary>true or false.</summary>
        internal bool Bool(bool current)
        {
            bool value;
            if (ConfigValue.TryParseBool(Value, out value))
            {
                return value;
            }

            Fail("expected true or false, got '" + Value + "'");
            return current;
        }

        /// <summary>sht3x or sht4x.</summary>
        internal ClimateSensorKind ClimateSensor(ClimateSensorKind current)
        {
            string lower = Value.ToLower();
            if (lower == "sht3x")
            {
                return ClimateSensorKind.Sht3x;
            }

            if (lower == "sht4x")
            {
                return ClimateSensorKind.Sht4x;
            }

            Fail("expected sht3x or sht4x, got '" + Value + "'");
            return current;
        }

        /// <summary>opt3001 or bh1750.</summary>
        internal LightSensorKind LightSensor(LightSensorKind current)
        {
            string lower = Value.ToLower();
            if (lower == "opt3001")
            {
                return LightSensorKind.Opt3001;
            }

            if (lower == "bh1750")
            {
                return LightSensorKind.Bh1750;
            }

            Fail("expected opt3001 or bh1750, got '" + Value + "'");
            return current;
        }

        /// <summary>The wake interval list: exactly 8 ascending integers 1..86400.</summary>
        internal int[] Intervals(int[] current)
        {
            int[] values;
            int badItem;
            string problem;
            if (!ConfigValue.TryParseIntList(Value, out values, out badItem))
            {
                problem = "item " + (badItem + 1).ToString() + " is '" + ConfigSyntax.Trim(Value.Split(',')[badItem]) + "'";
            }
            else
            {
                problem = ConfigValidator.DescribeIntervals(values);
                if (problem == null)
                {
                    return values;
                }
            }

            Fail(ConfigValidator.IntervalsExpected + ", " + problem);
            return current;
        }
    }
}
