using System.Collections;
using SensorNode.Core.Telemetry;

namespace SensorNode.Core.Config
{
    /// <summary>
    /// Checks on a whole <see cref="NodeConfig"/> (and <see cref="NodeSecrets"/>) that a per-key range cannot
    /// express: pin capabilities, I2C addresses, string forms, and relations between keys. A problem with one
    /// key carries that key's line when the entries of the parsed file are known; a problem between keys has
    /// line 0 and names the key to change. Never modifies the configuration.
    /// </summary>
    internal sealed class ConfigValidator
    {
        /// <summary>Start of the message for a bad wake interval list.</summary>
        internal const string IntervalsExpected = "expected exactly 8 comma-separated integers 1..86400 (seconds) in ascending order";

        private const int IntervalCount = 8;
        private const int MaxIntervalSeconds = 86400;
        private const int AdcMaxRaw = 4095;

        private readonly string source;
        private readonly ArrayList errors;
        private readonly ConfigEntryList entries;

        /// <summary>Reports to <paramref name="errors"/>; <paramref name="entries"/> (may be null) gives the lines.</summary>
        internal ConfigValidator(string source, ArrayList errors, ConfigEntryList entries)
        {
            this.source = source;
            this.errors = errors;
            this.entries = entries;
        }

        /// <summary>Why the list is not 8 ascending values 1..86400, or null when it is.</summary>
        internal static string DescribeIntervals(int[] values)
        {
            if (values == null || values.Length != IntervalCount)
            {
                return "got " + (values == null ? 0 : values.Length).ToString() + " values";
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < 1 || values[i] > MaxIntervalSeconds)
                {
                    return "item " + (i + 1).ToString() + " is " + values[i].ToString();
                }

                if (i > 0 && values[i] <= values[i - 1])
                {
                    return "item " + (i + 1).ToString() + " (" + values[i].ToString() + ") is not greater than item "
                        + i.ToString() + " (" + values[i - 1].ToString() + ")";
                }
            }

            return null;
        }

        /// <summary>Runs every check on <paramref name="config"/>.</summary>
        internal void Check(NodeConfig config)
        {
            if (config == null)
            {
                ConfigError.Add(errors, source, 0, "", "no configuration to validate");
                return;
            }

            CheckBoard(config);
            CheckPins(config);
            CheckSensors(config);
            CheckAdc(config);
            CheckEnergy(config);
            CheckWake(config);
            CheckWifi(config);
            CheckMqtt(config);
            CheckRtc(config);
            CheckWatch(config);
        }

        // The commitment's window must hold at least one hour, and it is reported only when the commitment is on.
        private void CheckWatch(NodeConfig c)
        {
            if (c.WatchCommitMinutes > 0 && c.WatchFirstHour >= c.WatchLastHour)
            {
                CrossField("watch.last_hour", "last_hour " + c.WatchLastHour.ToString() + " must be after first_hour " + c.WatchFirstHour.ToString() + ": no hour would take a new commitment");
            }
        }

        // The event RTC's INT must be able to wake the chip (ext0 needs an RTC GPIO) and must not share a pin or an address.
        private void CheckRtc(NodeConfig c)
        {
            if (!c.RtcFitted)
            {
                return;
            }

            if (!Esp32Pins.IsRtcGpio(c.RtcInterruptPin))
            {
                AtLine("rtc.interrupt_pin", "GPIO " + c.RtcInterruptPin.ToString() + " is not an RTC GPIO; waking from deep sleep (ext0) needs one of 0, 2, 4, 12-15, 25-27, 32-39");
            }
            else if (c.RtcInterruptPin == c.I2cDataPin || c.RtcInterruptPin == c.I2cClockPin || c.RtcInterruptPin == c.PirPin)
            {
                CrossField("rtc.interrupt_pin", "GPIO " + c.RtcInterruptPin.ToString() + " is already used by another [pins] key");
            }

            // The hold line drives the ESP32's load switch: an output, and no other pin's.
            if (c.RtcPowerHoldPin >= 0)
            {
                if (!Esp32Pins.Exists(c.RtcPowerHoldPin) || Esp32Pins.IsFlashPin(c.RtcPowerHoldPin) || Esp32Pins.IsInputOnly(c.RtcPowerHoldPin))
                {
                    AtLine("rtc.power_hold_pin", "GPIO " + c.RtcPowerHoldPin.ToString() + " cannot hold the load switch: expected an output-capable GPIO (not 6-11, not input-only 34-39), or -1 for no switch");
                }
                else if (c.RtcPowerHoldPin == c.I2cDataPin || c.RtcPowerHoldPin == c.I2cClockPin || c.RtcPowerHoldPin == c.PirPin
                    || c.RtcPowerHoldPin == c.RtcInterruptPin || c.RtcPowerHoldPin == c.SupercapGatePin || c.RtcPowerHoldPin == c.BootMarkerPin)
                {
                    CrossField("rtc.power_hold_pin", "GPIO " + c.RtcPowerHoldPin.ToString() + " is already used by another pin");
                }
            }

            if (c.RtcAddress == c.ClimateAddress || c.RtcAddress == c.LightAddress)
            {
                CrossField("rtc.address", Hex2(c.RtcAddress) + " is also a sensor's address: two devices cannot share an I2C address");
            }

            // The low-charge sleep replaces the longest [wake] interval: shorter, it would spend more where energy is scarcest.
            // Only a value written in the file is an error (the default simply does not apply under a longer interval).
            int[] intervals = c.WakeIntervalsSeconds;
            int longest = intervals != null && intervals.Length > 0 ? intervals[intervals.Length - 1] : 0;
            int line = entries == null ? 0 : entries.LineOf("rtc.low_charge_sleep_seconds");
            if (line > 0 && c.RtcLowChargeSleepSeconds != 0 && c.RtcLowChargeSleepSeconds < longest)
            {
                AtLine("rtc.low_charge_sleep_seconds", "must be 0 (off) or at least the longest [wake] interval (" + longest.ToString()
                    + " s), got " + c.RtcLowChargeSleepSeconds.ToString());
            }
        }

        /// <summary>Checks the secrets' forms; messages never contain the secret values.</summary>
        internal void CheckSecrets(NodeSecrets secrets)
        {
            string wifiPassword = Text(secrets.WifiPassword);
            int length = wifiPassword.Length;
            bool passphrase = length >= 8 && length <= 63;
            if (length > 0 && !passphrase && !(length == 64 && IsHex(wifiPassword)))
            {
                AtLine("wifi.password", "expected empty (open network), a WPA2 passphrase of 8..63 characters or 64 hex digits, got "
                    + length.ToString() + " characters");
            }

            if (Text(secrets.MqttPassword).Length > 0 && Text(secrets.MqttUsername).Length == 0)
            {
                CrossField("mqtt.password", "a password needs a username: MQTT 3.1.1 sends a password only together with a user name");
            }
        }

        private void CheckBoard(NodeConfig c)
        {
            string target = Text(c.BoardTarget);
            if (target.Length == 0 || ConfigValue.HasWhitespace(target))
            {
                AtLine("board.target", "expected a nanoff target name like ESP32_REV3, got '" + target + "'");
            }

            if (Text(c.SerialPort).Length == 0)
            {
                AtLine("board.serial_port", "expected a serial port like /dev/ttyUSB0 or COM3, got an empty value");
            }

            if (!IsFirmwareVersion(Text(c.FirmwareVersion)))
            {
                AtLine("board.firmware_version", "expected a nanoCLR firmware version of four numbers like 1.17.0.339 (nanoff --fwversion; "
                    + "pinned so that deploy_address matches its partition table), got '" + Text(c.FirmwareVersion) + "'");
            }

            if (c.DeployAddress % 0x1000 != 0)
            {
                AtLine("board.deploy_address", "must be a multiple of 0x1000 (a 4 KiB flash sector), got " + ConfigValue.FormatHex(c.DeployAddress, 6));
            }
        }

        private void CheckPins(NodeConfig c)
        {
            CheckI2cPin("pins.i2c_data", c.I2cDataPin);
            CheckI2cPin("pins.i2c_clock", c.I2cClockPin);
            if (!Esp32Pins.IsRtcGpio(c.PirPin))
            {
                AtLine("pins.pir", "GPIO " + c.PirPin.ToString() + " is not an RTC GPIO; waking from deep sleep (ext0) needs one of 0, 2, 4, 12-15, 25-27, 32-39");
            }

            int adcGpio = Esp32Pins.Adc1ChannelGpio(c.SupercapAdcChannel);
            if (adcGpio < 0)
            {
                AtLine("pins.supercap_adc_channel", "expected an ADC1 channel 0..7 (GPIO 36,37,38,39,32,33,34,35), got "
                    + c.SupercapAdcChannel.ToString() + "; ADC2 (channels 10-19) cannot be read while Wi-Fi is on");
            }

            if (c.I2cClockPin == c.I2cDataPin)
            {
                CrossField("pins.i2c_clock", "must differ from i2c_data (both are GPIO " + c.I2cDataPin.ToString() + ")");
            }

            if (c.PirPin == c.I2cDataPin || c.PirPin == c.I2cClockPin)
            {
                CrossField("pins.pir", "GPIO " + c.PirPin.ToString() + " is already used by " + (c.PirPin == c.I2cDataPin ? "i2c_data" : "i2c_clock"));
            }

            if (c.SupercapGatePin >= 0)
            {
                if (!Esp32Pins.Exists(c.SupercapGatePin) || Esp32Pins.IsFlashPin(c.SupercapGatePin) || Esp32Pins.IsInputOnly(c.SupercapGatePin))
                {
                    AtLine("pins.supercap_gate", "GPIO " + c.SupercapGatePin.ToString() + " cannot drive the divider switch: expected an output-capable GPIO (not 6-11, not input-only 34-39), or -1 for no gate");
                }
                else if (c.SupercapGatePin == c.I2cDataPin || c.SupercapGatePin == c.I2cClockPin || c.SupercapGatePin == c.PirPin || c.SupercapGatePin == adcGpio)
                {
                    CrossField("pins.supercap_gate", "GPIO " + c.SupercapGatePin.ToString() + " is already used by another pin");
                }
            }

            if (c.BootMarkerPin >= 0)
            {
                if (!Esp32Pins.Exists(c.BootMarkerPin) || Esp32Pins.IsFlashPin(c.BootMarkerPin) || Esp32Pins.IsInputOnly(c.BootMarkerPin))
                {
                    AtLine("pins.boot_marker", "GPIO " + c.BootMarkerPin.ToString() + " cannot drive a marker: expected an output-capable GPIO (not 6-11, not input-only 34-39), or -1 for none");
                }
                else if (c.BootMarkerPin == c.I2cDataPin || c.BootMarkerPin == c.I2cClockPin || c.BootMarkerPin == c.PirPin
                    || c.BootMarkerPin == adcGpio || c.BootMarkerPin == c.SupercapGatePin)
                {
                    CrossField("pins.boot_marker", "GPIO " + c.BootMarkerPin.ToString() + " is already used by another pin");
                }
            }

            if (adcGpio >= 0 && (adcGpio == c.I2cDataPin || adcGpio == c.I2cClockPin || adcGpio == c.PirPin))
            {
                string user = adcGpio == c.PirPin ? "pir" : adcGpio == c.I2cDataPin ? "i2c_data" : "i2c_clock";
                CrossField("pins.supercap_adc_channel", "channel " + c.SupercapAdcChannel.ToString() + " is GPIO " + adcGpio.ToString()
                    + ", which is already used by " + user);
            }
        }

        private void CheckI2cPin(string field, int gpio)
        {
            string name = "GPIO " + gpio.ToString();
            if (!Esp32Pins.Exists(gpio))
            {
                AtLine(field, name + " does not exist on the ESP32 (GPIOs are 0-19, 21-23, 25-27, 32-39)");
            }
            else if (Esp32Pins.IsFlashPin(gpio))
            {
                AtLine(field, name + " is wired to the SPI flash (GPIO 6-11 are unusable)");
            }
            else if (Esp32Pins.IsInputOnly(gpio))
            {
                AtLine(field, name + " is input-only (GPIO 34-39) and cannot drive the I2C bus");
            }
        }

        private void CheckSensors(NodeConfig c)
        {
            switch (c.ClimateSensor)
            {
                case ClimateSensorKind.Sht3x:
                    if (c.ClimateAddress != 0x44 && c.ClimateAddress != 0x45)
                    {
                        CrossField("sensors.climate_address", Hex2(c.ClimateAddress) + " is not an SHT3x address: climate_sensor = sht3x needs 0x44 (ADDR low) or 0x45 (ADDR high)");
                    }

                    break;
                case ClimateSensorKind.Sht4x:
                    if (c.ClimateAddress < 0x44 || c.ClimateAddress > 0x46)
                    {
                        CrossField("sensors.climate_address", Hex2(c.ClimateAddress) + " is not an SHT4x address: climate_sensor = sht4x needs 0x44 (SHT4x-A), 0x45 (-B) or 0x46 (-C)");
                    }

                    break;
                default:
                    AtLine("sensors.climate_sensor", "expected sht3x or sht4x");
                    break;
            }

            switch (c.LightSensor)
            {
                case LightSensorKind.Opt3001:
                    if (c.LightAddress < 0x44 || c.LightAddress > 0x47)
                    {
                        CrossField("sensors.light_address", Hex2(c.LightAddress) + " is not an OPT3001 address: light_sensor = opt3001 needs 0x44..0x47");
                    }

                    break;
                case LightSensorKind.Bh1750:
                    if (c.LightAddress != 0x23 && c.LightAddress != 0x5C)
                    {
                        CrossField("sensors.light_address", Hex2(c.LightAddress) + " is not a BH1750 address: light_sensor = bh1750 needs 0x23 (ADDR low) or 0x5C (ADDR high)");
                    }

                    break;
                default:
                    AtLine("sensors.light_sensor", "expected opt3001 or bh1750");
                    break;
            }

            if (c.LightAddress == c.ClimateAddress)
            {
                CrossField("sensors.light_address", Hex2(c.LightAddress) + " is also climate_address: two devices cannot share an I2C address");
            }
        }

        private void CheckAdc(NodeConfig c)
        {
            bool rawOk = c.CalibrationHighRaw > c.CalibrationLowRaw;
            bool millivoltsOk = c.CalibrationHighMillivolts > c.CalibrationLowMillivolts;
            if (!rawOk)
            {
                CrossField("adc.cal_high_raw", "must be greater than cal_low_raw (" + c.CalibrationLowRaw.ToString() + "), got " + c.CalibrationHighRaw.ToString());
            }

            if (!millivoltsOk)
            {
                CrossField("adc.cal_high_millivolts", "must be greater than cal_low_millivolts (" + c.CalibrationLowMillivolts.ToString()
                    + "), got " + c.CalibrationHighMillivolts.ToString());
            }

            if (c.DividerRatioMilli < 1000)
            {
                AtLine("adc.divider_ratio", "expected a ratio of at least 1.000 (Vcap / Vpin), got " + ConfigValue.FormatMilli(c.DividerRatioMilli));
                return;
            }

            if (!rawOk || !millivoltsOk)
            {
                return;
            }

            // The full supercap must still read below the ADC's top count, or the top of the range is lost.
            long pinMillivolts = (long)c.MaxMillivolts * 1000 / c.DividerRatioMilli;
            long raw = c.CalibrationLowRaw + (pinMillivolts - c.CalibrationLowMillivolts) * (c.CalibrationHighRaw - c.CalibrationLowRaw)
                / (c.CalibrationHighMillivolts - c.CalibrationLowMillivolts);
            if (raw > AdcMaxRaw)
            {
                CrossField("adc.divider_ratio", "max_millivolts (" + c.MaxMillivolts.ToString() + " mV) divided by " + ConfigValue.FormatMilli(c.DividerRatioMilli)
                    + " puts " + pinMillivolts.ToString() + " mV on the ADC pin, which the calibration maps to raw " + raw.ToString()
                    + ", beyond the 12-bit ADC's 4095: raise divider_ratio");
            }
        }

        private void CheckEnergy(NodeConfig c)
        {
            if (c.BrownoutMillivolts >= c.MaxMillivolts)
            {
                CrossField("supercap.brownout_millivolts", "must be below max_millivolts (" + c.MaxMillivolts.ToString() + "), got " + c.BrownoutMillivolts.ToString());
            }
            else
            {
                // E = C/2 (Vmax^2 - Vbrownout^2); mF * mV^2 is nJ x 1000, so / 2 / 10^6 gives mJ.
                long max = c.MaxMillivolts;
                long brownout = c.BrownoutMillivolts;
                long usableMillijoules = c.CapacitanceMillifarads * (max * max - brownout * brownout) / 2000000;
                if (usableMillijoules < c.TransmitBudgetMillijoules)
                {
                    CrossField("power.transmit_budget_millijoules", c.TransmitBudgetMillijoules.ToString() + " mJ is more than the "
                        + usableMillijoules.ToString() + " mJ the supercap holds between brownout_millivolts and max_millivolts: the node could never transmit");
                }
                // Only within a valid window: with brownout >= max the error above already says what is wrong.
                if (c.PolicyUpdateMinMillivolts <= c.BrownoutMillivolts || c.PolicyUpdateMinMillivolts > c.MaxMillivolts)
                {
                    CrossField("power.policy_update_min_millivolts", "must be above brownout_millivolts (" + c.BrownoutMillivolts.ToString()
                        + ") and at most max_millivolts (" + c.MaxMillivolts.ToString() + "), got " + c.PolicyUpdateMinMillivolts.ToString());
                }
            }

            if (c.RadioPeakMilliamps < c.RadioMilliamps)
            {
                CrossField("power.radio_peak_milliamps", "must be at least radio_milliamps (" + c.RadioMilliamps.ToString() + "), got " + c.RadioPeakMilliamps.ToString());
            }
        }

        private void CheckWake(NodeConfig c)
        {
            int[] intervals = c.WakeIntervalsSeconds;
            string problem = DescribeIntervals(intervals);
            if (problem != null)
            {
                AtLine("wake.intervals_seconds", IntervalsExpected + ", " + problem);
                return;
            }

            int shortest = intervals[0];
            int longest = intervals[intervals.Length - 1];
            if (c.SafeIntervalSeconds < shortest || c.SafeIntervalSeconds > longest)
            {
                CrossField("wake.safe_interval_seconds", "must be within the wake intervals " + shortest.ToString() + ".." + longest.ToString()
                    + " s, got " + c.SafeIntervalSeconds.ToString());
            }
        }

        private void CheckWifi(NodeConfig c)
        {
            int ssidLength = Text(c.WifiSsid).Length;
            if (ssidLength < 1 || ssidLength > 32)
            {
                AtLine("wifi.ssid", "expected a network name of 1..32 characters, got " + ssidLength.ToString());
            }

            uint ip;
            uint netmask;
            uint gateway;
            uint dns;
            bool staticIp = Text(c.StaticIp).Length > 0;
            bool ipOk = Quad("wifi.static_ip", c.StaticIp, "like 192.168.1.50, or empty for DHCP", out ip);
            bool netmaskOk = Quad("wifi.netmask", c.Netmask, "like 255.255.255.0", out netmask);
            bool gatewayOk = Quad("wifi.gateway", c.Gateway, "like 192.168.1.1", out gateway);
            Quad("wifi.dns", c.Dns, "like 192.168.1.1, or empty", out dns);
            if (netmaskOk && !IsContiguousMask(netmask))
            {
                AtLine("wifi.netmask", "expected a netmask (leading one bits, like 255.255.255.0), got '" + c.Netmask + "'");
                netmaskOk = false;
            }

            if (!staticIp || !ipOk)
            {
                return;
            }

            if (Text(c.Netmask).Length == 0)
            {
                CrossField("wifi.netmask", "a static_ip needs a netmask like 255.255.255.0");
            }

            if (Text(c.Gateway).Length == 0)
            {
                CrossField("wifi.gateway", "a static_ip needs a gateway like 192.168.1.1");
            }
            else if (gatewayOk && netmaskOk && Text(c.Netmask).Length > 0)
            {
                if (gateway == ip)
                {
                    CrossField("wifi.gateway", "must differ from static_ip (" + c.StaticIp + ")");
                }
                else if ((gateway & netmask) != (ip & netmask))
                {
                    CrossField("wifi.gateway", c.Gateway + " is outside the subnet of static_ip " + c.StaticIp + " with netmask " + c.Netmask);
                }
            }
        }

        private void CheckMqtt(NodeConfig c)
        {
            string host = Text(c.BrokerHost);
            if (host.Length == 0 || ConfigValue.HasWhitespace(host))
            {
                AtLine("mqtt.host", "expected a broker host name or address without spaces, got '" + host + "'");
            }

            if (c.BrokerPort < 1 || c.BrokerPort > 65535)
            {
                AtLine("mqtt.port", "expected an integer 1..65535, got " + c.BrokerPort.ToString());
            }

            string prefix = Text(c.TopicPrefix);
            if (prefix.Length == 0 || prefix.IndexOf('+') >= 0 || prefix.IndexOf('#') >= 0 || prefix.IndexOf("//") >= 0
                || prefix[0] == '/' || prefix[prefix.Length - 1] == '/')
            {
                AtLine("mqtt.topic_prefix", "expected a non-empty topic prefix without '+', '#', empty levels or a leading/trailing '/', got '" + prefix + "'");
            }

            if (!IsNodeId(Text(c.NodeId)))
            {
                AtLine("mqtt.node_id", "expected 1..32 characters from a-z, 0-9 and '-', got '" + Text(c.NodeId) + "'");
            }
            else if (Text(c.NodeId).StartsWith(UnconfiguredIdentity.Prefix))
            {
                AtLine("mqtt.node_id", "ids starting '" + UnconfiguredIdentity.Prefix + "' are reserved for nodes reporting a configuration fault, got '" + c.NodeId + "'");
            }
        }

        // Parses a dotted quad when the text is set; reports a malformed one. Returns true when set and valid.
        private bool Quad(string field, string text, string example, out uint address)
        {
            address = 0;
            string value = Text(text);
            if (value.Length == 0)
            {
                return false;
            }

            if (ConfigValue.TryParseDottedQuad(value, out address))
            {
                return true;
            }

            AtLine(field, "expected a dotted quad " + example + ", got '" + value + "'");
            return false;
        }

        // A problem with one key: reported on its line when known.
        private void AtLine(string field, string message)
        {
            ConfigError.Add(errors, source, entries == null ? 0 : entries.LineOf(field), field, message);
        }

        // A problem between keys: line 0, reported against the key to change.
        private void CrossField(string field, string message)
        {
            ConfigError.Add(errors, source, 0, field, message);
        }

        private static bool IsContiguousMask(uint mask)
        {
            uint inverted = ~mask;
            return (inverted & (inverted + 1)) == 0;
        }

        // The core's one node-id rule (Telemetry/NodeIds), so nf.config, topics and the gateway agree.
        private static bool IsNodeId(string id)
        {
            return Telemetry.NodeIds.IsValid(id);
        }

        // Four dot-separated decimal numbers of 1..9 digits: "1.17.0.339".
        private static bool IsFirmwareVersion(string text)
        {
            int parts = 1;
            int digits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (ch == '.')
                {
                    if (digits == 0)
                    {
                        return false;
                    }

                    parts++;
                    digits = 0;
                }
                else if (ch >= '0' && ch <= '9' && digits < 9)
                {
                    digits++;
                }
                else
                {
                    return false;
                }
            }

            return parts == 4 && digits > 0;
        }

        private static bool IsHex(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Hex2(int value)
        {
            return ConfigValue.FormatHex(value, 2);
        }

        private static string Text(string value)
        {
            return value == null ? "" : value;
        }
    }
}
