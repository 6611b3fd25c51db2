namespace SensorNode.Core.Config
{
    /// <summary>
    /// The sections and key names a configuration file may contain, and "did you mean" hints for the rest.
    /// Built per parse (no static state); <see cref="ConfigParser"/> maps each key to its field.
    /// </summary>
    internal sealed class ConfigSchema
    {
        private readonly string[] sections;
        private readonly string[][] keys;

        private ConfigSchema(string[] sections, string[][] keys)
        {
            this.sections = sections;
            this.keys = keys;
        }

        // Keys renamed since the first release, old name and new: an old file is then told the new name.
        private static readonly string[] RenamedFrom = new string[] { "sht3x_address" };
        private static readonly string[] RenamedTo = new string[] { "climate_address" };

        /// <summary>The keys of nf.config, one per <see cref="NodeConfig"/> field, in file order.</summary>
        internal static ConfigSchema ForNodeConfig()
        {
            return new ConfigSchema(
                new string[] { "board", "pins", "sensors", "adc", "supercap", "power", "wake", "time", "wifi", "mqtt", "log", "service", "rtc", "watch" },
                new string[][]
                {
                    new string[] { "target", "serial_port", "firmware_version", "deploy_address" },
                    new string[] { "i2c_bus", "i2c_data", "i2c_clock", "pir", "supercap_adc_channel", "supercap_gate", "boot_marker" },
                    new string[] { "climate_sensor", "climate_address", "light_sensor", "light_address" },
                    new string[] { "divider_ratio", "samples", "gate_settle_ms", "cal_low_raw", "cal_low_millivolts", "cal_high_raw", "cal_high_millivolts" },
                    new string[] { "capacitance_millifarads", "esr_milliohms", "brownout_millivolts", "max_millivolts" },
                    new string[] { "sleep_microamps", "active_milliamps", "radio_milliamps", "radio_peak_milliamps", "transmit_budget_millijoules", "policy_update_min_millivolts" },
                    new string[] { "intervals_seconds", "safe_interval_seconds", "maintenance_window_seconds" },
                    new string[] { "utc_offset_minutes" },
                    new string[] { "ssid", "static_ip", "netmask", "gateway", "dns", "timeout_ms" },
                    new string[] { "host", "port", "tls", "topic_prefix", "node_id", "connect_timeout_ms", "ack_timeout_ms", "readings_per_message" },
                    new string[] { "capacity_readings" },
                    new string[] { "arrival_gap_minutes", "arrival_target_minutes", "temperature_interval_minutes", "weight_events", "weight_arrivals", "weight_temperature", "weight_dead_time", "weight_brownout" },
                    new string[] { "address", "interrupt_pin", "sync_tolerance_seconds", "low_charge_sleep_seconds", "power_hold_pin" },
                    new string[] { "commit_minutes", "quiet_minutes", "min_millivolts", "first_hour", "last_hour", "weekdays_only", "overnight" },
                });
        }

        /// <summary>The keys of secrets.config.</summary>
        internal static ConfigSchema ForSecrets()
        {
            return new ConfigSchema(
                new string[] { "wifi", "mqtt" },
                new string[][]
                {
                    new string[] { "password" },
                    new string[] { "username", "password" },
                });
        }

        /// <summary>Number of sections.</summary>
        internal int SectionCount
        {
            get { return sections.Length; }
        }

        /// <summary>Name of section <paramref name="index"/> (0..SectionCount-1).</summary>
        internal string SectionName(int index)
        {
            return sections[index];
        }

        /// <summary>Keys of section <paramref name="index"/>, in file order.</summary>
        internal string[] KeysOf(int index)
        {
            return keys[index];
        }

        /// <summary>Index of the named section (exact, lower case), or -1.</summary>
        internal int SectionIndex(string name)
        {
            return IndexOf(sections, name);
        }

        /// <summary>True when section <paramref name="section"/> (an index, or -1) has the key.</summary>
        internal bool HasKey(int section, string key)
        {
            return section >= 0 && IndexOf(keys[section], key) >= 0;
        }

        /// <summary>True when the key, "section.key", is in this schema.</summary>
        internal bool HasField(string section, string key)
        {
            return HasKey(SectionIndex(section), key);
        }

        /// <summary>Message for an unknown section name, with the closest valid name or the list of them.</summary>
        internal string DescribeUnknownSection(string name)
        {
            string closest = Closest(name, sections);
            string hint = closest != null ? "did you mean [" + closest + "]?" : "valid sections: " + List(sections, "[", "]");
            return "unknown section [" + name + "]; " + hint;
        }

        /// <summary>Message for a key that section <paramref name="section"/> does not have.</summary>
        internal string DescribeUnknownKey(int section, string key)
        {
            int renamed = IndexOf(RenamedFrom, key);
            if (renamed >= 0)
            {
                return "unknown key '" + key + "'; it is now called '" + RenamedTo[renamed] + "'";
            }

            string home = SectionOfKey(key);
            if (home != null)
            {
                return "unknown key '" + key + "' in [" + sections[section] + "]; it belongs in [" + home + "]";
            }

            string[] valid = keys[section];
            string closest = Closest(key, valid);
            if (closest != null)
            {
                return "unknown key '" + key + "'; did you mean '" + closest + "'?";
            }

            return "unknown key '" + key + "'; valid keys in [" + sections[section] + "]: " + List(valid, "", "");
        }

        /// <summary>The first section that has <paramref name="key"/>, or null.</summary>
        internal string SectionOfKey(string key)
        {
            for (int i = 0; i < sections.Length; i++)
            {
                if (IndexOf(keys[i], key) >= 0)
                {
                    return sections[i];
                }
            }

            return null;
        }

        private static int IndexOf(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string List(string[] names, string before, string after)
        {
            string result = "";
            for (int i = 0; i < names.Length; i++)
            {
                result = result + (i > 0 ? ", " : "") + before + names[i] + after;
            }

            return result;
        }

        // The most similar candidate: same name in another letter case, one a prefix of the other (a unit
        // suffix left out, e.g. "timeout" for "timeout_ms"), or a small edit distance (typos); null if none.
        private static string Closest(string name, string[] candidates)
        {
            string lower = name.ToLower();
            string best = null;
            int bestDistance = int.MaxValue;
            for (int i = 0; i < candidates.Length; i++)
            {
                string candidate = candidates[i];
                if (candidate == lower || (lower.Length >= 3 && (candidate.StartsWith(lower) || lower.StartsWith(candidate))))
                {
                    return candidate;
                }

                int distance = EditDistance(lower, candidate);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            int allowed = lower.Length / 3;
            if (allowed < 1)
            {
                allowed = 1;
            }

            return bestDistance <= allowed ? best : null;
        }

        // Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.
        private static int EditDistance(string a, string b)
        {
            int[] previous2 = new int[b.Length + 1];
            int[] previous = new int[b.Length + 1];
            int[] current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int best = previous[j - 1] + cost;
                    if (previous[j] + 1 < best)
                    {
                        best = previous[j] + 1;
                    }

                    if (current[j - 1] + 1 < best)
                    {
                        best = current[j - 1] + 1;
                    }

                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && previous2[j - 2] + 1 < best)
                    {
                        best = previous2[j - 2] + 1;
                    }

                    current[j] = best;
                }

                int[] recycled = previous2;
                previous2 = previous;
                previous = current;
                current = recycled;
            }

            return previous[b.Length];
        }
    }
}
