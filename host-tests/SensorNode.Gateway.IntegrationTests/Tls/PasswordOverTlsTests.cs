using SensorNode.Cli;
using SensorNode.Core.Hardware;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>
/// Server-only TLS with per-node credentials: the broker's certificate is checked against the lab's CA, clients log in
/// with the user name and password <c>sensornode provision</c> made (password_file from its mosquitto.passwd lines), and
/// the same ACL applies.
/// </summary>
public sealed class PasswordOverTlsTests(TlsLab lab) : IClassFixture<TlsLab>
{
    private static string UrlFor(MosquittoBroker broker, string user, string password) =>
        $"mqtts://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@127.0.0.1:{broker.Port}";

    [RequiresMosquittoFact]
    public async Task NodeWithItsPassword_OverTls_IsStoredByTheGatewayWithItsPassword_AndSeenByMosquittoSub()
    {
        MosquittoBroker broker = lab.StartPasswordBroker();
        var options = new GatewayOptions
        {
            Host = "127.0.0.1", Port = broker.Port, Tls = true, CaFile = lab.CaFile, Username = "gateway", Password = lab.Gateway.Password,
            ClientId = "gw-password", Group = null, BatchMaxMilliseconds = 5, ReconnectDelayMilliseconds = 100,
        };
        await using RunningGateway gateway = await RunningGateway.StartAsync(options, lab.NewFolder());
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile);
        using var node = new RealBrokerSession(BrokerUrl.Parse(UrlFor(broker, "node-a", lab.NodeA.Password)), tls);
        Assert.True(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds), node.LastError);

        // mosquitto_sub, logged in as the operator over TLS, watches the node's topic while the node publishes.
        List<string> operatorTls = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.Operator, usePassword: true);
        Task<Dictionary<string, string>> watched = Task.Run(() => TlsMosquittoClients.Subscribe(operatorTls, "sensornode/node-a/state", count: 1, waitSeconds: 10));
        Assert.True(broker.WaitForLog("Received SUBSCRIBE from operator\n", TlsLab.ArrivalTimeoutMilliseconds), "mosquitto_sub did not subscribe");
        byte[] pack = SenmlPacks.Encode("node-a", 1, 3, TlsLab.NowUnixSeconds);
        Assert.Equal(MqttPublishResult.Acknowledged, node.PublishQos1("sensornode/node-a/state", pack, pack.Length, false, 3000));

        Assert.True(gateway.WaitForReadings("node-a", 3, TlsLab.ArrivalTimeoutMilliseconds), gateway.Service.Counters.ToString());
        Dictionary<string, string> seen = await watched;
        Assert.Equal(System.Text.Encoding.UTF8.GetString(pack), seen["sensornode/node-a/state"]);
        Assert.Contains("u'node-a'", broker.ReadLog());
    }

    [RequiresMosquittoFact]
    public Task WrongPassword_IsRefused_OverTls() => Task.Run(() =>
    {
        MosquittoBroker broker = lab.StartPasswordBroker();
        using TlsSettings tls = TlsSettings.FromPemFiles(lab.CaFile);
        // node-b's name with node-a's password: each node has its own credentials.
        using var node = new RealBrokerSession(BrokerUrl.Parse(UrlFor(broker, "node-b", lab.NodeA.Password)), tls);

        Assert.False(node.Connect("node-b", "sensornode/node-b/availability", "lost", TlsLab.ConnectTimeoutMilliseconds));
        Assert.Contains("refused", node.LastError);
        var wrong = lab.NodeB with { Password = lab.NodeA.Password };
        ToolRun tool = TlsMosquittoClients.Publish(TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, wrong, usePassword: true), "sensornode/node-b/state", "x"u8.ToArray());
        Assert.NotEqual(0, tool.ExitCode);
        Assert.Contains("not authorised", tool.Error, StringComparison.OrdinalIgnoreCase);
    });

    [RequiresMosquittoFact]
    public Task PlainMqtt_OnTheTlsPort_IsRefused() => Task.Run(() =>
    {
        MosquittoBroker broker = lab.StartPasswordBroker();
        using var node = new RealBrokerSession(BrokerUrl.Parse($"mqtt://node-a:{Uri.EscapeDataString(lab.NodeA.Password)}@127.0.0.1:{broker.Port}"));

        Assert.False(node.Connect("node-a", "sensornode/node-a/availability", "lost", TlsLab.ConnectTimeoutMilliseconds));
        Assert.DoesNotContain("New client connected", broker.ReadLog());
    });

    [RequiresMosquittoFact]
    public async Task Node_WithItsPassword_CannotPublishToAnotherNodesState()
    {
        MosquittoBroker broker = lab.StartPasswordBroker();
        List<string> operatorTls = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.Operator, usePassword: true);
        Task<Dictionary<string, string>> watched = Task.Run(() => TlsMosquittoClients.Subscribe(operatorTls, "sensornode/+/state", count: 2, waitSeconds: 3));
        Assert.True(broker.WaitForLog("Received SUBSCRIBE from operator\n", TlsLab.ArrivalTimeoutMilliseconds), "mosquitto_sub did not subscribe");
        List<string> nodeA = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.NodeA, usePassword: true);

        Assert.Equal(0, TlsMosquittoClients.Publish(nodeA, "sensornode/node-b/state", "forged"u8.ToArray()).ExitCode);
        Assert.Equal(0, TlsMosquittoClients.Publish(nodeA, "sensornode/node-a/state", "own"u8.ToArray()).ExitCode);

        // Two were asked for; only the own one comes before mosquitto_sub gives up.
        Dictionary<string, string> seen = await watched;
        Assert.Equal(new[] { "sensornode/node-a/state" }, seen.Keys);
        Assert.True(broker.WaitForLog("Denied PUBLISH from node-a ", TlsLab.SilenceMilliseconds));
    }
}
