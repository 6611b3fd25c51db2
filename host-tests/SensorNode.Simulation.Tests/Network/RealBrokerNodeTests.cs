using SensorNode.Core;
using System.Text.Json;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Core.Tests.WakeCycleScenarios;
using SensorNode.Simulation;
using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>A whole simulated node whose MQTT goes to a real mosquitto instead of the in-process broker.</summary>
[Collection(RealBrokerCollection.Name)]
public class RealBrokerNodeTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC

    /// <summary>A policy table that transmits on every wake, at the shortest interval.</summary>
    private static void TransmitEveryWake(SimulatedNode node)
    {
        var action = new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = false, Transmit = true };
        byte[] codes = Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray();
        byte[] table = PolicyTable.FromActionCodes(7, codes).Serialize();
        Assert.True(node.Flash.Write(PolicyStore.FileName, 0, table, 0, table.Length));
    }

    private static uint Sequence(byte[] senml) =>
        JsonDocument.Parse(senml).RootElement.EnumerateArray()
            .Where(record => record.TryGetProperty("n", out JsonElement name) && name.GetString() == "seq")
            .Select(record => (uint)record.GetProperty("v").GetDouble())
            .Single();

    [RequiresMosquittoFact]
    public void SimulatedNode_PublishesEachWakeThroughMosquitto_AndASubscriberGetsEveryReading()
    {
        const int wakes = 3;
        using MosquittoBroker broker = RealBrokerSessionTests.StartBroker();
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 1);
        TransmitEveryWake(node);
        using var subscriber = MosquittoSubscriber.Start(broker, "sensornode/+/state", count: wakes, waitSeconds: 10);
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));

        var reports = new List<WakeReport>();
        for (int i = 0; i < wakes; i++)
        {
            node.IlluminanceLux = 100 * (i + 1);
            WakeReport report = CustomWake.Run(node, WakeCause.Timer, mqtt: session);
            reports.Add(report);
            node.SleepFor(report.Plan.SleepSeconds * 1000L);
        }
        IReadOnlyList<ReceivedMessage> received = subscriber.WaitForMessages();

        Assert.All(reports, report =>
        {
            Assert.False(report.BrokerFailed, session.LastError);
            Assert.Equal(1, report.MessagesAcknowledged);
            Assert.Equal(0, report.Backlog);
            Assert.True(report.AvailabilityAnnounced);                    // retained "sleeping:<s>" acknowledged too
        });
        Assert.Equal(wakes, received.Count);
        Assert.All(received, message => Assert.Equal("sensornode/node-01/state", message.Topic));
        Assert.Equal(new uint[] { 1, 2, 3 }, received.Select(message => Sequence(message.Payload)));
        Assert.Empty(node.Broker.Messages);                                  // nothing went to the in-process broker
        Assert.False(session.IsConnected);                                    // every wake tore its session down
        // Clean goodbyes, no will: the broker may log the last DISCONNECT after the subscriber had the last message.
        Assert.True(broker.WaitForLog("Received DISCONNECT from node-01", wakes, 5000), broker.ReadLog());
        Assert.Equal(wakes, broker.LogCount("Received DISCONNECT from node-01"));
    }
}
