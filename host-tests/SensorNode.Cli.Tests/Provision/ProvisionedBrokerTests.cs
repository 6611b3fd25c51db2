using System.Security.Cryptography;
using System.Text;
using SensorNode.Cli.Provision;
using SensorNode.Core.Config;
using SensorNode.Core.Hardware;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli.Tests.Provision;

/// <summary>
/// Two provisioned nodes and an operator on a private mosquitto configured from the provision outputs alone:
/// allow_anonymous false, password_file = the nodes' mosquitto.passwd lines plus the operator's, acl_file = the
/// nodes' mosquitto.acl lines plus the operator's (read and write everything under the prefix).
/// </summary>
public sealed class ProvisionedBroker : IDisposable
{
    public const string Operator = "operator";

    private readonly ProvisionFolder _folder = new();

    public ProvisionedBroker()
    {
        NodeA = ProvisionFolder.ReadSecrets(_folder.Provision("node-a"));
        NodeB = ProvisionFolder.ReadSecrets(_folder.Provision("node-b"));
        OperatorPassword = SecretsFile.NewPassword();

        string passwd = _folder.Path("broker.passwd");
        string acl = _folder.Path("broker.acl");
        // The operator's line comes from the built-in $7$ hasher, so the broker checks that format too.
        File.WriteAllText(passwd, File.ReadAllText(_folder.Path("out", "node-a", "mosquitto.passwd"))
            + File.ReadAllText(_folder.Path("out", "node-b", "mosquitto.passwd"))
            + MosquittoPasswd.HashLine(Operator, OperatorPassword, RandomNumberGenerator.GetBytes(MosquittoPasswd.SaltBytes)) + "\n");
        File.WriteAllText(acl, File.ReadAllText(_folder.Path("out", "node-a", "mosquitto.acl"))
            + "\n" + File.ReadAllText(_folder.Path("out", "node-b", "mosquitto.acl"))
            + $"\nuser {Operator}\ntopic readwrite sensornode/#\n");
        Broker = MosquittoBroker.TryStart(out string reason, $"allow_anonymous false\npassword_file {passwd}\nacl_file {acl}");
        StartFailure = reason;
    }

    public NodeSecrets NodeA { get; }

    public NodeSecrets NodeB { get; }

    public string OperatorPassword { get; }

    /// <summary>Null when mosquitto did not start (then <see cref="StartFailure"/> says why).</summary>
    public MosquittoBroker? Broker { get; }

    public string StartFailure { get; }

    public int Port => (Broker ?? throw new InvalidOperationException("mosquitto did not start: " + StartFailure)).Port;

    public string UrlFor(NodeSecrets node) => $"mqtt://{node.MqttUsername}:{node.MqttPassword}@127.0.0.1:{Port}";

    public void Dispose()
    {
        Broker?.Dispose();
        _folder.Dispose();
    }
}

public sealed class ProvisionedBrokerTests(ProvisionedBroker setup) : IClassFixture<ProvisionedBroker>
{
    private const int ArrivalTimeoutMilliseconds = 5000;
    private const int SilenceMilliseconds = 1000;

    [RequiresMosquittoFact]
    public void ProvisionedNode_ConnectsWithItsSecrets_AndPublishesItsState()
    {
        using TestMqttClient watcher = TestMqttClient.Connect(setup.Port, "watch-state", ProvisionedBroker.Operator, setup.OperatorPassword);
        watcher.Subscribe("sensornode/#");
        using var node = new RealBrokerSession(BrokerUrl.Parse(setup.UrlFor(setup.NodeA)));

        Assert.True(node.Connect("node-a", "sensornode/node-a/availability", "offline", 5000), node.LastError);
        byte[] payload = Encoding.UTF8.GetBytes("[{\"bn\":\"node-a:\",\"n\":\"t\",\"v\":21.5}]");
        Assert.Equal(MqttPublishResult.Acknowledged, node.PublishQos1("sensornode/node-a/state", payload, payload.Length, false, 3000));

        var received = watcher.ReceiveUntil("sensornode/node-a/state", ArrivalTimeoutMilliseconds);
        Assert.Contains(("sensornode/node-a/state", Encoding.UTF8.GetString(payload)), received);
    }

    [RequiresMosquittoFact]
    public void ProvisionedNode_IsRefused_WithAnotherNodesPassword()
    {
        var wrong = new NodeSecrets { MqttUsername = setup.NodeB.MqttUsername, MqttPassword = setup.NodeA.MqttPassword };
        using var node = new RealBrokerSession(BrokerUrl.Parse(setup.UrlFor(wrong)));

        Assert.False(node.Connect("node-b", "sensornode/node-b/availability", "offline", 5000));
        Assert.Contains("refused", node.LastError);
        var unknown = Assert.Throws<InvalidOperationException>(() => TestMqttClient.Connect(setup.Port, "anon", "nobody", "x"));
        // mosquitto answers CONNACK 5 (not authorised) to bad credentials, not 4.
        Assert.Contains("NotAuthorized", unknown.Message);
    }

    [RequiresMosquittoFact]
    public void ProvisionedNode_CannotPublishToAnotherNodesTopics()
    {
        using TestMqttClient watcher = TestMqttClient.Connect(setup.Port, "watch-cross", ProvisionedBroker.Operator, setup.OperatorPassword);
        watcher.Subscribe("sensornode/#");
        using TestMqttClient nodeA = TestMqttClient.Connect(setup.Port, "node-a-cross", setup.NodeA.MqttUsername, setup.NodeA.MqttPassword);

        // MQTT 3.1.1 has no way to say no to a publish: mosquitto acknowledges it and drops it.
        nodeA.Publish("sensornode/node-b/state", "forged");
        nodeA.Publish("sensornode/node-b/availability", "offline");
        nodeA.Publish("sensornode/node-a/ack", "own");

        // Per client the broker keeps order: once the own message is through, the forged ones were dropped.
        var received = watcher.ReceiveUntil("sensornode/node-a/ack", ArrivalTimeoutMilliseconds);
        received.AddRange(watcher.ReceiveFor(SilenceMilliseconds));
        Assert.Contains(("sensornode/node-a/ack", "own"), received);
        Assert.DoesNotContain(received, m => m.Topic.StartsWith("sensornode/node-b/", StringComparison.Ordinal));
        Assert.True(setup.Broker!.WaitForLog("Denied PUBLISH from node-a-cross", ArrivalTimeoutMilliseconds), "the broker did not log the denial");
    }

    [RequiresMosquittoFact]
    public void ProvisionedNode_ReceivesOnlyItsOwnCommands()
    {
        using TestMqttClient nodeA = TestMqttClient.Connect(setup.Port, "node-a-cmd", setup.NodeA.MqttUsername, setup.NodeA.MqttPassword);
        nodeA.Subscribe("sensornode/+/cmd/#");
        using TestMqttClient operatorClient = TestMqttClient.Connect(setup.Port, "operator-cmd", ProvisionedBroker.Operator, setup.OperatorPassword);

        operatorClient.Publish("sensornode/node-b/cmd/interval", "60");
        operatorClient.Publish("sensornode/node-a/cmd/interval", "300");

        var received = nodeA.ReceiveUntil("sensornode/node-a/cmd/interval", ArrivalTimeoutMilliseconds);
        received.AddRange(nodeA.ReceiveFor(SilenceMilliseconds));
        Assert.Equal(new[] { ("sensornode/node-a/cmd/interval", "300") }, received);
    }
}
