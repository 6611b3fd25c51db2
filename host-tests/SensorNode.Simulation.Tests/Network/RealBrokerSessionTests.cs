using System.Diagnostics;
using System.Text;
using SensorNode.Core.Hardware;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;
using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>The session against a real mosquitto, checked by mosquitto_sub as an independent client.</summary>
[Collection(RealBrokerCollection.Name)]
public class RealBrokerSessionTests
{
    private const int ConnectTimeout = 3000;
    private const int AckTimeout = 3000;

    internal static MosquittoBroker StartBroker()
    {
        MosquittoBroker? broker = MosquittoBroker.TryStart(out string reason);
        Assert.True(broker != null, "mosquitto is installed but did not start: " + reason);
        return broker!;
    }

    /// <summary>A pack as the wake cycle builds it: two readings (one without light) and the energy records.</summary>
    private static SenmlWriter EncodeTwoReadings()
    {
        var readings = new[]
        {
            new Reading { Sequence = 41, UnixSeconds = 1_727_690_400, TemperatureCentiCelsius = 2150, HumidityCentiPercent = 4500, IlluminanceCentiLux = 30000, SupercapMillivolts = 4500, MotionEvents = 0 },
            new Reading { Sequence = 42, UnixSeconds = 1_727_690_460, TemperatureCentiCelsius = -125, HumidityCentiPercent = 9999, SupercapMillivolts = 3210, MotionEvents = 2, Faults = ReadingFaults.Light },
        };
        var energy = new EnergyTelemetry { SupercapMillivolts = 4500, StoredMicrojoules = 15_187_500, LastWakeCostMicrojoules = 812, HarvestMicrowatts = 1234, DroppedReadings = 3 };
        var writer = new SenmlWriter(SenmlWriter.CapacityFor(8));   // far larger than the pack: only Length bytes may go out
        Assert.True(writer.TryEncode("node-01", readings, readings.Length, energy));
        return writer;
    }

    [RequiresMosquittoFact]
    public void PublishQos1_DeliversTheCoresSenmlPack_ByteExact_ToAnIndependentSubscriber()
    {
        using MosquittoBroker broker = StartBroker();
        SenmlWriter pack = EncodeTwoReadings();
        using var subscriber = MosquittoSubscriber.Start(broker, "sensornode/#", count: 1, waitSeconds: 5);
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));

        ConnectAsNode(session, "node-01");
        MqttPublishResult result = session.PublishQos1(new MqttTopics("sensornode", "node-01").State, pack.Buffer, pack.Length, false, AckTimeout);
        session.Disconnect();
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages();

        Assert.Equal(MqttPublishResult.Acknowledged, result);
        ReceivedMessage message = Assert.Single(received);
        Assert.Equal("sensornode/node-01/state", message.Topic);
        Assert.Equal(pack.Buffer.AsSpan(0, pack.Length).ToArray(), message.Payload);
        string log = broker.ReadLog();
        Assert.Contains($"Received PUBLISH from node-01 (d0, q1, r0, m1, 'sensornode/node-01/state', ... ({pack.Length} bytes))", log);
        Assert.Contains("Sending PUBACK to node-01", log);
    }

    /// <summary>Connects <paramref name="nodeId"/> with its "lost" will on "sensornode/&lt;node&gt;/availability", as the wake cycle does.</summary>
    private static void ConnectAsNode(RealBrokerSession session, string nodeId)
    {
        var topics = new MqttTopics("sensornode", nodeId);
        Assert.True(session.Connect(nodeId, topics.Availability, AvailabilityPayload.Lost, ConnectTimeout), session.LastError);
    }

    /// <summary>
    /// Ends a fresh session with <paramref name="end"/>, waits until the broker logged <paramref name="brokerSaw"/>,
    /// and only then subscribes: the will reaches this late subscriber only if the broker published it retained.
    /// </summary>
    private static IReadOnlyList<ReceivedMessage> RetainedAfter(MosquittoBroker broker, string nodeId, Action<RealBrokerSession> end, string brokerSaw, int waitSeconds)
    {
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        ConnectAsNode(session, nodeId);
        end(session);
        Assert.False(session.IsConnected);
        Assert.True(broker.WaitForLog(brokerSaw, 5000), broker.ReadLog());
        using var subscriber = MosquittoSubscriber.Start(broker, "sensornode/#", count: 1, waitSeconds: waitSeconds);
        return subscriber.WaitForMessages();
    }

    [RequiresMosquittoFact]
    public void DropWithoutDisconnect_MakesTheBrokerPublishTheWill_Retained()
    {
        using MosquittoBroker broker = StartBroker();

        IReadOnlyList<ReceivedMessage> received = RetainedAfter(broker, "node-07", session => session.DropWithoutDisconnect(), "Client node-07 closed its connection", waitSeconds: 3);

        ReceivedMessage will = Assert.Single(received);
        Assert.Equal("sensornode/node-07/availability", will.Topic);
        Assert.Equal(AvailabilityPayload.Lost, will.PayloadText);
        Assert.Contains("Will message specified (4 bytes) (r1, q1)", broker.ReadLog());
    }

    [RequiresMosquittoFact]
    public void Disconnect_SendsDisconnect_SoTheWillIsNotPublished()
    {
        using MosquittoBroker broker = StartBroker();

        IReadOnlyList<ReceivedMessage> received = RetainedAfter(broker, "node-08", session => session.Disconnect(), "Client node-08 disconnected", waitSeconds: 1);

        Assert.Empty(received);
        Assert.True(broker.WaitForLog("Received DISCONNECT from node-08", 5000), broker.ReadLog());
    }

    [RequiresMosquittoFact]
    public void PublishQos1_AfterTheBrokerStopped_ReturnsNotAcknowledged_AndANewSessionWorksAfterRestart()
    {
        using MosquittoBroker broker = StartBroker();
        byte[] payload = Encoding.ASCII.GetBytes("[{\"n\":\"seq\",\"v\":1}]");
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        ConnectAsNode(session, "node-09");

        broker.Stop();
        var watch = Stopwatch.StartNew();
        MqttPublishResult afterStop = session.PublishQos1("sensornode/node-09/state", payload, payload.Length, false, 1000);
        long elapsed = watch.ElapsedMilliseconds;
        session.Disconnect();

        Assert.NotEqual(MqttPublishResult.Acknowledged, afterStop);
        Assert.True(elapsed < 1000 + 2000, $"took {elapsed} ms");
        Assert.False(session.IsConnected);
        Assert.False(session.Connect("node-09", "sensornode/node-09/availability", "lost", 1000));

        broker.Restart();
        ConnectAsNode(session, "node-09");
        Assert.Equal(MqttPublishResult.Acknowledged, session.PublishQos1("sensornode/node-09/state", payload, payload.Length, false, AckTimeout));
        session.Disconnect();
        Assert.True(broker.WaitForLog("Received DISCONNECT from node-09", 5000), broker.ReadLog());
    }
}
