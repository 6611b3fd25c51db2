using System;
using System.Collections;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// Reads nf.config and secrets.config (format: docs/configuration.md). Parsing never stops at the first
    /// problem: every one is added to the caller's list as a <see cref="ConfigError"/> with its line and the
    /// expected form, and the returned object holds the default for each missing or bad value. A configuration
    /// whose error list is not empty must not be used to drive hardware.
    /// </summary>
    public static class ConfigParser
    {
        /// <summary>
        /// Parses nf.config text into a <see cref="NodeConfig"/>, then runs <see cref="Validate"/>. Unknown
        /// sections and keys, duplicate keys, malformed lines, out-of-range values, secrets (passwords) and a file
        /// that sets no key at all (empty or only comments) are errors. <paramref name="text"/> null (file absent) is one error and gives the defaults.
        /// </summary>
        /// <param name="text">The file's text; lines end in LF, CRLF or CR.</param>
        /// <param name="sourceName">Name used in errors, e.g. "nf.config".</param>
        /// <param name="errors">Receives <see cref="ConfigError"/> items; must not be null.</param>
        public static NodeConfig Parse(string text, string sourceName, ArrayList errors)
        {
            CheckErrorList(errors);
            NodeConfig config = new NodeConfig();
            if (text == null)
            {
                ConfigError.Add(errors, sourceName, 0, "", "the file is absent or unreadable");
                return config;
            }

            ConfigSchema schema = ConfigSchema.ForNodeConfig();
            ConfigSchema secrets = ConfigSchema.ForSecrets();
            int errorsBefore = errors.Count;
            ConfigEntryList entries = ConfigSyntax.Read(text, sourceName, schema, true, errors);
            if (entries.Count == 0 && errors.Count == errorsBefore)
            {
                // Every setting would silently take its default, node_id included: two such nodes collide.
                ConfigError.Add(errors, sourceName, 0, "", "the file sets no key (it is empty or only comments); "
                    + "start from the nf.config in the repository root, or run sensornode provision");
            }

            for (int i = 0; i < entries.Count; i++)
            {
                ConfigEntry entry = entries.Get(i);
                if (secrets.HasField(entry.Section, entry.Key) || entry.Key.IndexOf("password") >= 0)
                {
                    entry.Fail("secrets belong in secrets.config (git-ignored), not in nf.config");
                }
                else if (!schema.HasField(entry.Section, entry.Key) || !Apply(config, entry))
                {
                    entry.Fail(schema.DescribeUnknownKey(schema.SectionIndex(entry.Section), entry.Key));
                }
            }

            new ConfigValidator(sourceName, errors, entries).Check(config);
            return config;
        }

        /// <summary>
        /// Parses secrets.config text ([wifi] password, [mqtt] username and password) into a
        /// <see cref="NodeSecrets"/> and checks their forms. Error messages never contain secret values.
        /// <paramref name="text"/> null (file absent) is one error and gives empty secrets.
        /// </summary>
        /// <param name="text">The file's text.</param>
        /// <param name="sourceName">Name used in errors, e.g. "secrets.config".</param>
        /// <param name="errors">Receives <see cref="ConfigError"/> items; must not be null.</param>
        public static NodeSecrets ParseSecrets(string text, string sourceName, ArrayList errors)
        {
            CheckErrorList(errors);
            NodeSecrets secrets = new NodeSecrets();
            if (text == null)
            {
                ConfigError.Add(errors, sourceName, 0, "", "the file is absent or unreadable");
                return secrets;
            }

            ConfigSchema schema = ConfigSchema.ForSecrets();
            ConfigSchema settings = ConfigSchema.ForNodeConfig();
            ConfigEntryList entries = ConfigSyntax.Read(text, sourceName, schema, false, errors);
            for (int i = 0; i < entries.Count; i++)
            {
                ConfigEntry entry = entries.Get(i);
                if (entry.Field == "wifi.password")
                {
                    secrets.WifiPassword = entry.Value;
                }
                else if (entry.Field == "mqtt.username")
                {
                    secrets.MqttUsername = entry.Value;
                }
                else if (entry.Field == "mqtt.password")
                {
                    secrets.MqttPassword = entry.Value;
                }
                else if (settings.HasField(entry.Section, entry.Key))
                {
                    entry.Fail("'" + entry.Key + "' is a setting, not a secret: it belongs in nf.config");
                }
                else
                {
                    entry.Fail(schema.DescribeUnknownKey(schema.SectionIndex(entry.Section), entry.Key));
                }
            }

            new ConfigValidator(sourceName, errors, entries).CheckSecrets(secrets);
            return secrets;
        }

        /// <summary>
        /// Checks a configuration as a whole (pins the ESP32 can use for each role, I2C addresses, string forms,
        /// relations between keys); pure. Reports with line 0, since a configuration built in code has no lines.
        /// </summary>
        /// <param name="config">The configuration; null is an error.</param>
        /// <param name="sourceName">Name used in errors.</param>
        /// <param name="errors">Receives <see cref="ConfigError"/> items; must not be null.</param>
        public static void Validate(NodeConfig config, string sourceName, ArrayList errors)
        {
            CheckErrorList(errors);
            new ConfigValidator(sourceName, errors, null).Check(config);
        }

        /// <summary>
        /// The 1-based line of nf.config <paramref name="text"/> that sets <paramref name="field"/> ("section.key",
        /// e.g. "board.deploy_address"), or 0 when the text does not set it; for messages of tools that check a
        /// parsed configuration further (sensornode flash).
        /// </summary>
        public static int LineOf(string text, string field)
        {
            if (text == null)
            {
                return 0;
            }

            return ConfigSyntax.Read(text, "", ConfigSchema.ForNodeConfig(), false, new ArrayList()).LineOf(field);
        }

        private static void CheckErrorList(ArrayList errors)
        {
            if (errors == null)
            {
                throw new ArgumentNullException("errors");
            }
        }

        // Stores the entry's value in its field (reporting a bad value and keeping the default).
        // Returns false for a key this table lacks; ConfigParserTests keeps it in step with ConfigSchema.
        private static bool Apply(NodeConfig c, ConfigEntry e)
        {
            // An if chain, not a string switch: a switch this long compiles to a hash helper nanoCLR need not support.
            string s = e.Section;
            if (s == "board") return ApplyBoard(c, e);
            if (s == "pins") return ApplyPins(c, e);
            if (s == "sensors") return ApplySensors(c, e);
            if (s == "adc") return ApplyAdc(c, e);
            if (s == "supercap") return ApplySupercap(c, e);
            if (s == "power") return ApplyPower(c, e);
            if (s == "wake") return ApplyWake(c, e);
            if (s == "time") return ApplyTime(c, e);
            if (s == "wifi") return ApplyWifi(c, e);
            if (s == "mqtt") return ApplyMqtt(c, e);
            if (s == "log") return ApplyLog(c, e);
            if (s == "service") return ApplyService(c, e);
            if (s == "rtc") return ApplyRtc(c, e);
            if (s == "watch") return ApplyWatch(c, e);
            return false;
        }

        private static bool ApplyBoard(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "target") c.BoardTarget = e.Value;
            else if (k == "serial_port") c.SerialPort = e.Value;
            else if (k == "firmware_version") c.FirmwareVersion = e.Value;
            else if (k == "deploy_address") c.DeployAddress = e.Hex(c.DeployAddress, 0x10000, 0xFFF000, 6);
            else return false;
            return true;
        }

        private static bool ApplyPins(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "i2c_bus") c.I2cBusId = e.Int(c.I2cBusId, 1, 2);
            else if (k == "i2c_data") c.I2cDataPin = e.Int(c.I2cDataPin, 0, 39);
            else if (k == "i2c_clock") c.I2cClockPin = e.Int(c.I2cClockPin, 0, 39);
            else if (k == "pir") c.PirPin = e.Int(c.PirPin, 0, 39);
            else if (k == "supercap_adc_channel") c.SupercapAdcChannel = e.Int(c.SupercapAdcChannel, 0, 19);
            else if (k == "supercap_gate") c.SupercapGatePin = e.Int(c.SupercapGatePin, -1, 39);
            else if (k == "boot_marker") c.BootMarkerPin = e.Int(c.BootMarkerPin, -1, 39);
            else return false;
            return true;
        }

        private static bool ApplySensors(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "climate_sensor") c.ClimateSensor = e.ClimateSensor(c.ClimateSensor);
            else if (k == "climate_address") c.ClimateAddress = e.Hex(c.ClimateAddress, 0x08, 0x77, 2);
            else if (k == "light_sensor") c.LightSensor = e.LightSensor(c.LightSensor);
            else if (k == "light_address") c.LightAddress = e.Hex(c.LightAddress, 0x08, 0x77, 2);
            else return false;
            return true;
        }

        private static bool ApplyAdc(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "divider_ratio") c.DividerRatioMilli = e.Milli(c.DividerRatioMilli, 1000, 100000);
            else if (k == "samples") c.AdcSamples = e.Int(c.AdcSamples, 1, 64);
            else if (k == "gate_settle_ms") c.GateSettleMilliseconds = e.Int(c.GateSettleMilliseconds, 0, 1000);
            else if (k == "cal_low_raw") c.CalibrationLowRaw = e.Int(c.CalibrationLowRaw, 0, 4095);
            else if (k == "cal_low_millivolts") c.CalibrationLowMillivolts = e.Int(c.CalibrationLowMillivolts, 0, 3900);
            else if (k == "cal_high_raw") c.CalibrationHighRaw = e.Int(c.CalibrationHighRaw, 0, 4095);
            else if (k == "cal_high_millivolts") c.CalibrationHighMillivolts = e.Int(c.CalibrationHighMillivolts, 0, 3900);
            else return false;
            return true;
        }

        private static bool ApplySupercap(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "capacitance_millifarads") c.CapacitanceMillifarads = e.Int(c.CapacitanceMillifarads, 1, 1000000);
            else if (k == "esr_milliohms") c.EsrMilliohms = e.Int(c.EsrMilliohms, 0, 100000);
            else if (k == "brownout_millivolts") c.BrownoutMillivolts = e.Int(c.BrownoutMillivolts, 500, 20000);
            else if (k == "max_millivolts") c.MaxMillivolts = e.Int(c.MaxMillivolts, 500, 20000);
            else return false;
            return true;
        }

        private static bool ApplyPower(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "sleep_microamps") c.SleepMicroamps = e.Int(c.SleepMicroamps, 1, 100000);
            else if (k == "active_milliamps") c.ActiveMilliamps = e.Int(c.ActiveMilliamps, 1, 1000);
            else if (k == "radio_milliamps") c.RadioMilliamps = e.Int(c.RadioMilliamps, 1, 1000);
            else if (k == "radio_peak_milliamps") c.RadioPeakMilliamps = e.Int(c.RadioPeakMilliamps, 1, 2000);
            else if (k == "transmit_budget_millijoules") c.TransmitBudgetMillijoules = e.Int(c.TransmitBudgetMillijoules, 1, 100000);
            else if (k == "policy_update_min_millivolts") c.PolicyUpdateMinMillivolts = e.Int(c.PolicyUpdateMinMillivolts, 500, 20000);
            else return false;
            return true;
        }

        private static bool ApplyWake(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "intervals_seconds") c.WakeIntervalsSeconds = e.Intervals(c.WakeIntervalsSeconds);
            else if (k == "safe_interval_seconds") c.SafeIntervalSeconds = e.Int(c.SafeIntervalSeconds, 1, 86400);
            else if (k == "maintenance_window_seconds") c.MaintenanceWindowSeconds = e.Int(c.MaintenanceWindowSeconds, 0, MaintenanceWindow.MaxSeconds);
            else return false;
            return true;
        }

        private static bool ApplyTime(NodeConfig c, ConfigEntry e)
        {
            if (e.Key != "utc_offset_minutes") return false;
            c.UtcOffsetMinutes = e.Int(c.UtcOffsetMinutes, -720, 840);
            return true;
        }

        private static bool ApplyWifi(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "ssid") c.WifiSsid = e.Value;
            else if (k == "static_ip") c.StaticIp = e.Value;
            else if (k == "netmask") c.Netmask = e.Value;
            else if (k == "gateway") c.Gateway = e.Value;
            else if (k == "dns") c.Dns = e.Value;
            else if (k == "timeout_ms") c.WifiTimeoutMilliseconds = e.Int(c.WifiTimeoutMilliseconds, 1000, 60000);
            else return false;
            return true;
        }

        private static bool ApplyMqtt(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "host") c.BrokerHost = e.Value;
            else if (k == "port") c.BrokerPort = e.Int(c.BrokerPort, 1, 65535);
            else if (k == "tls") c.BrokerTls = e.Bool(c.BrokerTls);
            else if (k == "topic_prefix") c.TopicPrefix = e.Value;
            else if (k == "node_id") c.NodeId = e.Value;
            else if (k == "connect_timeout_ms") c.MqttConnectTimeoutMilliseconds = e.Int(c.MqttConnectTimeoutMilliseconds, 500, 60000);
            else if (k == "ack_timeout_ms") c.MqttAckTimeoutMilliseconds = e.Int(c.MqttAckTimeoutMilliseconds, 100, 60000);
            else if (k == "readings_per_message") c.ReadingsPerMessage = e.Int(c.ReadingsPerMessage, 1, 16);
            else return false;
            return true;
        }

        private static bool ApplyLog(NodeConfig c, ConfigEntry e)
        {
            if (e.Key != "capacity_readings") return false;
            c.LogCapacityReadings = e.Int(c.LogCapacityReadings, 8, 4096);
            return true;
        }

        private static bool ApplyService(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "arrival_gap_minutes") c.ServiceArrivalGapMinutes = e.Int(c.ServiceArrivalGapMinutes, 1, 1440);
            else if (k == "arrival_target_minutes") c.ServiceArrivalTargetMinutes = e.Int(c.ServiceArrivalTargetMinutes, 1, 1440);
            else if (k == "temperature_interval_minutes") c.ServiceTemperatureIntervalMinutes = e.Int(c.ServiceTemperatureIntervalMinutes, 1, 1440);
            else if (k == "weight_events") c.ServiceWeightEventsMilli = e.Milli(c.ServiceWeightEventsMilli, 0, 100000);
            else if (k == "weight_arrivals") c.ServiceWeightArrivalsMilli = e.Milli(c.ServiceWeightArrivalsMilli, 0, 100000);
            else if (k == "weight_temperature") c.ServiceWeightTemperatureMilli = e.Milli(c.ServiceWeightTemperatureMilli, 0, 100000);
            else if (k == "weight_dead_time") c.ServiceWeightDeadTimeMilli = e.Milli(c.ServiceWeightDeadTimeMilli, 0, 100000);
            else if (k == "weight_brownout") c.ServiceWeightBrownoutMilli = e.Milli(c.ServiceWeightBrownoutMilli, 0, 100000);
            else return false;
            return true;
        }

        private static bool ApplyWatch(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "commit_minutes") c.WatchCommitMinutes = e.Int(c.WatchCommitMinutes, 0, 255);
            else if (k == "quiet_minutes") c.WatchQuietMinutes = e.Int(c.WatchQuietMinutes, 1, 240);
            else if (k == "min_millivolts") c.WatchMinMillivolts = e.Int(c.WatchMinMillivolts, 0, 65535);
            else if (k == "first_hour") c.WatchFirstHour = e.Int(c.WatchFirstHour, 0, 23);
            else if (k == "last_hour") c.WatchLastHour = e.Int(c.WatchLastHour, 1, 24);
            else if (k == "weekdays_only") c.WatchWeekdaysOnly = e.Bool(c.WatchWeekdaysOnly);
            else if (k == "overnight") c.WatchOvernight = e.Bool(c.WatchOvernight);
            else return false;
            return true;
        }

        // Any key of [rtc] says the event RTC is fitted (docs/hardware.md); without the section the node runs as before.
        private static bool ApplyRtc(NodeConfig c, ConfigEntry e)
        {
            string k = e.Key;
            if (k == "address") c.RtcAddress = e.Hex(c.RtcAddress, 0x08, 0x77, 2);
            else if (k == "interrupt_pin") c.RtcInterruptPin = e.Int(c.RtcInterruptPin, 0, 39);
            else if (k == "sync_tolerance_seconds") c.RtcSyncToleranceSeconds = e.Int(c.RtcSyncToleranceSeconds, 0, 3600);
            else if (k == "low_charge_sleep_seconds") c.RtcLowChargeSleepSeconds = e.Int(c.RtcLowChargeSleepSeconds, 0, 86400);
            else if (k == "power_hold_pin") c.RtcPowerHoldPin = e.Int(c.RtcPowerHoldPin, -1, 39);
            else return false;
            c.RtcFitted = true;
            return true;
        }
    }
}
