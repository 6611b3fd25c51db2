using Xunit;
using System.Collections;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

public class ConfigValidatorTests
{
    private static List<ConfigError> Validate(Action<NodeConfig> change)
    {
        var config = new NodeConfig();
        change(config);
        var list = new ArrayList();
        ConfigParser.Validate(config, "test", list);
        return list.Cast<ConfigError>().ToList();
    }

    private static ConfigError SingleError(Action<NodeConfig> change, string field)
    {
        var error = Assert.Single(Validate(change));
        Assert.Equal(field, error.Field);
        Assert.Equal(0, error.Line);
        return error;
    }

    [Fact]
    public void Validate_ReferenceDefaults_HaveNoErrors()
    {
        Assert.Empty(Validate(_ => { }));
    }

    [Fact]
    public void Validate_NullConfig_IsAnError()
    {
        var list = new ArrayList();
        ConfigParser.Validate(null!, "test", list);

        Assert.Equal("test: no configuration to validate", Assert.Single(list.Cast<ConfigError>()).ToString());
    }

    [Fact]
    public void Validate_IsPure()
    {
        var config = new NodeConfig { PirPin = 5, BrokerPort = 0 };
        var before = ConfigParserTests.FieldValues(config);

        ConfigParser.Validate(config, "test", new ArrayList());

        Assert.Equal(before, ConfigParserTests.FieldValues(config));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(25)]
    [InlineData(33)]
    [InlineData(39)]
    public void Validate_PirOnRtcGpio_IsAccepted(int pin)
    {
        Assert.Empty(Validate(c => { c.PirPin = pin; c.SupercapAdcChannel = 0; })); // channel 0 is GPIO 36, clear of every pin tried
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(23)]
    public void Validate_PirOnNonRtcGpio_ExplainsDeepSleepWake(int pin)
    {
        var error = SingleError(c => c.PirPin = pin, "pins.pir");

        Assert.Equal("GPIO " + pin + " is not an RTC GPIO; waking from deep sleep (ext0) needs one of 0, 2, 4, 12-15, 25-27, 32-39", error.Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(19)]
    public void Validate_AdcChannelOutsideAdc1_ExplainsAdc2AndWifi(int channel)
    {
        var error = SingleError(c => c.SupercapAdcChannel = channel, "pins.supercap_adc_channel");

        Assert.Contains("expected an ADC1 channel 0..7", error.Message);
        Assert.Contains("ADC2 (channels 10-19) cannot be read while Wi-Fi is on", error.Message);
    }

    [Fact]
    public void Validate_I2cDataEqualsClock_IsAnError()
    {
        var error = SingleError(c => c.I2cClockPin = 18, "pins.i2c_clock");

        Assert.Equal("must differ from i2c_data (both are GPIO 18)", error.Message);
    }

    [Fact]
    public void Validate_PirOnAnI2cPin_IsAnError()
    {
        var errors = Validate(c => { c.I2cDataPin = 25; });
        Assert.Empty(errors);

        var error = SingleError(c => { c.I2cDataPin = 25; c.PirPin = 25; }, "pins.pir");
        Assert.Equal("GPIO 25 is already used by i2c_data", error.Message);
    }

    [Fact]
    public void Validate_AdcChannelOnThePirGpio_IsAnError()
    {
        // Channel 6 is GPIO 34.
        var error = SingleError(c => c.PirPin = 34, "pins.supercap_adc_channel");

        Assert.Equal("channel 6 is GPIO 34, which is already used by pir", error.Message);
    }

    [Theory]
    [InlineData(20, "GPIO 20 does not exist on the ESP32 (GPIOs are 0-19, 21-23, 25-27, 32-39)")]
    [InlineData(7, "GPIO 7 is wired to the SPI flash (GPIO 6-11 are unusable)")]
    [InlineData(36, "GPIO 36 is input-only (GPIO 34-39) and cannot drive the I2C bus")]
    public void Validate_I2cPinTheEsp32CannotUse_SaysWhy(int pin, string message)
    {
        var errors = Validate(c => c.I2cDataPin = pin);

        Assert.Contains(errors, e => e.Field == "pins.i2c_data" && e.Message == message);
    }

    [Theory]
    [InlineData(ClimateSensorKind.Sht3x, 0x44, true)]
    [InlineData(ClimateSensorKind.Sht3x, 0x45, true)]
    [InlineData(ClimateSensorKind.Sht3x, 0x46, false)]
    [InlineData(ClimateSensorKind.Sht4x, 0x46, true)]
    [InlineData(ClimateSensorKind.Sht4x, 0x43, false)]
    [InlineData(ClimateSensorKind.Sht4x, 0x47, false)]
    public void Validate_ClimateAddress_MustFitTheClimateSensor(ClimateSensorKind kind, int address, bool valid)
    {
        var errors = Validate(c => { c.ClimateSensor = kind; c.ClimateAddress = address; c.LightAddress = 0x23; c.LightSensor = LightSensorKind.Bh1750; });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal("sensors.climate_address", error.Field);
            Assert.StartsWith($"0x{address:X2} is not an {(kind == ClimateSensorKind.Sht3x ? "SHT3x" : "SHT4x")} address", error.Message);
        }
    }

    [Theory]
    [InlineData(LightSensorKind.Opt3001, 0x47, true)]
    [InlineData(LightSensorKind.Opt3001, 0x23, false)]
    [InlineData(LightSensorKind.Bh1750, 0x23, true)]
    [InlineData(LightSensorKind.Bh1750, 0x5C, true)]
    [InlineData(LightSensorKind.Bh1750, 0x45, false)]
    public void Validate_LightAddress_MustSuitTheChosenSensor(LightSensorKind kind, int address, bool valid)
    {
        var errors = Validate(c => { c.LightSensor = kind; c.LightAddress = address; });

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal("sensors.light_address", Assert.Single(errors).Field);
        }
    }

    [Fact]
    public void Validate_LightAddressEqualToTheClimateSensors_IsAnError()
    {
        var error = SingleError(c => c.LightAddress = 0x44, "sensors.light_address");

        Assert.Equal("0x44 is also climate_address: two devices cannot share an I2C address", error.Message);
    }

    [Fact]
    public void Validate_BrownoutNotBelowMax_IsAnError()
    {
        var error = SingleError(c => c.BrownoutMillivolts = 5400, "supercap.brownout_millivolts");

        Assert.Equal("must be below max_millivolts (5400), got 5400", error.Message);
    }

    [Fact]
    public void Validate_CalibrationPointsOutOfOrder_AreErrors()
    {
        var errors = Validate(c => { c.CalibrationHighRaw = 410; c.CalibrationHighMillivolts = 400; });

        Assert.Equal(new[] { "adc.cal_high_raw", "adc.cal_high_millivolts" }, errors.Select(e => e.Field).ToArray());
        Assert.Equal("must be greater than cal_low_raw (410), got 410", errors[0].Message);
    }

    [Fact]
    public void Validate_DividerThatSaturatesTheAdc_IsAnError()
    {
        // 5400 mV / 1.5 = 3600 mV at the pin; the default calibration maps that to raw 410 + 3120*3276/2080 = 5324.
        var error = SingleError(c => c.DividerRatioMilli = 1500, "adc.divider_ratio");

        Assert.Equal("max_millivolts (5400 mV) divided by 1.500 puts 3600 mV on the ADC pin, which the calibration maps to raw 5324, "
            + "beyond the 12-bit ADC's 4095: raise divider_ratio", error.Message);
    }

    [Theory]
    [InlineData(3000)]   // at brown-out: protects nothing
    [InlineData(5401)]   // above max: no table would ever be taken
    public void Validate_PolicyUpdateThresholdOutsideTheUsableWindow_IsAnError(int millivolts)
    {
        var error = SingleError(c => c.PolicyUpdateMinMillivolts = millivolts, "power.policy_update_min_millivolts");

        Assert.Equal($"must be above brownout_millivolts (3000) and at most max_millivolts (5400), got {millivolts}", error.Message);
    }

    [Fact]
    public void Validate_PolicyUpdateThresholdAtMax_IsAccepted()
    {
        Assert.Empty(Validate(c => c.PolicyUpdateMinMillivolts = 5400));
    }

    [Fact]
    public void Validate_TransmitBudgetAboveStoredEnergy_IsAnError()
    {
        // 10 mF between 3.0 V and 5.4 V holds 0.01/2 * (5.4^2 - 3.0^2) = 100.8 mJ.
        var error = SingleError(c => c.CapacitanceMillifarads = 10, "power.transmit_budget_millijoules");

        Assert.Equal("600 mJ is more than the 100 mJ the supercap holds between brownout_millivolts and max_millivolts: the node could never transmit",
            error.Message);
    }

    [Fact]
    public void Validate_RadioPeakBelowAverage_IsAnError()
    {
        SingleError(c => c.RadioPeakMilliamps = 100, "power.radio_peak_milliamps");
    }

    [Fact]
    public void Validate_DeployAddressNotSectorAligned_IsAnError()
    {
        var error = SingleError(c => c.DeployAddress = 0x190800, "board.deploy_address");

        Assert.Equal("must be a multiple of 0x1000 (a 4 KiB flash sector), got 0x190800", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("1.17.0")]
    [InlineData("1.17.0.339.1")]
    [InlineData("1..0.339")]
    [InlineData("1.17.0.339-preview")]
    public void Validate_FirmwareVersionNotFourNumbers_IsAnError(string version)
    {
        var error = SingleError(c => c.FirmwareVersion = version, "board.firmware_version");

        Assert.StartsWith("expected a nanoCLR firmware version of four numbers like 1.17.0.339", error.Message);
    }

    [Fact]
    public void LineOf_FindsTheLineThatSetsAField_OrZero()
    {
        const string text = "# c\n[board]\ntarget = ESP32_REV3\n\ndeploy_address = 0x1E0000 # x\n[mqtt]\nport = 1883\n";

        Assert.Equal(5, ConfigParser.LineOf(text, "board.deploy_address"));
        Assert.Equal(7, ConfigParser.LineOf(text, "mqtt.port"));
        Assert.Equal(0, ConfigParser.LineOf(text, "board.firmware_version"));
        Assert.Equal(0, ConfigParser.LineOf(null!, "board.target"));
    }

    [Theory]
    [InlineData(7201)]
    [InlineData(10)]
    public void Validate_SafeIntervalOutsideTheIntervals_IsAnError(int seconds)
    {
        var error = SingleError(c => c.SafeIntervalSeconds = seconds, "wake.safe_interval_seconds");

        Assert.Equal("must be within the wake intervals 15..7200 s, got " + seconds, error.Message);
    }

    [Fact]
    public void Validate_IntervalsBuiltInCode_AreChecked()
    {
        Assert.Contains("got 0 values", SingleError(c => c.WakeIntervalsSeconds = null!, "wake.intervals_seconds").Message);
        Assert.Contains("item 2 (10) is not greater than item 1 (20)",
            SingleError(c => c.WakeIntervalsSeconds = new[] { 20, 10, 30, 40, 50, 60, 70, 80 }, "wake.intervals_seconds").Message);
    }

    [Fact]
    public void Validate_StaticIpWithoutGateway_IsAnError()
    {
        var error = SingleError(c => c.StaticIp = "192.168.1.50", "wifi.gateway");

        Assert.Equal("a static_ip needs a gateway like 192.168.1.1", error.Message);
    }

    [Fact]
    public void Validate_CompleteStaticAddress_IsAccepted()
    {
        Assert.Empty(Validate(c => { c.StaticIp = "192.168.1.50"; c.Gateway = "192.168.1.1"; c.Dns = "192.168.1.1"; }));
    }

    [Fact]
    public void Validate_GatewayOutsideTheSubnet_IsAnError()
    {
        var error = SingleError(c => { c.StaticIp = "192.168.1.50"; c.Gateway = "192.168.2.1"; }, "wifi.gateway");

        Assert.Equal("192.168.2.1 is outside the subnet of static_ip 192.168.1.50 with netmask 255.255.255.0", error.Message);
    }

    [Theory]
    [InlineData("192.168.1.256")]
    [InlineData("192.168.01.5")]
    [InlineData("192.168.1")]
    [InlineData("192.168.1.5.6")]
    [InlineData("a.b.c.d")]
    [InlineData("192.168.1.-5")]
    public void Validate_MalformedStaticIp_ExpectsADottedQuad(string ip)
    {
        var errors = Validate(c => c.StaticIp = ip);

        Assert.Equal("expected a dotted quad like 192.168.1.50, or empty for DHCP, got '" + ip + "'", Assert.Single(errors).Message);
    }

    [Fact]
    public void Validate_NonContiguousNetmask_IsAnError()
    {
        var error = SingleError(c => c.Netmask = "255.0.255.0", "wifi.netmask");

        Assert.Equal("expected a netmask (leading one bits, like 255.255.255.0), got '255.0.255.0'", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    public void Validate_SsidLength_Is1To32(string ssid)
    {
        SingleError(c => c.WifiSsid = ssid, "wifi.ssid");
    }

    [Theory]
    [InlineData("node-01", true)]
    [InlineData("a", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    [InlineData("Node-01", false)]
    [InlineData("node_01", false)]
    [InlineData("node/01", false)]
    [InlineData("", false)]
    public void Validate_NodeId_IsLowercaseAlnumAndDashUpTo32(string id, bool valid)
    {
        var errors = Validate(c => c.NodeId = id);

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal("expected 1..32 characters from a-z, 0-9 and '-', got '" + id + "'", Assert.Single(errors).Message);
        }
    }

    [Theory]
    [InlineData("sensornode", true)]
    [InlineData("farm/shed-2", true)]
    [InlineData("", false)]
    [InlineData("farm/+", false)]
    [InlineData("farm/#", false)]
    [InlineData("/farm", false)]
    [InlineData("farm/", false)]
    [InlineData("farm//shed", false)]
    public void Validate_TopicPrefix_HasNoWildcardsOrEmptyLevels(string prefix, bool valid)
    {
        var errors = Validate(c => c.TopicPrefix = prefix);

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal("mqtt.topic_prefix", Assert.Single(errors).Field);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("mqtt broker")]
    public void Validate_HostEmptyOrWithSpaces_IsAnError(string host)
    {
        SingleError(c => c.BrokerHost = host, "mqtt.host");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_PortOutside1To65535_IsAnError(int port)
    {
        Assert.Equal("expected an integer 1..65535, got " + port, SingleError(c => c.BrokerPort = port, "mqtt.port").Message);
    }

    [Fact]
    public void Validate_ReportsAllProblemsAtOnce()
    {
        var errors = Validate(c => { c.PirPin = 5; c.BrokerHost = ""; c.NodeId = "X"; c.BrownoutMillivolts = 6000; });

        Assert.Equal(new[] { "pins.pir", "supercap.brownout_millivolts", "mqtt.host", "mqtt.node_id" }, errors.Select(e => e.Field).ToArray());
    }

    [Theory]
    [InlineData(34)]
    [InlineData(7)]
    public void Validate_SupercapGateOnAnInputOnlyOrFlashPin_IsAnError(int gpio)
    {
        var error = SingleError(c => c.SupercapGatePin = gpio, "pins.supercap_gate");

        Assert.Contains("cannot drive the divider switch", error.Message);
    }

    [Fact]
    public void Validate_SupercapGateOnThePirPin_IsAnError()
    {
        var error = SingleError(c => c.SupercapGatePin = c.PirPin, "pins.supercap_gate");

        Assert.Contains("already used", error.Message);
    }
}

public class RtcConfigTests
{
    [Fact]
    public void WithoutAnRtcSection_TheRtcIsNotFitted()
    {
        var config = ConfigParserTests.Parse("[pins]\npir = 27\n", out var errors);
        Assert.Empty(errors);
        Assert.False(config.RtcFitted);
    }

    [Fact]
    public void AnyRtcKey_FitsTheRtc()
    {
        var config = ConfigParserTests.Parse("[rtc]\nsync_tolerance_seconds = 3\n", out var errors);
        Assert.Empty(errors);
        Assert.True(config.RtcFitted);
        Assert.Equal(0x52, config.RtcAddress);
        Assert.Equal(3, config.RtcSyncToleranceSeconds);
    }

    [Theory]
    [InlineData("interrupt_pin = 5", "[rtc] interrupt_pin")]   // not an RTC GPIO: cannot wake from deep sleep
    [InlineData("interrupt_pin = 27", "[rtc] interrupt_pin")]  // the PIR's pin
    [InlineData("address = 0x44", "[rtc] address")]            // the SHT3x's address
    public void ABadRtcKey_IsNamedInTheError(string line, string field)
    {
        ConfigParserTests.Parse("[rtc]\n" + line + "\n", out var errors);
        Assert.Contains(errors, e => e.ToString().Contains(field));
    }

    [Fact]
    public void ALowChargeSleepShorterThanTheLongestInterval_IsAnErrorAtItsLine()
    {
        ConfigParserTests.Parse("[wake]\nintervals_seconds = 15, 60, 300, 600, 900, 1800, 3600, 7200\n[rtc]\naddress = 0x52\nlow_charge_sleep_seconds = 3600\n", out var errors);
        ConfigError error = Assert.Single(errors);
        Assert.Equal("nf.config", error.Source);
        Assert.Equal(5, error.Line);
        Assert.Equal("rtc.low_charge_sleep_seconds", error.Field);
        Assert.Equal("must be 0 (off) or at least the longest [wake] interval (7200 s), got 3600", error.Message);
    }

    [Theory]
    [InlineData("low_charge_sleep_seconds = 0\n", 0)]
    [InlineData("low_charge_sleep_seconds = 86400\n", 86400)]
    [InlineData("address = 0x52\n", 0)] // the default: off
    public void ALowChargeSleep_OffOrAtLeastTheLongestInterval_IsAccepted(string line, int expected)
    {
        var config = ConfigParserTests.Parse("[rtc]\n" + line, out var errors);
        Assert.Empty(errors);
        Assert.True(config.RtcFitted);
        Assert.Equal(expected, config.RtcLowChargeSleepSeconds);
    }

    [Theory]
    [InlineData("power_hold_pin = 35\n", "cannot hold the load switch: expected an output-capable GPIO")] // input-only
    [InlineData("power_hold_pin = 26\n", "is already used by another pin")] // the RTC's INT
    [InlineData("power_hold_pin = 18\n", "is already used by another pin")] // I2C data
    public void APowerHoldPinThatCannotDriveTheSwitch_IsAnErrorAtItsLine(string line, string message)
    {
        ConfigParserTests.Parse("[rtc]\naddress = 0x52\n" + line, out var errors);
        ConfigError error = Assert.Single(errors);
        Assert.Equal("rtc.power_hold_pin", error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void APowerHoldPin_GatesOnlyANodeWithTheRtc()
    {
        var gated = ConfigParserTests.Parse("[rtc]\npower_hold_pin = 33\n", out var errors);
        Assert.Empty(errors);
        Assert.True(gated.RtcPowerGated);
        Assert.False(ConfigParserTests.Parse("[rtc]\naddress = 0x52\n", out _).RtcPowerGated); // -1 by default: no switch
        Assert.False(new NodeConfig { RtcPowerHoldPin = 33 }.RtcPowerGated); // no [rtc]: no RTC to switch it
    }

    [Fact]
    public void ALowChargeSleepAboveADay_IsRefused()
    {
        ConfigParserTests.Parse("[rtc]\nlow_charge_sleep_seconds = 86401\n", out var errors);
        Assert.Contains(errors, e => e.Field == "rtc.low_charge_sleep_seconds" && e.Line == 2);
    }

    [Fact]
    public void AWatchWindowWithoutAnHour_IsNamedInTheError_OnlyWhenTheCommitmentIsOn()
    {
        ConfigParserTests.Parse("[watch]\ncommit_minutes = 240\nfirst_hour = 19\nlast_hour = 7\n", out var errors);
        Assert.Contains(errors, e => e.ToString().Contains("[watch] last_hour"));

        ConfigParserTests.Parse("[watch]\nfirst_hour = 19\nlast_hour = 7\n", out var off);
        Assert.DoesNotContain(off, e => e.ToString().Contains("[watch]"));
    }
}
