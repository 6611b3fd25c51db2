using System.Diagnostics;
using MQTTnet;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using SensorNode.Gateway;
using SensorNode.Cli.Provision;
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
/// reading was lost that mosquitto itself did not lose, or a fault's required behaviour failed (the note says FAILED:).
/// </summary>
public static class SoakCommand
{
    public static Command Build() => new Command("soak", "fault campaign: gateway + mosquitto under kills and restarts; acknowledged vs stored (soak.json); needs mosquitto installed").Options(
        CliOption.Text("--minutes", "total publishing time over all faults (default 10; decimals allowed, e.g. 0.5 in CI); each fault gets an equal share at 50 messages/s of 4 readings, plus start-up and settling", "N"),
        CliOption.Out("writes DIR/soak.json: [{fault, acknowledged, stored, lost, duplicated, broker_side, note}]").IsRequired(),
        CliOption.Text("--faults", "only these faults (default: all, in this order): none, gateway-kill9, gateway-sigterm, broker-sigterm, broker-sigkill, corrupt-db, qos0-flood, hostile-nodes, disk-full, clock-behind, client-id-takeover", "F,F")).With(Run);

    /// <summary><c>sensornode soak ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    /// <summary>The faults, in the order they run.</summary>
    public static readonly IReadOnlyList<string> Faults = ["none", "gateway-kill9", "gateway-sigterm", "broker-sigterm", "broker-sigkill", "corrupt-db", "qos0-flood", "hostile-nodes", "disk-full", "clock-behind", "client-id-takeover"];

    /// <summary>A row whose fault did not behave as required (not refused, not given up, acknowledged, kicked) says so in its note.</summary>
    public const string FailedMark = "FAILED:";

    private const int Nodes = 8;
    private const int ReadingsPerMessage = 4;
    private const int MessagesPerSecond = 50;
    private const int SettleMilliseconds = 20_000;

    private static int Run(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string outDir = options.Get("out") ?? throw new UsageException("--out DIR is required");
        OutputPaths.PrepareDirectory("out", outDir);
        double minutes = GatewayCommand.GetDouble(options, "minutes", 10, 0.05, 24 * 60);
        if (MosquittoBroker.FindExecutable("mosquitto") == null) { error.WriteLine("sensornode soak: mosquitto is not installed"); return CommandLine.Failed; }
        string[] faults = options.Get("faults")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. Faults];
        if (faults.FirstOrDefault(f => !Faults.Contains(f)) is { } unknown) throw new UsageException($"--faults: unknown fault '{unknown}'");
        int messagesPerFault = Math.Max(20, (int)(minutes * 60 / faults.Length * MessagesPerSecond));

        var rows = new List<SoakRow>();
        foreach (string fault in faults)
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
        return rows.Any(r => (r.Lost > 0 && !r.BrokerSide) || r.Note.Contains(FailedMark, StringComparison.Ordinal)) ? CommandLine.Failed : CommandLine.Ok;
    }

    /// <summary>The rows as a Markdown table, with the broker-side rows marked.</summary>
    public static string Table(IEnumerable<SoakRow> rows) =>
        "| fault | acknowledged | stored | lost | duplicated | broker_side |\n| --- | ---: | ---: | ---: | ---: | --- |\n"
        + string.Concat(rows.Select(r => $"| {r.Fault} | {r.Acknowledged} | {r.Stored} | {r.Lost} | {r.Duplicated} | {(r.BrokerSide ? "yes: mosquitto acknowledged, then lost it (SIGKILL before its autosave)" : "no")} |\n"));

    private static async Task<SoakRow> RunFaultAsync(string fault, int messages, TextWriter error)
    {
        string folder = Directory.CreateTempSubdirectory("sensornode-soak-").FullName;
        string db = Path.Combine(folder, "soak.db");
        // client-id-takeover: a broker that binds each client id to its user (use_username_as_clientid), as provisioned.
        Credentials? users = fault == "client-id-takeover" ? Credentials.Write(folder) : null;
        using PersistentBroker broker = PersistentBroker.Launch(users?.PasswordFile);
        var gateway = new GatewayProcess(broker.Port, db, Path.Combine(folder, "gateway.log"), users == null ? null : $"{Credentials.Gateway}:{users.Password}@");
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
                if (m == messages / 2) note = await InjectAsync(fault, broker, gateway, users);
                publisher = await EnsurePublisherAsync(publisher, broker.Port, users);
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
            note += await AfterStreamAsync(fault, broker, gateway, users);
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

    private static async Task<string> InjectAsync(string fault, PersistentBroker broker, GatewayProcess gateway, Credentials? users)
    {
        if (fault == "client-id-takeover") return await TakeoverAsync(broker, gateway, users!, gatewayRunning: true);
        if (fault == "qos0-flood") return await FloodAsync(broker.Port);
        if (fault == "hostile-nodes") return await HostileAsync(broker.Port);
        switch (fault)
        {
            case "gateway-kill9": gateway.Stop(9); gateway.Start(); return "gateway killed with SIGKILL mid-stream and restarted";
            case "gateway-sigterm": gateway.Stop(15); gateway.Start(); return "gateway stopped with SIGTERM mid-stream and restarted";
            case "broker-sigterm": broker.Restart(15); return "mosquitto stopped with SIGTERM (saves its database) and restarted";
            case "broker-sigkill": broker.Restart(9); return "mosquitto killed with SIGKILL (no save; autosave_interval 1 s) and restarted";
            case "corrupt-db": return CorruptDatabase(gateway);
            case "disk-full":
                // The file cannot grow from here on (SQLITE_FULL, as on a full disk); the gateway must give up with exit 1.
                gateway.Stop(15);
                gateway.Start("--max-db-pages", "1", "--store-failures", "3", "--store-retry-ms", "100");
                return "file capped at its size mid-stream (SQLITE_FULL)";
            case "clock-behind":
                gateway.Stop(15);
                gateway.Start("--clock-offset", "-3600");
                return "gateway restarted with its clock 1 h behind mid-stream";
            default: return "no fault";
        }
    }

    // What a fault does once the stream has ended, before the store is counted: the disk-full gateway must have given up
    // (exit 1, naming the file), the clock-behind gateway must have acknowledged nothing; both are then restarted as they
    // should be (space freed, clock right) and the broker redelivers what they did not acknowledge.
    private static async Task<string> AfterStreamAsync(string fault, PersistentBroker broker, GatewayProcess gateway, Credentials? users)
    {
        switch (fault)
        {
            case "disk-full":
            {
                (int code, string line) = gateway.WaitForExit(60_000);
                string verdict = code == CommandLine.Failed && line.Contains(gateway.Database, StringComparison.Ordinal) && line.Contains("full", StringComparison.OrdinalIgnoreCase)
                    ? $"; gave up with exit 1 ('{line}'); restarted with space"
                    : $"; FAILED: did not give up with exit 1 naming the full file: exit {code}, '{line}'";
                return verdict;
            }
            case "clock-behind":
            {
                await Task.Delay(2000);
                gateway.Stop(15);
                long acked = gateway.LastCounter("acked"), deferred = gateway.LastCounter("deferred"), stored = gateway.LastCounter("stored");
                string verdict = acked == 0 && stored == 0 && deferred > 0
                    ? $"; while behind: {deferred} packs deferred (not acknowledged), none stored; restarted with the clock right"
                    : $"; FAILED: the gateway acknowledged or stored packs from its future: acked {acked}, stored {stored}, deferred {deferred}";
                return verdict;
            }
            case "client-id-takeover":
                return "; " + await TakeoverAsync(broker, gateway, users!, gatewayRunning: false);
            default:
                return "";
        }
    }

    // A hostile node (a provisioned user) connects with the gateway's client id and a clean session, three times: mid-stream
    // while the gateway runs (it must not be kicked); then the gateway stops, the second half of the stream queues in its
    // persistent session, and after the stream the hostile node connects three times more as the gateway (a clean session
    // under the gateway's id would wipe that queue). The listener binds the client id to the user name.
    private static async Task<string> TakeoverAsync(PersistentBroker broker, GatewayProcess gateway, Credentials users, bool gatewayRunning)
    {
        for (int i = 0; i < 3; i++)
        {
            await using QosPublisher hostile = await QosPublisher.ConnectAsync("127.0.0.1", broker.Port, Credentials.Gateway, Credentials.Hostile, users.Password);
            await Task.Delay(200);
        }
        if (gatewayRunning)
        {
            await Task.Delay(500);
            bool kicked = broker.ReadLog().Contains($"{Credentials.Gateway} already connected, closing old connection", StringComparison.Ordinal) || !gateway.IsRunning;
            gateway.Stop(15);
            return kicked
                ? "FAILED: the hostile node kicked the gateway (client id not bound to the user)"
                : $"node user '{Credentials.Hostile}' connected 3 times as client id '{Credentials.Gateway}' (clean session) mid-stream: the gateway was not kicked";
        }
        gateway.Start();
        return "gateway stopped for the second half; 3 more takeovers while its session held that half";
    }

    /// <summary>The password file of the client-id-takeover row: the gateway, the publisher and a hostile node, one password.</summary>
    private sealed record Credentials(string PasswordFile, string Password)
    {
        public const string Gateway = "soak-gateway", Publisher = "soak-publisher", Hostile = "soak-hostile";

        public static Credentials Write(string folder)
        {
            string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
            string file = Path.Combine(folder, "passwd");
            File.WriteAllLines(file, new[] { Gateway, Publisher, Hostile }.Select(u => MosquittoPasswd.Line(u, password, out _)));
            return new Credentials(file, password);
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
            // Page 2, the readings table's root, from its header on: damaged however few readings it holds (a short row's
            // cell pointers can end before byte 16, so damage further in may hit nothing).
            file.Position = 4096;
            file.Write(new byte[512]);
        }
        (int code, string line) = gateway.RunExpectingExit();
        File.Copy(backup, gateway.Database, overwrite: true);
        gateway.Start();
        return code == CommandLine.Failed && line.Contains(gateway.Database, StringComparison.Ordinal)
            ? $"damaged file refused with exit 1 ('{line}'); backup restored, the broker kept the rest"
            : $"FAILED: damaged file not refused: exit {code}, '{line}' (files: {string.Join(", ", Directory.GetFiles(Path.GetDirectoryName(gateway.Database)!).Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} B"))})";
    }

    // The publisher is a node: after a broker restart it connects again; until then messages are not sent (not acknowledged).
    private static async Task<QosPublisher?> EnsurePublisherAsync(QosPublisher? publisher, int port, Credentials? users)
    {
        if (publisher is { IsConnected: true }) return publisher;
        if (publisher != null) await publisher.DisposeAsync();
        try
        {
            return await QosPublisher.ConnectAsync("127.0.0.1", port, Credentials.Publisher, users == null ? null : Credentials.Publisher, users?.Password);
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
    private sealed class GatewayProcess(int port, string db, string logPath, string? userInfo = null)
    {
        private Process? _process;
        private readonly List<string> _errors = [];

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

        /// <summary>Waits for the running gateway to exit by itself: its exit code and last error line (-1 when it did not).</summary>
        public (int Code, string Line) WaitForExit(int milliseconds)
        {
            Process? process = _process;
            if (process == null) return (-1, "not running");
            if (!process.WaitForExit(milliseconds)) return (-1, $"still running after {milliseconds / 1000} s");
            process.WaitForExit();
            int code = process.ExitCode;
            _process = null;
            process.Dispose();
            lock (_errors) return (code, _errors.Count == 0 ? "" : _errors[^1].Trim());
        }

        private ProcessStartInfo StartInfo(params string[] extra)
        {
            string cli = typeof(SoakCommand).Assembly.Location;
            var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (string a in new[] { cli, "gateway", "--broker", $"mqtt://{userInfo}127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--db", db,
                "--client-id", "soak-gateway", "--status-seconds", "0", "--no-discovery" }.Concat(extra)) start.ArgumentList.Add(a);
            return start;
        }

        public void Start(params string[] extra)
        {
            lock (_errors) _errors.Clear();
            Process process = Process.Start(StartInfo(extra)) ?? throw new InvalidOperationException("the gateway did not start");
            var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
            var connected = new ManualResetEventSlim();
            process.OutputDataReceived += (_, e) => { if (e.Data == null) return; lock (log) log.WriteLine(e.Data); if (e.Data.Contains("gateway: storing into", StringComparison.Ordinal)) connected.Set(); };
            process.ErrorDataReceived += (_, e) => { if (e.Data == null) return; lock (log) log.WriteLine(e.Data); lock (_errors) _errors.Add(e.Data); };
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
        public long Counter(string name) => Counters(name).Sum();

        /// <summary>Counter <paramref name="name"/> on the last stop line (the latest run), 0 when none.</summary>
        public long LastCounter(string name) => Counters(name).LastOrDefault();

        private IEnumerable<long> Counters(string name) => File.Exists(logPath)
            ? File.ReadLines(logPath).Where(l => l.Contains("stopped: ", StringComparison.Ordinal))
                .Select(l => Regex.Match(l, $" {Regex.Escape(name)} (\\d+)")).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList()
            : [];

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);
    }
}
