using System.Diagnostics;
using MQTTnet;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using SensorNode.Gateway;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli;

/// <summary>One fault's outcome: readings the broker acknowledged to the publisher, stored by the gateway, lost, deduplicated copies.</summary>
/// <param name="Fault">The fault injected halfway through the row's stream.</param>
/// <param name="Acknowledged">Readings whose message mosquitto PUBACKed to the publisher (the ground truth).</param>
/// <param name="Stored">Of those, readings in the gateway's SQLite file once everything settled.</param>
/// <param name="Lost">Acknowledged but not stored.</param>
/// <param name="Duplicated">Redelivered readings the gateway stored once and counted as duplicates (from its stop lines; a gateway killed with -9 reports none).</param>
/// <param name="BrokerSide">True when the lost readings are mosquitto's own loss: acknowledged, then gone with a SIGKILL before its autosave.</param>
/// <param name="Note">What happened, in words.</param>
public sealed record SoakRow(string Fault, long Acknowledged, long Stored, long Lost, long Duplicated, bool BrokerSide, string Note);

/// <summary>
/// <c>sensornode soak</c>: the fault campaign of issue 10. For each fault kind: a private mosquitto with persistence, the
/// gateway as a child process (so it can be killed with -9) into a fresh SQLite file, and a bounded QoS 1 publisher of
/// core-format packs for 8 nodes that records every (node, seq) the broker acknowledged. The fault strikes halfway; then
/// everything settles and acknowledged is compared with stored. Writes DIR/soak.json and prints a table; exit 1 when a
/// reading was lost that mosquitto itself did not lose.
/// </summary>
public static class SoakCommand
{
    public const string Help = """
        usage: sensornode soak [--minutes N] --out DIR

          --minutes N   total publishing time over all faults (default 10; decimals allowed, e.g. 0.5 in CI); each fault
                        gets an equal share at 50 messages/s of 4 readings, plus start-up and settling
          --out DIR     writes DIR/soak.json: [{fault, acknowledged, stored, lost, duplicated, broker_side, note}]

        faults: none, gateway-kill9, gateway-sigterm, broker-sigterm, broker-sigkill, corrupt-db, qos0-flood,
                hostile-nodes (needs mosquitto installed)
        """;

    /// <summary>The faults, in the order they run.</summary>
    public static readonly IReadOnlyList<string> Faults = ["none", "gateway-kill9", "gateway-sigterm", "broker-sigterm", "broker-sigkill", "corrupt-db", "qos0-flood", "hostile-nodes"];

    private const int Nodes = 8;
    private const int ReadingsPerMessage = 4;
    private const int MessagesPerSecond = 50;
    private const int SettleMilliseconds = 20_000;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Options(args, ["minutes", "out"], ["help"]);
        if (options.Has("help")) { output.WriteLine(Help); return CommandLine.Ok; }
        string outDir = options.Get("out") ?? throw new UsageException("--out DIR is required");
        double minutes = GatewayCommand.GetDouble(options, "minutes", 10, 0.05, 24 * 60);
        if (MosquittoBroker.FindExecutable("mosquitto") == null) { error.WriteLine("sensornode soak: mosquitto is not installed"); return CommandLine.Failed; }
        int messagesPerFault = Math.Max(20, (int)(minutes * 60 / Faults.Count * MessagesPerSecond));

        var rows = new List<SoakRow>();
        foreach (string fault in Faults)
        {
            SoakRow row = RunFaultAsync(fault, messagesPerFault, error).GetAwaiter().GetResult();
            rows.Add(row);
            output.WriteLine($"  {row.Fault,-16} acknowledged {row.Acknowledged,7} stored {row.Stored,7} lost {row.Lost,5} duplicated {row.Duplicated,5}{(row.BrokerSide ? "  broker-side" : "")}  {row.Note}");
        }
        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, "soak.json");
        File.WriteAllText(path, JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        output.WriteLine();
        output.WriteLine(Table(rows));
        output.WriteLine($"wrote {path}");
        return rows.Any(r => r.Lost > 0 && !r.BrokerSide) ? CommandLine.Failed : CommandLine.Ok;
    }

    /// <summary>The rows as a Markdown table, with the broker-side rows marked.</summary>
    public static string Table(IEnumerable<SoakRow> rows) =>
        "| fault | acknowledged | stored | lost | duplicated | broker_side |\n| --- | ---: | ---: | ---: | ---: | --- |\n"
        + string.Concat(rows.Select(r => $"| {r.Fault} | {r.Acknowledged} | {r.Stored} | {r.Lost} | {r.Duplicated} | {(r.BrokerSide ? "yes: mosquitto acknowledged, then lost it (SIGKILL before its autosave)" : "no")} |\n"));

    private static async Task<SoakRow> RunFaultAsync(string fault, int messages, TextWriter error)
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-soak-").FullName;
        string db = Path.Combine(folder, "soak.db");
        using PersistentBroker broker = PersistentBroker.Launch();
        var gateway = new GatewayProcess(broker.Port, db, Path.Combine(folder, "gateway.log"));
        var acked = new List<(string Node, uint FirstSeq)>();
        string note = "";
        try
        {
            gateway.Start();
            var sequence = new uint[Nodes];
            Array.Fill(sequence, 1u);
            QosPublisher? publisher = null;
            var pending = new List<(Task<bool> Ack, string Node, uint Seq)>();
            var pace = Stopwatch.StartNew();
            for (int m = 0; m < messages; m++)
            {
                if (m == messages / 2) note = await InjectAsync(fault, broker, gateway);
                publisher = await EnsurePublisherAsync(publisher, broker.Port);
                string node = $"soak-{m % Nodes}";
                uint seq = sequence[m % Nodes];
                sequence[m % Nodes] += ReadingsPerMessage;
                if (publisher != null)
                {
                    long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                    pending.Add((await publisher.StartPublishAsync($"sensornode/{node}/state", SenmlPacks.Encode(node, seq, ReadingsPerMessage, now)), node, seq));
                }
                long due = (long)(m + 1) * 1000 / MessagesPerSecond - pace.ElapsedMilliseconds;
                if (due > 0) await Task.Delay((int)due);
            }
            foreach ((Task<bool> ack, string node, uint seq) in pending)
            {
                if (await ack) acked.Add((node, seq));
            }
            if (publisher != null) await publisher.DisposeAsync();
            if (!gateway.IsRunning) gateway.Start();

            long expected = (long)acked.Count * ReadingsPerMessage;
            long stored = 0, last = -1;
            var settle = Stopwatch.StartNew();
            while (settle.ElapsedMilliseconds < SettleMilliseconds)
            {
                stored = CountStored(db, acked);
                if (stored == expected) break;
                if (stored != last) { last = stored; settle.Restart(); }
                await Task.Delay(200);
            }
            gateway.Stop(15);
            long duplicated = gateway.Counter("dup");
            if (fault is "qos0-flood" or "hostile-nodes")
                note += $"; gateway: {gateway.Counter("dead")} dead letters, {gateway.Counter("qos0-dropped")} QoS 0 dropped";
            long lost = expected - stored;
            bool brokerSide = lost > 0 && fault == "broker-sigkill";
            return new SoakRow(fault, expected, stored, lost, duplicated, brokerSide, note);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
        {
            error.WriteLine($"sensornode soak: {fault}: {e.Message}");
            return new SoakRow(fault, (long)acked.Count * ReadingsPerMessage, 0, (long)acked.Count * ReadingsPerMessage, 0, false, "run failed: " + e.Message);
        }
        finally
        {
            gateway.Stop(9);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> InjectAsync(string fault, PersistentBroker broker, GatewayProcess gateway)
    {
        if (fault == "qos0-flood") return await FloodAsync(broker.Port);
        if (fault == "hostile-nodes") return await HostileAsync(broker.Port);
        switch (fault)
        {
            case "gateway-kill9": gateway.Stop(9); gateway.Start(); return "gateway killed with SIGKILL mid-stream and restarted";
            case "gateway-sigterm": gateway.Stop(15); gateway.Start(); return "gateway stopped with SIGTERM mid-stream and restarted";
            case "broker-sigterm": broker.Restart(15); return "mosquitto stopped with SIGTERM (saves its database) and restarted";
            case "broker-sigkill": broker.Restart(9); return "mosquitto killed with SIGKILL (no save; autosave_interval 1 s) and restarted";
            case "corrupt-db": return CorruptDatabase(gateway);
            default: return "no fault";
        }
    }

    // QoS 0 bypasses Receive Maximum: 30 MB of junk at QoS 0 in the middle of the stream (the gateway bounds its queue).
    private static async Task<string> FloodAsync(int port)
    {
        const int count = 500, size = 60_000;
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("soak-flood").Build());
        byte[] junk = new byte[size];
        Array.Fill(junk, (byte)'x');
        for (int i = 0; i < count; i++)
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"sensornode/flood-{i % 50}/state").WithPayload(junk).Build());
        await client.DisconnectAsync();
        return $"{count} x {size} B QoS 0 junk published mid-stream";
    }

    // Hostile nodes: topics whose node id breaks the rule, a forged log line in an ack, a pack in the far future.
    private static async Task<string> HostileAsync(int port)
    {
        string[] topics = ["sensornode/Bad.Node/state", "sensornode/a_b/state", "sensornode/a.b/state", "sensornode/NODE-UP/availability", "sensornode/soak-1/ack"];
        byte[][] payloads =
        [
            SenmlPacks.Encode("bad", 1, 1, 1_767_225_600), SenmlPacks.Encode("a-b", 1, 1, 1_767_225_600), SenmlPacks.Encode("a-b", 1, 1, 1_767_225_600),
            "sleeping:60"u8.ToArray(), System.Text.Encoding.ASCII.GetBytes("5 rejected x\n2026-01-01T00:00:00Z gateway: stopped (FORGED)"),
        ];
        await using QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", port, "soak-hostile");
        var acks = new List<Task<bool>>();
        for (int i = 0; i < topics.Length; i++) acks.Add(await publisher.StartPublishAsync(topics[i], payloads[i]));
        await Task.WhenAll(acks);
        return $"{topics.Length} hostile messages (invalid node ids, a forged ack line)";
    }

    // Stop the gateway, keep a copy of its file (the operator's backup), damage a page, and start it: it must refuse the
    // file with one line and exit 1. Then the copy is restored and the gateway started on it: the broker kept the rest.
    private static string CorruptDatabase(GatewayProcess gateway)
    {
        gateway.Stop(15);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string backup = gateway.Database + ".backup";
        File.Copy(gateway.Database, backup, overwrite: true);
        using (FileStream file = File.Open(gateway.Database, FileMode.Open))
        {
            file.Position = 4096 + 16; // page 2: a table's root page
            file.Write(new byte[512]);
        }
        (int code, string line) = gateway.RunExpectingExit();
        File.Copy(backup, gateway.Database, overwrite: true);
        gateway.Start();
        return code == CommandLine.Failed && line.Contains(gateway.Database, StringComparison.Ordinal)
            ? $"damaged file refused with exit 1 ('{line}'); backup restored, the broker kept the rest"
            : $"DAMAGED FILE NOT REFUSED: exit {code}, '{line}'";
    }

    // The publisher is a node: after a broker restart it connects again; until then messages are not sent (not acknowledged).
    private static async Task<QosPublisher?> EnsurePublisherAsync(QosPublisher? publisher, int port)
    {
        if (publisher is { IsConnected: true }) return publisher;
        if (publisher != null) await publisher.DisposeAsync();
        try
        {
            return await QosPublisher.ConnectAsync("127.0.0.1", port, "soak-publisher");
        }
        catch (Exception)
        {
            return null; // the broker is still coming back
        }
    }

    private static long CountStored(string db, List<(string Node, uint FirstSeq)> acked)
    {
        if (!File.Exists(db)) return 0;
        if (!ReadingStore.TryOpen(db, out ReadingStore? store, out _)) return 0;
        using (store)
        {
            var keys = new HashSet<(string, uint)>(store!.Query().Select(r => (r.NodeId, r.Sequence)));
            return acked.Sum(a => Enumerable.Range(0, ReadingsPerMessage).Count(i => keys.Contains((a.Node, a.FirstSeq + (uint)i))));
        }
    }

    /// <summary><c>sensornode gateway</c> as a child process (the same program), so it can be killed for real.</summary>
    private sealed class GatewayProcess(int port, string db, string logPath)
    {
        private Process? _process;

        public bool IsRunning => _process is { HasExited: false };

        public string Database => db;

        /// <summary>Starts the gateway expecting it to exit at once (an unusable file): its exit code and last error line.</summary>
        public (int Code, string Line) RunExpectingExit()
        {
            using Process process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("the gateway did not start");
            Task<string> errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(30_000)) { process.Kill(); return (-1, "still running after 30 s"); }
            string[] lines = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (process.ExitCode, lines.Length == 1 ? lines[0].Trim() : $"{lines.Length} lines: {string.Join(" | ", lines.Take(3))}");
        }

        private ProcessStartInfo StartInfo()
        {
            string cli = typeof(SoakCommand).Assembly.Location;
            var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (string a in new[] { cli, "gateway", "--broker", $"mqtt://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--db", db,
                "--client-id", "soak-gateway", "--status-seconds", "0", "--no-discovery" }) start.ArgumentList.Add(a);
            return start;
        }

        public void Start()
        {
            Process process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("the gateway did not start");
            var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
            var connected = new ManualResetEventSlim();
            process.OutputDataReceived += (_, e) => { if (e.Data == null) return; lock (log) log.WriteLine(e.Data); if (e.Data.Contains("gateway: storing into", StringComparison.Ordinal)) connected.Set(); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            if (!connected.Wait(30_000))
                throw new TimeoutException($"the gateway did not connect within 30 s (log {logPath})");
        }

        public void Stop(int signal)
        {
            Process? process = _process;
            _process = null;
            if (process == null) return;
            if (!process.HasExited)
            {
                _ = Kill(process.Id, signal);
                if (!process.WaitForExit(10_000)) process.Kill();
            }
            process.WaitForExit();
            process.Dispose();
        }

        /// <summary>Sum of counter <paramref name="name"/> ("dup", "dead", ...) over the gateway's stop lines (a gateway killed with -9 writes none).</summary>
        public long Counter(string name) => File.Exists(logPath)
            ? File.ReadLines(logPath).Where(l => l.Contains("stopped: ", StringComparison.Ordinal))
                .Select(l => Regex.Match(l, $" {Regex.Escape(name)} (\\d+)")).Where(m => m.Success).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            : 0;

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
