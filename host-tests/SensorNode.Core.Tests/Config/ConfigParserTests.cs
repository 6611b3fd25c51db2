using Xunit;
using System.Collections;
using System.Reflection;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

public class ConfigParserTests
{
    internal static NodeConfig Parse(string text, out List<ConfigError> errors)
    {
        var list = new ArrayList();
        var config = ConfigParser.Parse(text, "nf.config", list);
        errors = list.Cast<ConfigError>().ToList();
        return config;
    }

    internal static object?[] FieldValues(NodeConfig c) =>
        typeof(NodeConfig).GetFields().Select(f => f.GetValue(c) is int[] a ? string.Join(",", a) : f.GetValue(c)).ToArray();

    [Fact]
    public void Parse_ShippedNfConfig_HasNoErrorsAndEqualsTheReferenceDefaults()
    {
        var config = Parse(RepoFiles.ReadText("nf.config"), out var errors);

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.Equal(FieldValues(new NodeConfig()), FieldValues(config));
    }

    [Fact]
    public void ShippedNfConfig_SetsEveryKeyOfTheSchema()
    {
        var schema = ConfigSchema.ForNodeConfig();
        var entries = ConfigSyntax.Read(RepoFiles.ReadText("nf.config"), "nf.config", schema, true, new ArrayList());

        string text = RepoFiles.ReadText("nf.config");
        for (int s = 0; s < schema.SectionCount; s++)
        {
            foreach (var key in schema.KeysOf(s))
            {
                // [rtc] is optional hardware: any key of it fits the event RTC, so the shipped file shows it commented out.
                if (schema.SectionName(s) == "rtc")
                {
                    Assert.Contains("\n# " + key + " = ", text.Replace("\r", ""));
                    continue;
                }
                Assert.True(entries.LineOf(schema.SectionName(s) + "." + key) > 0, $"nf.config lacks [{schema.SectionName(s)}] {key}");
            }
        }
    }

    // One non-default valid value per key: each must change exactly one NodeConfig field, and no two keys the same one.
    private static readonly Dictionary<string, string> OtherValues = new()
    {
        ["board.target"] = "ESP32_PSRAM_REV3", ["board.serial_port"] = "COM3", ["board.firmware_version"] = "1.17.0.334", ["board.deploy_address"] = "0x1A0000",
        ["pins.i2c_bus"] = "2", ["pins.i2c_data"] = "21", ["pins.i2c_clock"] = "22", ["pins.pir"] = "26", ["pins.supercap_adc_channel"] = "7", ["pins.supercap_gate"] = "25", ["pins.boot_marker"] = "23",
        ["sensors.climate_sensor"] = "sht4x", ["sensors.climate_address"] = "0x45", ["sensors.light_sensor"] = "bh1750", ["sensors.light_address"] = "0x46",
        ["adc.divider_ratio"] = "3.3", ["adc.samples"] = "16", ["adc.gate_settle_ms"] = "20", ["adc.cal_low_raw"] = "400", ["adc.cal_low_millivolts"] = "470",
        ["adc.cal_high_raw"] = "3700", ["adc.cal_high_millivolts"] = "2570",
        ["supercap.capacitance_millifarads"] = "3300", ["supercap.esr_milliohms"] = "90", ["supercap.brownout_millivolts"] = "2900",
        ["supercap.max_millivolts"] = "5000",
        ["power.sleep_microamps"] = "12", ["power.active_milliamps"] = "40", ["power.radio_milliamps"] = "120",
        ["power.radio_peak_milliamps"] = "280", ["power.transmit_budget_millijoules"] = "500", ["power.policy_update_min_millivolts"] = "3800",
        ["wake.intervals_seconds"] = "10,20,40,80,160,320,640,1280", ["wake.safe_interval_seconds"] = "300", ["wake.maintenance_window_seconds"] = "90",
        ["time.utc_offset_minutes"] = "60",
        ["wifi.ssid"] = "lab", ["wifi.static_ip"] = "192.168.1.50", ["wifi.netmask"] = "255.255.0.0", ["wifi.gateway"] = "192.168.1.1",
        ["wifi.dns"] = "1.1.1.1", ["wifi.timeout_ms"] = "6000",
        ["mqtt.host"] = "10.0.0.2", ["mqtt.port"] = "8883", ["mqtt.tls"] = "true", ["mqtt.topic_prefix"] = "farm/shed", ["mqtt.node_id"] = "shed-2",
        ["mqtt.connect_timeout_ms"] = "4000", ["mqtt.ack_timeout_ms"] = "2000", ["mqtt.readings_per_message"] = "4",
        ["log.capacity_readings"] = "512",
        ["service.arrival_gap_minutes"] = "45", ["service.arrival_target_minutes"] = "5", ["service.temperature_interval_minutes"] = "30",
        ["service.weight_events"] = "0.5", ["service.weight_arrivals"] = "2", ["service.weight_temperature"] = "1.25",
        ["service.weight_dead_time"] = "3", ["service.weight_brownout"] = "0.25",
        ["rtc.address"] = "0x53", ["rtc.interrupt_pin"] = "25", ["rtc.sync_tolerance_seconds"] = "5", ["rtc.low_charge_sleep_seconds"] = "14400",
        ["rtc.power_hold_pin"] = "33",
        ["watch.commit_minutes"] = "240", ["watch.quiet_minutes"] = "30", ["watch.min_millivolts"] = "4400", ["watch.first_hour"] = "8",
        ["watch.last_hour"] = "18", ["watch.weekdays_only"] = "false", ["watch.overnight"] = "true",
    };

    [Fact]
    public void EveryKey_SetsItsOwnField()
    {
        var schema = ConfigSchema.ForNodeConfig();
        var defaults = FieldValues(new NodeConfig());
        var fieldsHit = new HashSet<int>();
        int keys = 0;
        for (int s = 0; s < schema.SectionCount; s++)
        {
            foreach (var key in schema.KeysOf(s))
            {
                keys++;
                string field = schema.SectionName(s) + "." + key;
                var config = Parse($"[{schema.SectionName(s)}]\n{key} = {OtherValues[field]}\n", out var errors);
                Assert.DoesNotContain(errors, e => e.Line > 0);

                var changed = FieldValues(config).Select((v, i) => (v, i)).Where(p => !Equals(p.v, defaults[p.i])).Select(p => p.i).ToList();
                Assert.True(changed.Count == 1, $"{field} changed {changed.Count} fields");
                Assert.True(fieldsHit.Add(changed[0]), $"{field} sets a field another key already sets");
            }
        }

        Assert.Equal(OtherValues.Count, keys);
        Assert.Equal(typeof(NodeConfig).GetFields(BindingFlags.Public | BindingFlags.Instance).Length, fieldsHit.Count);
    }

    [Fact]
    public void Parse_EmptyText_IsOneWholeFileErrorAndGivesDefaults()
    {
        var config = Parse("", out var errors);

        var error = Assert.Single(errors);
        Assert.StartsWith("nf.config: the file sets no key (it is empty or only comments)", error.ToString());
        Assert.Equal(FieldValues(new NodeConfig()), FieldValues(config));
    }

    [Fact]
    public void Parse_NullText_ReportsOneWholeFileError()
    {
        Parse(null!, out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config: the file is absent or unreadable", error.ToString());
    }

    [Fact]
    public void Parse_BadInteger_ReportsLineExpectedRangeAndKeepsDefault()
    {
        var config = Parse("[mqtt]\n# broker\nport = abc\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("mqtt.port", error.Field);
        Assert.Equal("nf.config:line 3: [mqtt] port: expected an integer 1..65535, got 'abc'", error.ToString());
        Assert.Equal(1883, config.BrokerPort);
    }

    [Theory]
    [InlineData("port = 0")]
    [InlineData("port = 65536")]
    [InlineData("port = +1883")]
    [InlineData("port = 1883.0")]
    [InlineData("port =")]
    public void Parse_PortOutOfRangeOrMalformed_NamesTheRange(string line)
    {
        Parse("[mqtt]\n" + line + "\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("expected an integer 1..65535, got '", error.Message);
    }

    [Fact]
    public void Parse_NegativeInteger_IsAcceptedWhereTheRangeAllows()
    {
        var config = Parse("[time]\nutc_offset_minutes = -300\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal(-300, config.UtcOffsetMinutes);
    }

    [Fact]
    public void Parse_UtcOffsetOutOfRange_NamesTheRange()
    {
        Parse("[time]\nutc_offset_minutes = 900\n", out var errors);

        Assert.Equal("expected an integer -720..840, got '900'", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("climate_address = 68", "expected a hex number 0x08..0x77, got '68' (hex needs the 0x prefix)")]
    [InlineData("climate_address = 0x4G", "expected a hex number 0x08..0x77, got '0x4G'")]
    [InlineData("climate_address = 0x", "expected a hex number 0x08..0x77, got '0x'")]
    [InlineData("light_address = 0x80", "expected a hex number 0x08..0x77, got '0x80'")]
    public void Parse_BadHex_ReportsExpectedForm(string line, string message)
    {
        var config = Parse("[sensors]\n" + line + "\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(message, error.Message);
        Assert.Equal(0x44, config.ClimateAddress);
    }

    [Fact]
    public void Parse_Hex_AcceptsEitherCase()
    {
        var config = Parse("[board]\ndeploy_address = 0X1a0000\n[sensors]\nlight_address = 0x5c\nlight_sensor = BH1750\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal(0x1A0000, config.DeployAddress);
        Assert.Equal(0x5C, config.LightAddress);
        Assert.Equal(LightSensorKind.Bh1750, config.LightSensor);
    }

    [Theory]
    [InlineData("2.0", 2000)]
    [InlineData("2", 2000)]
    [InlineData("1.5", 1500)]
    [InlineData("2.125", 2125)]
    [InlineData("3.3", 3300)]
    [InlineData("1.001", 1001)]
    [InlineData("100.000", 100000)]
    public void Parse_DividerRatio_IsExactThousandths(string text, int milli)
    {
        var config = Parse("[adc]\ndivider_ratio = " + text + "\n", out var errors);

        // Small ratios let the full supercap saturate the ADC: that is a (line 0) validation error, not a parse error.
        Assert.DoesNotContain(errors, e => e.Line > 0);
        Assert.Equal(milli, config.DividerRatioMilli);
    }

    [Theory]
    [InlineData("2.1234")]
    [InlineData("0.999")]
    [InlineData("2.")]
    [InlineData(".5")]
    [InlineData("2,5")]
    [InlineData("-2.0")]
    [InlineData("1e3")]
    public void Parse_BadDividerRatio_NamesRangeAndDecimals(string text)
    {
        Parse("[adc]\ndivider_ratio = " + text + "\n", out var errors);

        Assert.Equal("expected a decimal number 1.000..100.000 with at most 3 decimals, got '" + text + "'", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("tls = yes", "expected true or false, got 'yes'")]
    [InlineData("tls = 1", "expected true or false, got '1'")]
    public void Parse_BadBoolean_ReportsExpectedForm(string line, string message)
    {
        Parse("[mqtt]\n" + line + "\n", out var errors);

        Assert.Equal(message, Assert.Single(errors).Message);
    }

    [Fact]
    public void Parse_BadClimateSensor_ListsTheChoices()
    {
        Parse("[sensors]\nclimate_sensor = dht22\n", out var errors);

        Assert.Equal("expected sht3x or sht4x, got 'dht22'", Assert.Single(errors).Message);
    }

    [Fact]
    public void Parse_TheRenamedSht3xAddress_NamesItsNewKey()
    {
        var config = Parse("[sensors]\nsht3x_address = 0x45\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Equal("unknown key 'sht3x_address'; it is now called 'climate_address'", error.Message);
        Assert.Equal(0x44, config.ClimateAddress);
    }

    [Fact]
    public void Parse_BadLightSensor_ListsTheChoices()
    {
        Parse("[sensors]\nlight_sensor = tsl2561\n", out var errors);

        Assert.Equal("expected opt3001 or bh1750, got 'tsl2561'", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("15, 30, 60, 120, 300, 600, 900", "got 7 values")]
    [InlineData("15,30,60,120,300,600,900,1800,3600", "got 9 values")]
    [InlineData("15, 30, 60, 60, 300, 600, 900, 1800", "item 4 (60) is not greater than item 3 (60)")]
    [InlineData("30, 15, 60, 120, 300, 600, 900, 1800", "item 2 (15) is not greater than item 1 (30)")]
    [InlineData("0, 30, 60, 120, 300, 600, 900, 1800", "item 1 is 0")]
    [InlineData("15, 30, 60, 120, 300, 600, 900, 90000", "item 8 is 90000")]
    [InlineData("15, 30, x, 120, 300, 600, 900, 1800", "item 3 is 'x'")]
    [InlineData("15, 30, 60, 120, 300, 600, 900,", "item 8 is ''")]
    public void Parse_BadIntervals_ExplainCountOrderAndRange(string list, string problem)
    {
        var config = Parse("[wake]\n\nintervals_seconds = " + list + "\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("expected exactly 8 comma-separated integers 1..86400 (seconds) in ascending order, " + problem, error.Message);
        Assert.Equal(new NodeConfig().WakeIntervalsSeconds, config.WakeIntervalsSeconds);
    }

    [Fact]
    public void Parse_UnknownKey_SuggestsTheClosestKey()
    {
        Parse("[mqtt]\nprot = 1883\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config:line 2: [mqtt] prot: unknown key 'prot'; did you mean 'port'?", error.ToString());
    }

    [Theory]
    [InlineData("wifi", "timeout = 5000", "unknown key 'timeout'; did you mean 'timeout_ms'?")]
    [InlineData("mqtt", "Port = 1883", "unknown key 'Port'; did you mean 'port'?")]
    [InlineData("wifi", "port = 1883", "unknown key 'port' in [wifi]; it belongs in [mqtt]")]
    [InlineData("log", "verbosity = 3", "unknown key 'verbosity'; valid keys in [log]: capacity_readings")]
    public void Parse_UnknownKey_ExplainsWhereItBelongs(string section, string line, string message)
    {
        Parse($"[{section}]\n{line}\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_UnknownSection_IsOneErrorAndItsKeysAreSkipped()
    {
        var config = Parse("[mqqt]\nport = 1\nhost = x\n[mqtt]\nport = 8883\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config:line 1: unknown section [mqqt]; did you mean [mqtt]?", error.ToString());
        Assert.Equal(8883, config.BrokerPort);
        Assert.Equal("mqtt.local", config.BrokerHost);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnErrorAndTheFirstValueWins()
    {
        var config = Parse("[mqtt]\nport = 1884\nport = 1885\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config:line 3: [mqtt] port: duplicate key; it is already set on line 2", error.ToString());
        Assert.Equal(1884, config.BrokerPort);
    }

    [Fact]
    public void Parse_DuplicateKeyAcrossRepeatedSection_IsAnError_AsIsTheSecondHeader()
    {
        var config = Parse("[mqtt]\nport = 1884\n[wifi]\nssid = a\n[mqtt]\nport = 1885\n", out var errors);

        Assert.Equal(new[] { 5, 6 }, errors.Select(e => e.Line));
        Assert.Equal("nf.config:line 6: [mqtt] port: duplicate key; it is already set on line 2", errors[1].ToString());
        Assert.Equal(1884, config.BrokerPort);
    }

    [Fact]
    public void Parse_RepeatedSection_IsAnErrorOnItsSecondHeader_AndTheFirstBlockStaysIntact()
    {
        // Two [wifi] blocks were merged without a word (a block pasted from another node's file kept half its keys).
        var config = Parse("[wifi]\nssid = office\n\n[mqtt]\nport = 1884\n[wifi]   # pasted\ntimeout_ms = 5000\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config:line 6: [wifi]: duplicate section; it already starts on line 1: put all its keys under one [wifi] header", error.ToString());
        Assert.Equal("wifi", error.Field);
        Assert.Equal("office", config.WifiSsid);
        Assert.Equal(1884, config.BrokerPort);
    }

    [Fact]
    public void Parse_RepeatedSection_IsReportedAtEveryRepeat_AndNotForAnUnknownSection()
    {
        Parse("[mqtt]\nport = 1\n[mqtt]\nhost = a\n[mqtt]\ntls = true\n[mqqt]\n[mqqt]\n", out var errors);

        Assert.Equal(new[] { 3, 5, 7, 8 }, errors.Select(e => e.Line));
        Assert.All(errors.Take(2), e => Assert.EndsWith("duplicate section; it already starts on line 1: put all its keys under one [mqtt] header", e.Message));
        Assert.All(errors.Skip(2), e => Assert.StartsWith("unknown section [mqqt]", e.Message));
    }

    [Theory]
    [InlineData("wifi", "password")]
    [InlineData("mqtt", "password")]
    [InlineData("mqtt", "username")]
    [InlineData("board", "admin_password")]
    public void Parse_SecretInNfConfig_PointsToSecretsConfigWithoutEchoingIt(string section, string key)
    {
        var config = Parse($"[{section}]\n{key} = hunter2-secret\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Equal("secrets belong in secrets.config (git-ignored), not in nf.config", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString());
        Assert.Equal(FieldValues(new NodeConfig()), FieldValues(config));
    }

    [Theory]
    [InlineData("port 1883", "[mqtt]: expected 'key = value', a [section] header or a # comment, got 'port 1883'")]
    [InlineData("= 1883", "[mqtt]: missing key before '='")]
    [InlineData("[mqtt", "expected a section header like [mqtt], got '[mqtt'")]
    [InlineData("[]", "expected a section name between the brackets, like [mqtt]")]
    [InlineData("[wifi] ssid = x", "[wifi]: unexpected text after the section header; comments start with # or ;")]
    [InlineData("host = \"broker", "[mqtt] host: missing the closing '\"' of a quoted value")]
    [InlineData("host = \"broker\" extra", "[mqtt] host: unexpected text after the closing '\"'; comments start with # or ;")]
    [InlineData("host = br\u00f6ker", "[mqtt] host: the value contains a character that is not printable ASCII; only ASCII text is supported")]
    public void Parse_MalformedLine_ReportsItsLineAndTheExpectedForm(string line, string expected)
    {
        Parse("[mqtt]\nport = 1883\n" + line + "\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config:line 3: " + expected, error.ToString());
    }

    [Fact]
    public void Parse_KeyBeforeAnySection_SaysWhichSectionItBelongsTo()
    {
        Parse("# settings\nport = 1883\n", out var errors);

        Assert.Equal("nf.config:line 2: key 'port' comes before any [section] header; put it under [mqtt]", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Parse_ReportsEveryProblemInOnePass_InLineOrder()
    {
        string text = string.Join("\n",
            "[pins]",                       // 1
            "pir = 99",                     // 2 out of range
            "i2c_data = 21",                // 3 ok
            "[sensors]",                    // 4
            "climate_address = 44",         // 5 bad hex
            "[mqtt]",                       // 6
            "port = abc",                   // 7 bad int
            "port = 1883",                  // 8 duplicate
            "username = me",                // 9 secret
            "colour = blue",                // 10 unknown key
            "just some words",              // 11 not key=value
            "[wake]",                       // 12
            "intervals_seconds = 1, 2, 3",  // 13 count
            "[extra]",                      // 14 unknown section
            "x = 1");                       // 15 skipped
        var config = Parse(text, out var errors);

        Assert.Equal(new[] { 2, 5, 7, 8, 9, 10, 11, 13, 14 }, errors.Select(e => e.Line).OrderBy(l => l).ToArray());
        Assert.Equal(21, config.I2cDataPin);
        Assert.Equal(27, config.PirPin);
    }

    [Fact]
    public void Parse_CommentsQuotesAndWhitespace_FollowTheDocumentedRules()
    {
        string text = "\t[wifi]   # the network\r\n"
            + "  ssid   =   my#net   \r\n"
            + "; full-line comment\r\n"
            + "dns = 192.168.1.1 ; resolver\r\n"
            + "[mqtt]\r\n"
            + "host = \"  spaced # host  \"  # quoted\r\n"
            + "topic_prefix = plant\t# tab before comment\r\n";
        var config = Parse(text, out var errors);

        Assert.Equal(new[] { "mqtt.host" }, errors.Select(e => e.Field).ToArray()); // the spaces in host fail validation only
        Assert.Equal("my#net", config.WifiSsid);
        Assert.Equal("192.168.1.1", config.Dns);
        Assert.Equal("  spaced # host  ", config.BrokerHost);
        Assert.Equal("plant", config.TopicPrefix);
    }

    [Fact]
    public void Parse_EmptyStaticIp_MeansDhcp()
    {
        var config = Parse("[wifi]\nstatic_ip =\ngateway =   # none\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal("", config.StaticIp);
        Assert.Equal("", config.Gateway);
    }

    [Fact]
    public void Parse_RunsValidation_SingleKeyProblemsCarryTheirLine()
    {
        Parse("[pins]\n\npir = 5\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("pins.pir", error.Field);
        Assert.Contains("not an RTC GPIO", error.Message);
    }

    [Fact]
    public void Parse_RunsValidation_CrossKeyProblemsHaveLineZero()
    {
        Parse("[pins]\ni2c_data = 21\ni2c_clock = 21\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("nf.config: [pins] i2c_clock: must differ from i2c_data (both are GPIO 21)", error.ToString());
    }
}
