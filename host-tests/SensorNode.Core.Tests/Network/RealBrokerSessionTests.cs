using System.Diagnostics;
using System.Text;
using SensorNode.Core.Hardware;
using SensorNode.Core.Storage;
using SensorNode.Core.Telemetry;
using SensorNode.Simulation.Network;

namespace SensorNode.Core.Tests.Network;

/// <summary>The session against a real mosquitto, checked by mosquitto_sub as an independent client.</summary>
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
        var topics = new MqttTopics("sensornode", "node-01");
        SenmlWriter pack = EncodeTwoReadings();
        using var subscriber = MosquittoSubscriber.Start(broker, "sensornode/#", count: 1, waitSeconds: 5);
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));

        Assert.True(session.Connect("node-01", topics.Availability, AvailabilityPayload.Lost, ConnectTimeout), session.LastError);
        MqttPublishResult result = session.PublishQos1(topics.State, pack.Buffer, pack.Length, false, AckTimeout);
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

    [RequiresMosquittoFact]
    public void DropWithoutDisconnect_MakesTheBrokerPublishTheWill_Retained()
    {
        using MosquittoBroker broker = StartBroker();
        var topics = new MqttTopics("sensornode", "node-07");
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        Assert.True(session.Connect("node-07", topics.Availability, AvailabilityPayload.Lost, ConnectTimeout), session.LastError);

        session.DropWithoutDisconnect();
        Assert.True(broker.WaitForLog("Client node-07 closed its connection", 5000), broker.ReadLog());
        // Subscribing only now: the will reaches this client only if the broker kept it as retained.
        using var subscriber = MosquittoSubscriber.Start(broker, "sensornode/#", count: 1, waitSeconds: 3);
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages();

        ReceivedMessage will = Assert.Single(received);
        Assert.Equal("sensornode/node-07/availability", will.Topic);
        Assert.Equal(AvailabilityPayload.Lost, will.PayloadText);
        Assert.Contains("Will message specified (4 bytes) (r1, q1)", broker.ReadLog());
        Assert.False(session.IsConnected);
    }

    [RequiresMosquittoFact]
    public void Disconnect_SendsDisconnect_SoTheWillIsNotPublished()
    {
        using MosquittoBroker broker = StartBroker();
        var topics = new MqttTopics("sensornode", "node-08");
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        Assert.True(session.Connect("node-08", topics.Availability, AvailabilityPayload.Lost, ConnectTimeout), session.LastError);

        session.Disconnect();
        Assert.True(broker.WaitForLog("Client node-08 disconnected", 5000), broker.ReadLog());
        using var subscriber = MosquittoSubscriber.Start(broker, "sensornode/#", count: 1, waitSeconds: 1);
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages();

        Assert.Empty(received);
        Assert.Contains("Received DISCONNECT from node-08", broker.ReadLog());
        Assert.False(session.IsConnected);
    }

    [RequiresMosquittoFact]
    public void PublishQos1_AfterTheBrokerStopped_ReturnsNotAcknowledged_AndANewSessionWorksAfterRestart()
    {
        using MosquittoBroker broker = StartBroker();
        byte[] payload = Encoding.ASCII.GetBytes("[{\"n\":\"seq\",\"v\":1}]");
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        Assert.True(session.Connect("node-09", "sensornode/node-09/availability", "lost", ConnectTimeout), session.LastError);

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
        Assert.True(session.Connect("node-09", "sensornode/node-09/availability", "lost", ConnectTimeout), session.LastError);
        Assert.Equal(MqttPublishResult.Acknowledged, session.PublishQos1("sensornode/node-09/state", payload, payload.Length, false, AckTimeout));
        session.Disconnect();
        Assert.True(broker.WaitForLog("Received DISCONNECT from node-09", 5000), broker.ReadLog());
    }
}
