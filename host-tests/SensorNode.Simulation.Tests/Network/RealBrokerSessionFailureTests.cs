using System.Diagnostics;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>The session's failure paths against sockets that misbehave; no broker needed.</summary>
[Collection(RealBrokerCollection.Name)]
public class RealBrokerSessionFailureTests
{
    // How far past its timeout a call may return before it counts as hanging (resolver and scheduler delays included).
    private const int SlackMilliseconds = 8000;

    private static readonly byte[] Payload = "[{\"n\":\"seq\",\"v\":1}]"u8.ToArray();

    [Fact]
    public void Connect_ReturnsFalse_WithinTheTimeout_WhenNothingListens()
    {
        using var session = new RealBrokerSession(BrokerUrl.Parse($"mqtt://127.0.0.1:{MosquittoBroker.FreeLoopbackPort()}"));
        var watch = Stopwatch.StartNew();

        bool connected = session.Connect("node-01", "sensornode/node-01/availability", "lost", 3000);

        Assert.False(connected);
        // A bound against hanging, not a timing measurement: wide enough for a loaded 2-core CI machine.
        Assert.True(watch.ElapsedMilliseconds < 3000 + SlackMilliseconds, $"took {watch.ElapsedMilliseconds} ms");
        Assert.False(session.IsConnected);
        Assert.NotNull(session.LastError);
    }

    [Fact]
    public void Connect_ReturnsFalse_AtTheTimeout_WhenTheServerNeverSendsConnack()
    {
        using var silent = new SilentBroker(answerConnect: false);
        using var session = new RealBrokerSession(BrokerUrl.Parse(silent.Url));
        var watch = Stopwatch.StartNew();

        bool connected = session.Connect("node-01", "sensornode/node-01/availability", "lost", 400);

        Assert.False(connected);
        Assert.InRange(watch.ElapsedMilliseconds, 300, 400 + SlackMilliseconds);   // waited for CONNACK, and did not hang
        Assert.Contains("CONNACK", session.LastError);
    }

    [Fact]
    public void Connect_ReturnsFalse_WithinTheTimeout_ForAnUnresolvableHost()
    {
        using var session = new RealBrokerSession(BrokerUrl.Parse("mqtt://no-such-broker.invalid"));
        var watch = Stopwatch.StartNew();

        Assert.False(session.Connect("node-01", "sensornode/node-01/availability", "lost", 1000));
        // The resolver's own timeout counts too (a resolver that waits 5 s for .invalid is legal): bound it, don't time it.
        Assert.True(watch.ElapsedMilliseconds < 1000 + SlackMilliseconds, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void PublishQos1_ReturnsTimeout_WhenNoPubackArrives_AndTheSessionStaysUsable()
    {
        using var silent = new SilentBroker(answerConnect: true);
        using var session = new RealBrokerSession(BrokerUrl.Parse(silent.Url));
        Assert.True(session.Connect("node-01", "sensornode/node-01/availability", "lost", 2000), session.LastError);
        var watch = Stopwatch.StartNew();

        MqttPublishResult result = session.PublishQos1("sensornode/node-01/state", Payload, Payload.Length, false, 400);

        Assert.Equal(MqttPublishResult.Timeout, result);
        Assert.InRange(watch.ElapsedMilliseconds, 300, 400 + SlackMilliseconds);
        Assert.True(session.IsConnected);
        session.Disconnect();
        Assert.False(session.IsConnected);
    }

    [Fact]
    public void PublishQos1_ReturnsNotConnected_BeforeConnect()
    {
        using var session = new RealBrokerSession(BrokerUrl.Parse("mqtt://127.0.0.1"));

        Assert.Equal(MqttPublishResult.NotConnected, session.PublishQos1("sensornode/node-01/state", Payload, Payload.Length, false, 1000));
    }

    [Theory]
    [InlineData("sensornode/node-01/state", 99, 1000)]   // length beyond the buffer
    [InlineData("sensornode/node-01/state", -1, 1000)]
    [InlineData("", 5, 1000)]
    [InlineData("sensornode/node-01/state", 5, 0)]
    public void PublishQos1_ReturnsFailed_ForArgumentsOutOfRange(string topic, int length, int ackTimeout)
    {
        using var session = new RealBrokerSession(BrokerUrl.Parse("mqtt://127.0.0.1"));

        Assert.Equal(MqttPublishResult.Failed, session.PublishQos1(topic, Payload, length, false, ackTimeout));
    }

    [Fact]
    public void DisconnectAndDrop_AreSafe_WhenNeverConnected()
    {
        var session = new RealBrokerSession(BrokerUrl.Parse("mqtt://127.0.0.1"));

        session.Disconnect();
        session.DropWithoutDisconnect();
        session.Dispose();

        Assert.False(session.IsConnected);
    }
}
