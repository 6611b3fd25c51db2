using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SensorNode.Gateway;
using SensorNode.Gateway.Service;
using SensorNode.Simulation.Network;

namespace SensorNode.Cli;

/// <summary>
/// <c>sensornode gateway</c>: runs the MQTT gateway into SQLite until SIGINT/SIGTERM; <c>gateway brick</c> exports the
/// nodes as a Brick model (Turtle); <c>gateway bench</c> measures throughput and latency against a private mosquitto.
/// </summary>
public static class GatewayCommand
{
    public static Command Build()
    {
        Option<string> Db(string description) => CliOption.Text("--db", description, "FILE").IsRequired();
        Option<string> Prefix() => CliOption.Text("--prefix", "topic prefix of the nodes (default sensornode)", "P");
        var brick = new Command("brick", "export the nodes of the store as a Brick model (Turtle)").Options(
            Db("the gateway's store: SQLite file or postgres://user@host:port/database"),
            CliOption.Text("--building", "the building's name (nodes whose gateway named none; a shared store's buildings form a portfolio, docs/scale.md)", "NAME").IsRequired(),
            CliOption.Flag("--hvac-zones", "each room is an HVAC zone: its temperature and humidity points are zone points (Brick 1.4)"),
            CliOption.Out("write the Turtle there (default: standard output)", "FILE"),
            Prefix(),
            CliOption.Text("--findings", "faults.json of `sensornode faults`: marks the flagged rooms' points (docs/faults.md)", "FILE"),
            CliOption.Renamed("--faults", "--findings FILE", "--faults is the injected device faults in simulate")).With(Brick);
        var bench = new Command("bench", "throughput and latency against a private mosquitto on loopback (needs mosquitto installed)").Options(
            CliOption.Out("writes DIR/bench.json").IsRequired(),
            CliOption.Int("--readings", "readings in the throughput run", 200_000, 1000, 10_000_000),
            CliOption.Text("--rate", "readings per second in the paced latency run, one per message (default 1000)", "R"),
            CliOption.Int("--per-message", "readings per state message in the throughput run", 1, 1, 8, "K"),
            CliOption.Int("--paced-seconds", "length of the paced run", 10, 1, 3600, "S"),
            CliOption.Text("--db", "also measure this PostgreSQL database (postgres://user@host:port/database; a scratch one: bench rows stay), side by side with SQLite (docs/scale.md)", "FILE")).With(GatewayBenchCommand.Run);
        var replay = new Command("replay", "decode the state dead letters again; store and remove those that decode now (run it once the cause of the rejections is fixed, e.g. the gateway's clock)").Options(
            Db("the gateway's store: SQLite file or postgres://user@host:port/database"),
            CliOption.Int("--id", "only dead letter N (default: all)", null, 1, int.MaxValue),
            Prefix()).With(Replay);
        var faults = new Command("faults", "fault reports of nodes without a trustworthy configuration (\"unconfigured-<mac>\"; docs/recovery.md): the newest by last sight, with node, code, nf.config CRC, errors").Options(
            Db("the gateway's store: SQLite file or postgres://user@host:port/database"),
            CliOption.Int("--limit", "how many reports", 20, 1, ReadingStore.MaxFaultReports)).With(Faults);
        return new Command("gateway", "MQTT -> SQLite gateway (persistent session, dedup, dead letters, HA discovery, commands) until SIGINT/SIGTERM")
        {
            brick, bench, replay, faults,
        }.Options(
            // Required by the service, checked in Serve: a required option here would be required by the subcommands too.
            CliOption.Text("--broker", "mqtt://[user[:password]@]host[:port] or mqtts://...", "URL"),
            CliOption.Text("--db", "SQLite file (created when missing), or postgres://[user[:password]@]host[:port]/database shared by many buildings (docs/scale.md)", "FILE"),
            CliOption.Text("--building", "the building this gateway serves: stamped on every row, so several buildings share one PostgreSQL database (docs/scale.md)", "NAME"),
            CliOption.Text("--ca", "mqtts:// only: PEM CA certificate(s) the broker's certificate must chain to (default: the system's trust store)", "FILE"),
            CliOption.Text("--cert", "mqtts:// only: the gateway's client certificate (PEM), with --key, for brokers that require one (docs/gateway-service.md, TLS and ACL)", "FILE"),
            CliOption.Text("--key", "mqtts:// only: the key of --cert (PEM)", "FILE"),
            CliOption.Text("--group", "scale-out: instances of one shared-subscription group split the stream; loses what nodes publish during a broker restart (docs/gateway-service.md, Scale-out)", "NAME"),
            CliOption.Flag("--no-share", "plain subscriptions, one instance: the default, the mode that loses nothing"),
            CliOption.Int("--session-expiry", "how long the broker keeps the session while the gateway is away, s", 86_400, 1, int.MaxValue, "S"),
            CliOption.Flag("--drain", "retire a group instance: with its --client-id (or identity), store what its session holds, then end the session so the broker stops queueing for it"),
            CliOption.Text("--client-id", "MQTT client id, stable per instance (default: the certificate's CN, else the URL's user, else gw-<group or single>-<host name>)", "ID"),
            Prefix(),
            CliOption.Text("--rooms", "CSV of node_id,room lines; sets each node's room (Brick export, HA suggested area)", "FILE"),
            CliOption.Text("--release-above-volts", "release queued commands to a node whose supercap is at least V volts (default 4.0)", "V"),
            CliOption.Int("--batch", "most messages per store transaction", 500, 1, 1000),
            CliOption.Int("--batch-ms", "longest a batch waits for more messages", 10, 0, 10_000, "MS"),
            CliOption.Int("--status-seconds", "print a status line every S seconds (0 = never)", 60, 0, 86_400, "S"),
            CliOption.Flag("--no-discovery", "publish no Home Assistant discovery configs or per-point values"),
            CliOption.Int("--store-failures", "consecutive failed store transactions before exiting 1", 10, 1, 1000),
            CliOption.Int("--store-retry-ms", "wait after a failed store transaction, doubling per failure up to 30 s", 500, 10, 30_000, "MS"),
            CliOption.Int("--clock-offset", "fault drill (sensornode soak; not for production): shift the gateway's clock by S seconds (negative: behind; packs look \"in the future\")", 0, -31_536_000, 31_536_000, "S"),
            CliOption.Int("--max-db-pages", "fault drill (sensornode soak; not for production): the file cannot grow beyond max(N pages, its size): SQLITE_FULL as on a full disk", null, 1, int.MaxValue)).With(Serve);
    }

    /// <summary><c>sensornode gateway ARGS</c> (for tests and scripts that hold the arguments after the command name).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => CommandLine.Dispatch(Build(), args, output, error);

    /// <summary>--drain ends the session once nothing arrived for this long, ms: the broker hands a resumed session's queue over at once.</summary>
    public const int DrainQuietMilliseconds = 2000;

    private static int Serve(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        BrokerUrl broker = ParseBroker(options.Get("broker") ?? throw new UsageException("--broker URL is required"));
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required");
        if (!broker.Tls && (options.Has("ca") || options.Has("cert") || options.Has("key")))
            throw new UsageException("--ca, --cert and --key need an mqtts:// broker URL");
        if (options.Has("cert") != options.Has("key")) throw new UsageException("--cert and --key go together");
        if (options.Has("no-share") && options.Has("group")) throw new UsageException("--no-share and --group exclude each other");
        string? group = options.Get("group");
        if (options.Has("drain") && group == null) throw new UsageException("--drain retires an instance of a --group");
        var gatewayOptions = new GatewayOptions
        {
            Host = broker.Host, Port = broker.Port, Tls = broker.Tls, Username = broker.Username, Password = broker.Password,
            CaFile = options.Get("ca"), ClientCertificateFile = options.Get("cert"), ClientKeyFile = options.Get("key"),
            Group = group,
            ClientId = options.Get("client-id") ?? DefaultClientId(options.Get("cert"), broker.Username, group),
            Prefix = options.Get("prefix") ?? "sensornode",
            ReleaseAboveVolts = GetDouble(options, "release-above-volts", 4.0, 0, 65.535),
            BatchMaxMessages = options.Int("batch"),
            BatchMaxMilliseconds = options.Int("batch-ms"),
            DiscoveryPrefix = options.Has("no-discovery") ? null : "homeassistant",
            SessionExpirySeconds = (uint)options.Int("session-expiry"),
            MaxConsecutiveStoreFailures = options.Int("store-failures"),
            StoreRetryBaseMilliseconds = options.Int("store-retry-ms"),
        };
        int clockOffset = options.Int("clock-offset");
        if (group != null && !options.Has("client-id") && !options.Has("cert") && broker.Username == null)
            error.WriteLine($"sensornode gateway: warning: group instance without --client-id: the id '{gatewayOptions.ClientId}' comes from the host name, and a new host name leaves the old session behind as a ghost that keeps its share of the stream");
        int statusSeconds = options.Int("status-seconds");
        try
        {
            gatewayOptions.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        if (options.Has("max-db-pages") && db.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
            throw new UsageException("--max-db-pages is a SQLite drill");
        // Before the store is opened (and created): a bad --rooms file leaves no new database behind.
        IReadOnlyList<(string Node, string Room)> roomMap = options.Get("rooms") is { } rooms ? ReadRooms(rooms) : [];
        if (!ReadingStore.TryOpen(db, options.Get("building") ?? "", out ReadingStore? opened, out string problem))
        {
            error.WriteLine($"sensornode gateway: {problem}");
            return CommandLine.Failed;
        }
        using ReadingStore store = opened!;
        db = ReadingStore.RedactedName(db);
        if (options.Has("max-db-pages")) store.LimitPages(options.Int("max-db-pages"));
        foreach ((string node, string room) in roomMap) store.SetRoom(node, room);

        using var stop = new CancellationTokenSource();
        // SIGINT (Ctrl+C) and SIGTERM (systemd, docker stop): cancel the default termination, stop gracefully instead.
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Graceful);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Graceful);
        void Graceful(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        TextWriter log = TextWriter.Synchronized(output);
        GatewayService gateway;
        try
        {
            gateway = new GatewayService(gatewayOptions, store, clockOffset == 0 ? null : new OffsetClock(TimeSpan.FromSeconds(clockOffset)), log: line => log.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}"));
        }
        catch (ArgumentException e)
        {
            // An unreadable certificate or key: named, before anything connects.
            error.WriteLine($"sensornode gateway: {e.Message}");
            return CommandLine.Failed;
        }
        try
        {
            gateway.StartAsync(stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            error.WriteLine($"sensornode gateway: {e.Message}");
            gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return CommandLine.Failed;
        }
        if (options.Has("drain"))
        {
            try
            {
                gateway.DrainAsync(TimeSpan.FromMilliseconds(DrainQuietMilliseconds), stop.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // SIGINT: stop as usual, the session stays.
            }
            gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
            log.WriteLine($"gateway: drained {gatewayOptions.ClientId}: {gateway.Counters}");
            return CommandLine.Ok;
        }
        log.WriteLine($"gateway: storing into {db}; SIGINT or SIGTERM stops after the current batch");
        WaitHandle[] events = [stop.Token.WaitHandle, ((IAsyncResult)gateway.Failed).AsyncWaitHandle];
        int signalled;
        while ((signalled = WaitHandle.WaitAny(events, statusSeconds == 0 ? Timeout.Infinite : statusSeconds * 1000)) == WaitHandle.WaitTimeout)
        {
            log.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {(gateway.IsConnected ? "connected" : "DISCONNECTED")} {gateway.Counters}");
        }
        gateway.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (signalled == 1)
        {
            // For a supervisor: a non-zero exit and one line naming the file; the broker keeps what was not stored.
            error.WriteLine($"sensornode gateway: database {db}: {gateway.Failed.Result}");
            return CommandLine.Failed;
        }
        log.WriteLine($"gateway: stopped; {store.ReadingCount()} readings, {store.DeadLetterCount()} dead letters in {db}");
        return CommandLine.Ok;
    }

    private static int Faults(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required");
        int limit = options.Int("limit");
        if (ReadingStore.IsMissingFile(db)) { error.WriteLine($"sensornode gateway faults: {db} not found"); return CommandLine.Failed; }
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem))
        {
            error.WriteLine($"sensornode gateway faults: {problem}");
            return CommandLine.Failed;
        }
        using ReadingStore store = opened!;
        var reports = store.FaultReports(limit);
        if (reports.Count == 0) { output.WriteLine("no fault reports"); return CommandLine.Ok; }
        foreach ((string node, string code, string crc, string report, long first, long last) in reports)
        {
            // Validated printable ASCII; escaped anyway, as all node text is.
            output.WriteLine($"{DateTimeOffset.FromUnixTimeMilliseconds(last):yyyy-MM-ddTHH:mm:ssZ} {node} {LogText.Quote(code)} cfg={LogText.Quote(crc)} (first seen {DateTimeOffset.FromUnixTimeMilliseconds(first):yyyy-MM-ddTHH:mm:ssZ})");
            foreach (string line in report.Split('\n').Skip(1)) output.WriteLine("  " + LogText.Quote(line));
        }
        return CommandLine.Ok;
    }

    /// <summary>The system clock shifted by a fixed offset (--clock-offset: a gateway whose clock is wrong, for drills).</summary>
    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }

    /// <summary>
    /// The client id when --client-id is not given: the authenticated identity (the certificate's CN, else the user
    /// name), which a listener with use_username_as_clientid imposes anyway; else gw-&lt;group or single&gt;-&lt;host&gt;.
    /// </summary>
    internal static string DefaultClientId(string? certificateFile, string? username, string? group)
    {
        if (certificateFile != null && File.Exists(certificateFile))
        {
            try
            {
                using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
                string cn = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
                if (!string.IsNullOrEmpty(cn)) return cn;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Named by the service when it loads the file.
            }
        }
        return string.IsNullOrEmpty(username) ? $"gw-{group ?? "single"}-{System.Environment.MachineName}" : username;
    }

    private static int Brick(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required");
        string building = options.Get("building") ?? throw new UsageException("--building NAME is required");
        if (ReadingStore.IsMissingFile(db)) { error.WriteLine($"sensornode gateway brick: {db}: not found"); return CommandLine.Failed; }
        if (options.Get("out") is { } outFile) OutputPaths.PrepareFile("out", outFile);
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) { error.WriteLine($"sensornode gateway brick: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        IReadOnlyList<SensorNode.Gateway.Faults.FaultMark>? faults = options.Get("findings") is { } faultsFile ? ReadFindings(faultsFile) : null;
        string turtle = BrickExporter.ToTurtle(store.Nodes(), building, options.Get("prefix") ?? "sensornode", faults, ReadingStore.RedactedName(db), options.Has("hvac-zones"));
        if (options.Get("out") is { } path) File.WriteAllText(path, turtle);
        else output.Write(turtle);
        return CommandLine.Ok;
    }

    /// <summary>
    /// The flagged rooms of --findings FILE (<see cref="SensorNode.Gateway.Faults.FaultMark.FromReportJson"/>); a missing,
    /// unreadable or malformed file fails the command with one line naming the file and the line or field at fault.
    /// </summary>
    internal static IReadOnlyList<SensorNode.Gateway.Faults.FaultMark> ReadFindings(string path)
    {
        string shown = $"--findings {path}";
        if (Directory.Exists(path)) throw new CommandFailedException($"{shown}: is a directory, not the faults.json of sensornode faults");
        if (!File.Exists(path)) throw new CommandFailedException($"{shown}: not found (the faults.json that sensornode faults writes into its --out)");
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CommandFailedException($"{shown}: cannot be read ({e.Message})"); }
        try { return SensorNode.Gateway.Faults.FaultMark.FromReportJson(json); }
        catch (FormatException e) { throw new CommandFailedException($"{shown}: {e.Message}"); }
    }

    private static int Replay(CommandInput options)
    {
        TextWriter output = options.Output, error = options.Error;
        string db = options.Get("db") ?? throw new UsageException("--db FILE is required");
        long? id = options.Has("id") ? options.Int("id") : null;
        if (ReadingStore.IsMissingFile(db)) { error.WriteLine($"sensornode gateway replay: {db}: not found"); return CommandLine.Failed; }
        if (!ReadingStore.TryOpen(db, out ReadingStore? opened, out string problem)) { error.WriteLine($"sensornode gateway replay: {problem}"); return CommandLine.Failed; }
        using ReadingStore store = opened!;
        DeadLetterReplayResult result = DeadLetterReplay.Run(store, options.Get("prefix") ?? "sensornode", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), id);
        if (id != null && result.Replayed + result.StillRejected + result.Skipped == 0)
        {
            // Was "replayed 0 dead letter(s)", exit 0, as if that letter had been looked at.
            error.WriteLine($"sensornode gateway replay: --id {id}: no such dead letter in {db} ({store.DeadLetterCount()} dead letter(s) there)");
            return CommandLine.Failed;
        }
        output.WriteLine($"replayed {result.Replayed} dead letter(s) ({result.Readings} readings) into {db}; {result.StillRejected} still rejected, {result.Skipped} skipped (not state, or cut at the decode limit)");
        return CommandLine.Ok;
    }

    /// <summary>
    /// node_id,room lines; blank lines, '#' comments and a header (node_id,room or node,room) on the first line are skipped.
    /// A room name with a comma is quoted ("Room 1, east"). A node id outside the rule (it would never match a node), an
    /// empty room, a third field and a node given twice are errors naming the file and line: nothing is applied then.
    /// </summary>
    internal static IReadOnlyList<(string Node, string Room)> ReadRooms(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"--rooms {path}: not found");
        var rooms = new List<(string, string)>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int number = 0;
        bool first = true;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string where = $"--rooms {path}:{number}";
            int comma = line.IndexOf(',');
            if (comma <= 0 || comma == line.Length - 1) throw new UsageException($"{where}: expected node_id,room, got '{line}'");
            string node = line[..comma].Trim(), room = line[(comma + 1)..].Trim();
            bool header = first && node.ToLowerInvariant() is "node_id" or "node" && room.Equals("room", StringComparison.OrdinalIgnoreCase);
            first = false;
            if (header) continue;
            if (room.Length >= 2 && room[0] == '"' && room[^1] == '"') room = room[1..^1].Trim();
            else if (room.Contains(',') || room.Contains('"'))
                throw new UsageException($"{where}: expected node_id,room, got '{line}' (a room name with a comma is quoted: {node},\"{room}\")");
            if (!SensorNode.Core.Telemetry.NodeIds.IsValid(node))
                throw new UsageException($"{where}: node id '{node}': expected {SensorNode.Core.Telemetry.NodeIds.Rule}");
            if (room.Length == 0) throw new UsageException($"{where}: node {node}: the room is empty");
            if (lineOf.TryGetValue(node, out int earlier))
                throw new UsageException($"{where}: node {node} is already given a room on line {earlier}");
            lineOf[node] = number;
            rooms.Add((node, room));
        }
        return rooms;
    }

    private static BrokerUrl ParseBroker(string url)
    {
        try
        {
            return BrokerUrl.Parse(url);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    internal static double GetDouble(CommandInput options, string name, double fallback, double min, double max)
    {
        string? text = options.Get(name);
        if (text == null) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
            throw new UsageException($"--{name}: expected a number {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        return value;
    }
}
