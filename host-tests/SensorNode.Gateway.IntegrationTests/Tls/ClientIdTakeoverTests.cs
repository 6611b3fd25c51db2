using SensorNode.Cli;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>
/// Issue 10, item 1: a provisioned node that connects with the gateway's client id. The documented listener
/// (<see cref="MosquittoBroker.TlsListenerConfig"/>: use_username_as_clientid) makes the client id the certificate's CN,
/// so node-a's connect is node-a's, whatever id it asks for.
/// </summary>
public sealed class ClientIdTakeoverTests(TlsLab lab) : IClassFixture<TlsLab>
{
    private GatewayOptions Options(MosquittoBroker broker) => new()
    {
        Host = "127.0.0.1", Port = broker.Port, Tls = true, ClientId = lab.Gateway.Id, Group = null,
        CaFile = lab.CaFile, ClientCertificateFile = lab.Gateway.CertificateFile, ClientKeyFile = lab.Gateway.KeyFile,
        BatchMaxMilliseconds = 5, ReconnectDelayMilliseconds = 100,
    };

    // node-a's certificate, asking for client id 'id'; mosquitto_sub's default is a clean session, which would delete
    // the persistent session of whoever held that id.
    private List<string> NodeAAs(MosquittoBroker broker, string id)
    {
        List<string> arguments = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.NodeA, usePassword: false);
        arguments[arguments.IndexOf("-i") + 1] = id;
        return arguments;
    }

    [RequiresMosquittoFact]
    public async Task NodeConnectingWithTheGatewaysClientId_NeitherKicksTheGateway_NorWipesItsQueuedReadings()
    {
        MosquittoBroker broker = lab.StartCertificateBroker();
        string folder = lab.NewFolder();
        List<string> attacker = NodeAAs(broker, lab.Gateway.Id);
        await using (RunningGateway gateway = await RunningGateway.StartAsync(Options(broker), folder))
        {
            TlsMosquittoClients.Subscribe(attacker, "sensornode/node-a/cmd/#", count: 1, waitSeconds: 1);
            Assert.True(gateway.Service.IsConnected);
            Assert.Equal(0, gateway.Service.Counters.Reconnects);
        }
        Assert.DoesNotContain("already connected, closing old connection", broker.ReadLog());

        // The gateway is away; node-b's readings wait in its persistent session. The attacker connects again as it.
        List<string> nodeB = TlsMosquittoClients.Arguments(broker.Port, lab.CaFile, lab.NodeB, usePassword: false);
        for (int m = 0; m < 4; m++)
        {
            ToolRun run = TlsMosquittoClients.Publish(nodeB, "sensornode/node-b/state", SenmlPacks.Encode("node-b", (uint)(200 + m * 5), 5, TlsLab.NowUnixSeconds));
            Assert.True(run.ExitCode == 0, run.Error);
        }
        TlsMosquittoClients.Subscribe(attacker, "sensornode/node-a/cmd/#", count: 1, waitSeconds: 1);

        await using RunningGateway back = await RunningGateway.StartAsync(Options(broker), folder);
        Assert.True(back.WaitForReadings("node-b", 20, TlsLab.ArrivalTimeoutMilliseconds), $"{back.Store.Query("node-b").Count} of 20 stored; {back.Service.Counters}");
        // The broker named the attacker by its certificate, not by the id it asked for.
        Assert.Contains($"as node-a", broker.ReadLog());
    }
}
