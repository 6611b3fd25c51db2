using SensorNode.Core;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Simulation;
using Xunit;

namespace SensorNode.Core.Tests.Boot;

/// <summary>Issue 9 item 8: no TLS handshake on an unset clock (and never plaintext instead); DNS only for names.</summary>
public class TlsAndBrokerHostTests
{
    private const long Start = 1_727_690_400_000;

    private static SimulatedNode TlsNode()
    {
        var config = new NodeConfig { BrokerTls = true, BrokerPort = 8883 };
        var node = new SimulatedNode(config, Start, seed: 4);
        ForcedPolicy.Install(node, transmit: true);
        return node;
    }

    [Fact]
    public void Tls_WithTheClockUnsetAfterAssociation_SkipsTheBroker_AndKeepsTheReadings()
    {
        var node = TlsNode();
        node.Clock.WallTimeValid = false;
        node.Link.SetsClock = false;                           // no SNTP answer: the RTC stays at 1970

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.True(report.TlsSkippedClockUnset);
        Assert.False(node.Mqtt.IsConnected);
        Assert.Empty(node.Broker.Messages);                    // not even in plaintext
        Assert.Equal(1, report.Backlog);
        Assert.False(node.Link.IsUp);
    }

    [Fact]
    public void Tls_WithTheClockSetBySntp_Publishes()
    {
        var node = TlsNode();
        node.Clock.WallTimeValid = false;                      // power-on: unset until the association's SNTP

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.False(report.TlsSkippedClockUnset);
        Assert.Equal(0, report.Backlog);
    }

    [Fact]
    public void Plaintext_DoesNotNeedTheClock()
    {
        var node = TlsNode();
        node.Config.BrokerTls = false;
        node.Clock.WallTimeValid = false;
        node.Link.SetsClock = false;

        WakeReport report = node.Wake(WakeCause.Timer);

        Assert.False(report.TlsSkippedClockUnset);
        Assert.Equal(0, report.Backlog);
    }

    [Theory]
    [InlineData("192.168.1.10", true)]
    [InlineData("10.0.0.2", true)]
    [InlineData("mqtt.local", false)]
    [InlineData("broker.example.com", false)]
    [InlineData("192.168.1", false)]
    [InlineData("192.168.1.256", false)]
    [InlineData("", false)]
    public void IpLiteral_NeedsNoDnsLookup(string host, bool literal)
    {
        Assert.Equal(literal, BrokerHost.IsIpLiteral(host));
    }
}
