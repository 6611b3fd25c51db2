using System.Text;
using SensorNode.Cli;
using SensorNode.Core.Hardware;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>
/// Mutual TLS: mosquitto requires a client certificate from the lab's CA and takes its CN as the user name
/// (use_identity_as_username), no passwords; the ACL is the provision's per-node lines plus the gateway's. Nodes are
/// <see cref="RealBrokerSession"/>s or mosquitto_pub, the gateway is a <see cref="GatewayService"/> with its own certificate.
/// </summary>
public sealed class CertificateIdentityTests(TlsLab lab) : IClassFixture<TlsLab>
{
    private GatewayOptions GatewayOptions(MosquittoBroker broker) => new()
    {
        Host = "127.0.0.1", Port = broker.Port, Tls = true, ClientId = "gw-tls", Group = "tls",
        CaFile = lab.CaFile, ClientCertificateFile = lab.Gateway.CertificateFile, ClientKeyFile = lab.Gateway.KeyFile,
        BatchMaxMilliseconds = 5, ReconnectDelayMilliseconds = 100,
    };

    private static RealBrokerSession Node(MosquittoBroker broker, TlsSettings tls) => new(BrokerUrl.Parse(broker.Url), tls);

    private static RealBrokerSession ConnectedNodeA(MosquittoBroker broker, TlsSettings tls)
    {
        RealBrokerSession node = Node(broker, tls);
        Assert.True(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds), node.LastError);
        return node;
    }

    private static MqttPublishResult Publish(RealBrokerSession node, string topic, byte[] payload, bool retain = false) =>
        node.PublishQos1(topic, payload, payload.Length, retain, 3000);

    [RequiresMosquittoFact]
    public async Task NodeWithItsCertificate_StateIsStoredByTheGatewayOverTls_AndHomeAssistantSeesIt()
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        Assert.StartsWith("mqtts://", broker.Url);
        await using RunningGateway gateway = await RunningGateway.StartAsync(GatewayOptions(broker), lab.NewFolder());
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile, lab.NodeA.CertificateFile, lab.NodeA.KeyFile);
        using RealBrokerSession node = ConnectedNodeA(broker, tls);
        Assert.Equal(MqttPublishResult.Acknowledged, Publish(node, "sensornode/node-a/availability", "sleeping:600"u8.ToArray(), retain: true));
        Assert.Equal(MqttPublishResult.Acknowledged, Publish(node, "sensornode/node-a/state", SenmlPacks.Encode("node-a", 1, 1, TlsLab.NowUnixSeconds)));

        Assert.True(gateway.WaitForReadings("node-a", 1, TlsLab.ArrivalTimeoutMilliseconds), gateway.Service.Counters.ToString());
        // The CN became the user name: the ACL that let it publish is node-a's.
        Assert.Contains("u'node-a'", broker.ReadLog());
        Assert.Contains("u'gateway'", broker.ReadLog());

        // The gateway wrote Home Assistant's retained topics under its own ACL; mosquitto_sub reads them over TLS as the operator.
        List<string> operatorTls = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.Operator, usePassword: false);
        Assert.True(GatewayHarness.WaitUntil(() => TlsMosquittoClients.Subscribe(operatorTls, "sensornode/node-a/ha/#", 8, 1).Count == 8, TlsLab.ArrivalTimeoutMilliseconds));
        // Device-based configs (the node's and its room's, the node being a room of its own); the old per-entity topics
        // were cleared by the migration (empty retained payloads), which runs just after the PUBACKs: wait for it.
        Dictionary<string, string> configs = [];
        Assert.True(GatewayHarness.WaitUntil(() => (configs = TlsMosquittoClients.Subscribe(operatorTls, "homeassistant/#", count: 3, waitSeconds: 1)).Count == 2, TlsLab.ArrivalTimeoutMilliseconds),
            string.Join(", ", configs.Keys));
        Assert.Equal(["homeassistant/device/node-a/config", "homeassistant/device/sensornode_room_node-a/config"], configs.Keys.Order());
        Assert.Contains("\"expire_after\":720", configs["homeassistant/device/node-a/config"].Replace(" ", ""));
        Assert.Equal("4.2", TlsMosquittoClients.Subscribe(operatorTls, "sensornode/node-a/ha/supercap", 1, 5)["sensornode/node-a/ha/supercap"]);
    }

    [RequiresMosquittoFact]
    public async Task Node_PublishingToAnotherNodesState_IsDroppedByTheBroker_AndNothingIsStoredForThatNode()
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        await using RunningGateway gateway = await RunningGateway.StartAsync(GatewayOptions(broker), lab.NewFolder());
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile, lab.NodeA.CertificateFile, lab.NodeA.KeyFile);
        using RealBrokerSession node = ConnectedNodeA(broker, tls);

        // MQTT 3.1.1 cannot refuse a publish: mosquitto acknowledges the forged one and drops it.
        Assert.Equal(MqttPublishResult.Acknowledged, Publish(node, "sensornode/node-b/state", SenmlPacks.Encode("node-b", 1, 1, TlsLab.NowUnixSeconds)));
        Assert.Equal(MqttPublishResult.Acknowledged, Publish(node, "sensornode/node-a/state", SenmlPacks.Encode("node-a", 1, 1, TlsLab.NowUnixSeconds)));

        // The broker keeps a client's order: once node-a's own pack is stored, the forged one would have been before it.
        Assert.True(gateway.WaitForReadings("node-a", 1, TlsLab.ArrivalTimeoutMilliseconds), gateway.Service.Counters.ToString());
        Thread.Sleep(TlsLab.SilenceMilliseconds);
        Assert.Empty(gateway.Store.Query("node-b"));
        Assert.Equal(1, gateway.Store.ReadingCount());
        Assert.Equal(0, gateway.Store.DeadLetterCount());
        Assert.True(broker.WaitForLog("Denied PUBLISH from node-a", TlsLab.ArrivalTimeoutMilliseconds), "the broker did not log the denial");
    }

    [RequiresMosquittoFact]
    public async Task MosquittoPub_WithTheNodesCertificate_IsStored_ButNotOnAnotherNodesTopic()
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        await using RunningGateway gateway = await RunningGateway.StartAsync(GatewayOptions(broker), lab.NewFolder());
        List<string> nodeB = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.NodeB, usePassword: false);

        ToolRun forged = TlsMosquittoClients.Publish(nodeB, "sensornode/node-a/state", SenmlPacks.Encode("node-a", 1, 1, TlsLab.NowUnixSeconds));
        ToolRun own = TlsMosquittoClients.Publish(nodeB, "sensornode/node-b/state", SenmlPacks.Encode("node-b", 7, 2, TlsLab.NowUnixSeconds));

        Assert.True(forged.ExitCode == 0, forged.Error); // acknowledged and dropped
        Assert.True(own.ExitCode == 0, own.Error);
        Assert.True(gateway.WaitForReadings("node-b", 2, TlsLab.ArrivalTimeoutMilliseconds), gateway.Service.Counters.ToString());
        Thread.Sleep(TlsLab.SilenceMilliseconds);
        Assert.Equal(new uint[] { 7, 8 }, gateway.Store.Query("node-b").Select(r => r.Sequence).OrderBy(s => s));
        Assert.Empty(gateway.Store.Query("node-a"));
        Assert.Contains("Denied PUBLISH from node-b ", broker.ReadLog());
    }

    [RequiresMosquittoFact]
    public Task ClientWithoutCertificate_IsRefusedAtConnect() => Task.Run(() =>
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile);
        using RealBrokerSession node = Node(broker, tls);

        Assert.False(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds));
        Assert.NotNull(node.LastError);
        Assert.False(node.IsConnected);
        ToolRun tool = TlsMosquittoClients.Publish(new List<string> { "-h", "127.0.0.1", "-p", broker.Port.ToString(), "--cafile", lab.CaFile }, "sensornode/node-a/state", "x"u8.ToArray());
        Assert.NotEqual(0, tool.ExitCode);
        // Both were stopped in the TLS handshake, before any CONNECT.
        Assert.Contains("peer did not return a certificate", broker.ReadLog());
        Assert.DoesNotContain("New client connected", broker.ReadLog());
    });

    [RequiresMosquittoFact]
    public Task ClientWithCertificateFromAnotherCa_IsRefused_EvenWithTheSameCommonName() => Task.Run(() =>
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile, lab.ForeignNodeA.CertificateFile, lab.ForeignNodeA.KeyFile);
        using RealBrokerSession node = Node(broker, tls);

        Assert.False(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds));
        ToolRun tool = TlsMosquittoClients.Publish(TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.ForeignNodeA, usePassword: false), "sensornode/node-a/state", "x"u8.ToArray());
        Assert.NotEqual(0, tool.ExitCode);
        Assert.DoesNotContain("New client connected", broker.ReadLog());
        Assert.Contains("certificate verify failed", broker.ReadLog());
    });

    [RequiresMosquittoFact]
    public async Task NodeAndGateway_RefuseABroker_WhoseCertificateIsNotFromTheirCa()
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.OtherCaFile, lab.NodeA.CertificateFile, lab.NodeA.KeyFile);
        using RealBrokerSession node = Node(broker, tls);

        Assert.False(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds));
        Assert.Contains("certificate", node.LastError, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunningGateway.StartAsync(GatewayOptions(broker) with { CaFile = lab.OtherCaFile }, lab.NewFolder()));
    }

    [RequiresMosquittoFact]
    public Task Node_RefusesABroker_WhoseCertificateNamesAnotherHost() => Task.Run(() =>
    {
        MosquittoBroker broker = lab.StartCertificateBroker(lab.MisnamedServerCertificateFile, lab.MisnamedServerKeyFile);
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile, lab.NodeA.CertificateFile, lab.NodeA.KeyFile);
        using RealBrokerSession node = Node(broker, tls);

        Assert.False(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds));
        Assert.Contains("certificate", node.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("New client connected", broker.ReadLog());
    });
}
