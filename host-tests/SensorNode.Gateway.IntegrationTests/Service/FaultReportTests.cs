using System.Collections;
using MQTTnet;
using MQTTnet.Protocol;
using SensorNode.Cli;
using SensorNode.Core.Config;
using SensorNode.Core.Telemetry;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Service;

/// <summary>
/// Issue 9's fault report end to end: a broker configured only from <c>sensornode provision</c>'s outputs (a node and a
/// gateway instance: password_file and acl_file lines), a node user that publishes a core-built report on
/// "sensornode/unconfigured-&lt;mac&gt;/fault" as a faulty node does, and the gateway, which stores it. The ACL can only
/// grant "sensornode/+/fault", so the same user can write a configured node's fault topic: that is not stored as a fault.
/// </summary>
public sealed class FaultReportTests
{
    private const string Node = "node-01";
    private const string Victim = "node-02";
    private const string Unconfigured = "unconfigured-a4cf12b3c4d5";

    [RequiresMosquittoFact]
    public async Task FaultReport_ThroughTheProvisionedAcl_IsStored_AndAForgedOneOnAConfiguredNodesId_IsNot()
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-fault-").FullName;
        try
        {
            (string nodePassword, string gatewayPassword, string access) = Provision(folder);
            using MosquittoBroker broker = MosquittoBroker.TryStart(out string reason, access) ?? throw new InvalidOperationException(reason);
            using ReadingStore store = ReadingStore.Open(Path.Combine(folder, "gateway.db"));
            var logged = new List<string>();
            var options = new GatewayOptions
            {
                Host = "127.0.0.1", Port = broker.Port, ClientId = "gw-1", Username = "gw-1", Password = gatewayPassword,
                BatchMaxMilliseconds = 5, ReconnectDelayMilliseconds = 100,
            };
            await using var gateway = new GatewayService(options, store, log: line => { lock (logged) logged.Add(line); });
            await gateway.StartAsync();

            byte[] report = CoreReport("config-invalid", 0x1A2B3C4D);
            byte[] forged = CoreReport("config-invalid", 0xDEADBEEF);
            // As the faulty node: its secrets.config's user, the client id of its unconfigured identity, retained, QoS 1.
            await PublishAsync(broker.Port, Node, nodePassword, Unconfigured, $"sensornode/{Unconfigured}/fault", report);
            await PublishAsync(broker.Port, Node, nodePassword, "node-01-forger", $"sensornode/{Victim}/fault", forged);

            Assert.True(GatewayHarness.WaitUntil(() => store.FaultReports().Count == 1 && store.DeadLetterCount() == 1, 10_000),
                $"{store.FaultReports().Count} fault reports, {store.DeadLetterCount()} dead letters; {gateway.Counters}\n{broker.ReadLog()}");
            var stored = Assert.Single(store.FaultReports());
            Assert.Equal((Unconfigured, "config-invalid", "1A2B3C4D"), (stored.NodeId, stored.Code, stored.ConfigCrc));
            Assert.Equal(System.Text.Encoding.ASCII.GetString(report), stored.Report);
            // The forgery: dead-lettered with the rule, nothing about node-02 (no fault row, no node row).
            Assert.Contains("only 'unconfigured-<12 hex of the MAC>' identities report faults", Assert.Single(store.DeadLetters()).Reason);
            Assert.DoesNotContain(store.FaultReports(), f => f.NodeId == Victim);
            Assert.DoesNotContain(store.Nodes(), n => n.NodeId == Victim);
            // One escaped log line: the report's newlines are \x0A, so the node's error text cannot start a log line.
            string line;
            lock (logged) line = Assert.Single(logged, l => l.StartsWith($"fault report from {Unconfigured}: ", StringComparison.Ordinal));
            Assert.Contains("fault:config-invalid cfg=1A2B3C4D\\x0Anf.config:line 23: ", line);

            // The gateway comes back: the broker hands it the retained report again; it is the same report, one row.
            await gateway.DisposeAsync();
            await using var again = new GatewayService(options, store);
            await again.StartAsync();
            Assert.True(GatewayHarness.WaitUntil(() => again.Counters.Acknowledged >= 1, 10_000), again.Counters.ToString());
            Assert.Single(store.FaultReports());

            // The operator's list: the node, code and CRC on one line, each error indented below.
            var listing = new StringWriter();
            Assert.Equal(CommandLine.Ok, GatewayCommand.Run(["faults", "--db", Path.Combine(folder, "gateway.db")], listing, new StringWriter()));
            string[] lines = listing.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.Contains($" {Unconfigured} config-invalid cfg=1A2B3C4D (first seen ", lines[0]);
            Assert.StartsWith("  nf.config:line 23: ", lines[1]);
            Assert.DoesNotContain(listing.ToString(), "node-02");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // What FaultWake publishes: FaultReport.Write over the boot's configuration errors.
    private static byte[] CoreReport(string code, uint crc)
    {
        var errors = new ArrayList
        {
            new ConfigError { Source = "nf.config", Line = 23, Field = "pins.pir", Message = "GPIO 5 is not an RTC GPIO" },
            new ConfigError { Source = "nf.config", Line = 40, Field = "wake.interval_seconds", Message = "expected an integer 60..86400, got 'x'" },
        };
        byte[] buffer = new byte[FaultReport.MaxLength];
        int length = FaultReport.Write(buffer, code, crc, errors);
        Assert.True(length > 0);
        return buffer[..length];
    }

    private static async Task PublishAsync(int port, string user, string password, string clientId, string topic, byte[] payload)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithCredentials(user, password).Build());
        MqttClientPublishResult result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build());
        Assert.True(result.IsSuccess, result.ReasonString);
        await client.DisconnectAsync();
    }

    // `sensornode provision` for the node and for the gateway instance; the broker's access lines from their outputs alone.
    private static (string NodePassword, string GatewayPassword, string Access) Provision(string folder)
    {
        string root = RepositoryRoot();
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(CommandLine.Ok == ProvisionCommand.Run(["--node-id", Node, "--config", Path.Combine(root, "nf.config"), "--out", Path.Combine(folder, Node)], output, error), $"{output}{error}");
        Assert.True(CommandLine.Ok == ProvisionCommand.Run(["--node-id", "gw-1", "--gateway", "--out", Path.Combine(folder, "gw-1")], output, error), $"{output}{error}");
        string passwd = Path.Combine(folder, "broker.passwd"), acl = Path.Combine(folder, "broker.acl");
        File.WriteAllText(passwd, File.ReadAllText(Path.Combine(folder, Node, "mosquitto.passwd")) + File.ReadAllText(Path.Combine(folder, "gw-1", "mosquitto.passwd")));
        File.WriteAllText(acl, File.ReadAllText(Path.Combine(folder, Node, "mosquitto.acl")) + "\n" + File.ReadAllText(Path.Combine(folder, "gw-1", "mosquitto.acl")));
        string secrets = File.ReadAllText(Path.Combine(folder, Node, "secrets.config"));
        string[] lines = secrets.Split('\n').Select(l => l.Trim()).ToArray();
        string nodePassword = lines.SkipWhile(l => l != "[mqtt]").First(l => l.StartsWith("password", StringComparison.Ordinal)).Split('=', 2)[1].Trim().Trim('"');
        string gatewayPassword = File.ReadAllText(Path.Combine(folder, "gw-1", "gateway.password")).Trim();
        return (nodePassword, gatewayPassword, $"allow_anonymous false\npassword_file {passwd}\nacl_file {acl}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SensorNode.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SensorNode.sln not found above " + AppContext.BaseDirectory);
    }
}
