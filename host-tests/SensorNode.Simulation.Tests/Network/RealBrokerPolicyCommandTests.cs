using SensorNode.Core;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Core.Policy;
using SensorNode.Simulation;
using SensorNode.Simulation.Network;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>The policy command through a real mosquitto: retained by mosquitto_pub, taken by the node, acked to mosquitto_sub.</summary>
[Collection(RealBrokerCollection.Name)]
public class RealBrokerPolicyCommandTests
{
    private const long Start = 1_727_690_400_000; // 2024-09-30 10:00:00 UTC
    private const string CommandTopic = "sensornode/node-01/cmd/policy";

    private static byte[] Table(uint version, bool transmit)
    {
        var action = new PolicyAction { WakeIntervalIndex = 0, MotionWakeArmed = false, Transmit = transmit };
        return PolicyTable.FromActionCodes(version, Enumerable.Repeat(PolicyTable.EncodeAction(action), StateEncoder.StateCount).ToArray()).Serialize();
    }

    /// <summary>mosquitto_pub -r -q 1 -s: the payload file's bytes as a retained QoS 1 message, as the gateway sends commands.</summary>
    private static void PublishRetained(MosquittoBroker broker, string topic, byte[] payload)
    {
        string executable = MosquittoBroker.FindExecutable("mosquitto_pub") ?? throw new InvalidOperationException("mosquitto_pub not installed");
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, payload);
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
            foreach (string argument in new[] { "-c", "exec \"$0\" -h 127.0.0.1 -p \"$1\" -t \"$2\" -r -q 1 -s < \"$3\"",
                         executable, broker.Port.ToString(CultureInfo.InvariantCulture), topic, file })
            {
                start.ArgumentList.Add(argument);
            }
            using Process process = Process.Start(start)!;
            Assert.True(process.WaitForExit(5000), "mosquitto_pub did not finish");
            Assert.True(process.ExitCode == 0, "mosquitto_pub failed: " + process.StandardError.ReadToEnd());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static byte[] Command(uint id, byte[] body) => [.. Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture) + "\n"), .. body];

    [RequiresMosquittoFact]
    public void ReceiveRetained_GetsTheRetainedCommandByteExact_AndZeroQuicklyWhenThereIsNone()
    {
        using MosquittoBroker broker = RealBrokerSessionTests.StartBroker();
        byte[] command = Command(42, Table(7, transmit: true));
        PublishRetained(broker, CommandTopic, command);
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        Assert.True(session.Connect("node-01", "sensornode/node-01/availability", "lost", 3000), session.LastError);
        var buffer = new byte[PolicyUpdate.MaxPayloadLength];

        int length = session.ReceiveRetained(CommandTopic, buffer, 3000);
        var stopwatch = Stopwatch.StartNew();
        int none = session.ReceiveRetained("sensornode/node-01/cmd/nothing", buffer, 3000);
        long noneMilliseconds = stopwatch.ElapsedMilliseconds;
        int tooSmall = session.ReceiveRetained(CommandTopic, new byte[100], 3000);
        session.Disconnect();

        Assert.Equal(command.Length, length);
        Assert.Equal(command, buffer[..length]);
        Assert.Equal(0, none);
        Assert.True(noneMilliseconds < 2000, $"waited {noneMilliseconds} ms for nothing: the SUBACK grace should end it");
        Assert.Equal(-1, tooSmall);
        string log = broker.ReadLog();
        Assert.Contains("Received SUBSCRIBE from node-01", log);
        Assert.Contains("Received UNSUBSCRIBE from node-01", log);
    }

    [RequiresMosquittoFact]
    public void SimulatedNode_TakesTheRetainedPolicyFromMosquitto_WritesIt_AndAcks()
    {
        using MosquittoBroker broker = RealBrokerSessionTests.StartBroker();
        var node = new SimulatedNode(new NodeConfig(), Start, seed: 1);
        node.Flash.SetFileBytes(PolicyStore.FileName, Table(99, transmit: true));
        byte[] table = Table(7, transmit: true);
        PublishRetained(broker, CommandTopic, Command(42, table));
        using var acks = MosquittoSubscriber.Start(broker, "sensornode/node-01/ack", count: 1, waitSeconds: 10);
        using var session = new RealBrokerSession(BrokerUrl.Parse(broker.Url));
        node.ReplaceMqtt(session);

        WakeReport report = node.Wake(WakeCause.Timer);
        node.SleepFor(report.Plan.SleepSeconds * 1000L);
        WakeReport next = node.Wake(WakeCause.Timer);
        IReadOnlyList<ReceivedMessage> received = acks.WaitForMessages();

        Assert.False(report.BrokerFailed, session.LastError);
        Assert.Equal(PolicyUpdateOutcome.Applied, report.PolicyOutcome);
        Assert.True(report.PolicyAckPublished);
        Assert.Equal("42", Assert.Single(received).PayloadText);
        Assert.Equal(table, node.Flash.GetFileBytes(PolicyStore.FileName));
        Assert.Equal(7u, next.PolicyVersion);
        Assert.Equal(PolicyUpdateOutcome.AlreadyInEffect, next.PolicyOutcome);   // still retained (no gateway here to clear it): no rewrite
    }
}
