using Xunit;
using System.Collections;
using SensorNode.Core.Config;

namespace SensorNode.Core.Tests.Config;

public class ParseSecretsTests
{
    private static NodeSecrets Parse(string text, out List<ConfigError> errors)
    {
        var list = new ArrayList();
        var secrets = ConfigParser.ParseSecrets(text, "secrets.config", list);
        errors = list.Cast<ConfigError>().ToList();
        return secrets;
    }

    [Fact]
    public void ParseSecrets_ShippedExample_HasNoErrors()
    {
        var secrets = Parse(RepoFiles.ReadText("secrets.config.example"), out var errors);

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.Equal("change-me-wifi-passphrase", secrets.WifiPassword);
        Assert.Equal("sensornode", secrets.MqttUsername);
        Assert.Equal("change-me-mqtt-password", secrets.MqttPassword);
    }

    [Fact]
    public void ParseSecrets_RepeatedSection_IsAnErrorOnItsSecondHeader_WithoutTheSecrets()
    {
        var secrets = Parse("[mqtt]\nusername = node\n[wifi]\npassword = hunter22\n[mqtt]\npassword = s3cret-mqtt\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("secrets.config:line 5: [mqtt]: duplicate section; it already starts on line 1: put all its keys under one [mqtt] header", error.ToString());
        Assert.Equal("node", secrets.MqttUsername);
        Assert.Equal("hunter22", secrets.WifiPassword);
    }

    [Fact]
    public void ParseSecrets_QuotedPassword_KeepsSpacesAndHash()
    {
        var secrets = Parse("[wifi]\npassword = \" pass #word \"  # note\n", out var errors);

        Assert.Empty(errors);
        Assert.Equal(" pass #word ", secrets.WifiPassword);
    }

    [Fact]
    public void ParseSecrets_EmptyText_GivesEmptySecrets()
    {
        var secrets = Parse("", out var errors);

        Assert.Empty(errors);
        Assert.Equal("", secrets.WifiPassword);
        Assert.Equal("", secrets.MqttUsername);
        Assert.Equal("", secrets.MqttPassword);
    }

    [Fact]
    public void ParseSecrets_ShortWifiPassword_ReportsLengthWithoutTheValue()
    {
        Parse("[wifi]\npassword = Zq9x\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("secrets.config:line 2: [wifi] password: expected empty (open network), a WPA2 passphrase of 8..63 characters or 64 hex digits, got 4 characters",
            error.ToString());
        Assert.DoesNotContain("Zq9x", error.ToString());
    }

    [Fact]
    public void ParseSecrets_64HexDigitKey_IsAccepted()
    {
        Parse("[wifi]\npassword = " + new string('a', 32) + new string('7', 32) + "\n", out var errors);

        Assert.Empty(errors);
    }

    [Fact]
    public void ParseSecrets_MalformedLine_DoesNotEchoIt()
    {
        Parse("[mqtt]\nTopSecretPassphrase\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("secrets.config:line 2: [mqtt]: expected 'key = value', a [section] header or a # comment", error.ToString());
    }

    [Fact]
    public void ParseSecrets_PasswordWithoutUsername_IsAnError()
    {
        Parse("[mqtt]\npassword = s3cret-value\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(0, error.Line);
        Assert.Equal("mqtt.password", error.Field);
        Assert.DoesNotContain("s3cret", error.ToString());
    }

    [Fact]
    public void ParseSecrets_SettingInSecretsFile_PointsToNfConfig()
    {
        Parse("[wifi]\nssid = home\n", out var errors);

        Assert.Equal("secrets.config:line 2: [wifi] ssid: 'ssid' is a setting, not a secret: it belongs in nf.config", Assert.Single(errors).ToString());
    }

    [Fact]
    public void ParseSecrets_UnknownSectionAndKey_AreErrors()
    {
        Parse("[board]\ntarget = x\n[mqtt]\npasword = abcdefgh\nusername = me\n", out var errors);

        Assert.Equal(new[] { 1, 4 }, errors.Select(e => e.Line).ToArray());
        Assert.Equal("unknown section [board]; valid sections: [wifi], [mqtt]", errors[0].Message);
        Assert.Equal("unknown key 'pasword'; did you mean 'password'?", errors[1].Message);
    }

    [Fact]
    public void ParseSecrets_DuplicatePassword_IsAnError()
    {
        var secrets = Parse("[mqtt]\nusername = me\npassword = first-one\npassword = second-one\n", out var errors);

        Assert.Equal(4, Assert.Single(errors).Line);
        Assert.Equal("first-one", secrets.MqttPassword);
    }
}
