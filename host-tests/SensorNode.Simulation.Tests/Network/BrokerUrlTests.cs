using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

public class BrokerUrlTests
{
    [Theory]
    [InlineData("mqtt://broker.local", "broker.local", 1883, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, true)]
    [InlineData("mqtt://10.0.0.2:1884", "10.0.0.2", 1884, false)]
    [InlineData("mqtts://mqtt.example.org:443/", "mqtt.example.org", 443, true)]
    [InlineData("MQTT://Broker.Local:65535", "Broker.Local", 65535, false)]
    [InlineData("mqtt://[::1]:1885", "::1", 1885, false)]
    [InlineData("mqtts://[fe80::1]", "fe80::1", 8883, true)]
    public void Parse_ReadsHostPortAndTls(string url, string host, int port, bool tls)
    {
        BrokerUrl parsed = BrokerUrl.Parse(url);

        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(tls, parsed.Tls);
        Assert.Null(parsed.Username);
        Assert.Null(parsed.Password);
    }

    [Fact]
    public void Parse_DecodesUserAndPassword()
    {
        BrokerUrl parsed = BrokerUrl.Parse("mqtts://node%2D01:p%40ss:w0rd@broker.local:8884");

        Assert.Equal("node-01", parsed.Username);
        Assert.Equal("p@ss:w0rd", parsed.Password);   // only the first ':' separates user from password
        Assert.Equal("broker.local", parsed.Host);
        Assert.Equal(8884, parsed.Port);
    }

    [Fact]
    public void Parse_AcceptsAUserWithoutPassword()
    {
        BrokerUrl parsed = BrokerUrl.Parse("mqtt://gateway@broker.local");

        Assert.Equal("gateway", parsed.Username);
        Assert.Null(parsed.Password);
    }

    [Theory]
    [InlineData("mqtt://broker.local", "mqtt://broker.local:1883")]
    [InlineData("mqtts://[::1]", "mqtts://[::1]:8883")]
    [InlineData("mqtt://user:secret@host:1000", "mqtt://user:***@host:1000")]
    [InlineData("mqtt://user@host", "mqtt://user@host:1883")]
    public void ToString_IsCanonical_AndNeverShowsThePassword(string url, string expected)
    {
        Assert.Equal(expected, BrokerUrl.Parse(url).ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("broker.local:1883", "no scheme")]
    [InlineData("http://broker.local", "scheme 'http'")]
    [InlineData("ws://broker.local", "scheme 'ws'")]
    [InlineData("mqtt://", "no host")]
    [InlineData("mqtt://:1883", "no host")]
    [InlineData("mqtt://broker.local:", "port ''")]
    [InlineData("mqtt://broker.local:0", "port '0'")]
    [InlineData("mqtt://broker.local:65536", "port '65536'")]
    [InlineData("mqtt://broker.local:-1", "port '-1'")]
    [InlineData("mqtt://broker.local:18 83", "whitespace")]
    [InlineData("mqtt://broker.local:mqtt", "port 'mqtt'")]
    [InlineData("mqtt://broker.local/sensornode", "after host and port")]
    [InlineData("mqtt://broker.local?x=1", "after host and port")]
    [InlineData("mqtt://:secret@broker.local", "user name")]
    [InlineData("mqtt://::1:1883", "brackets")]
    [InlineData("mqtt://[::1:1883", "closing ']'")]
    [InlineData("mqtt://[broker.local]:1883", "not an IPv6 address")]
    [InlineData("mqtt://[::1]1883", "':port'")]
    [InlineData("mqtt://bro ker.local", "whitespace")]
    [InlineData("mqtt://bad!host", "not a valid host")]
    public void Parse_RejectsMalformedUrls_SayingWhatIsWrong(string url, string hint)
    {
        FormatException error = Assert.Throws<FormatException>(() => BrokerUrl.Parse(url));

        Assert.Contains(hint, error.Message);
    }

    [Fact]
    public void Parse_ErrorMessages_DoNotLeakThePassword()
    {
        FormatException error = Assert.Throws<FormatException>(() => BrokerUrl.Parse("mqtt://user:hunter2@broker.local:99999"));

        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("port '99999'", error.Message);
    }
}
