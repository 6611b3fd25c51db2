using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace SensorNode.Simulation.Network;

/// <summary>
/// A private PostgreSQL server for tests and benches, from the distribution's packages (Debian: postgresql-15,
/// /usr/lib/postgresql/15/bin): initdb into a temp folder, postgres on a free loopback port with trust
/// authentication for one superuser, <see cref="User"/>. The package's own cluster and service are never used.
/// PostgreSQL refuses to run as root, so when this process is root the server runs as the unprivileged 'postgres'
/// account the package creates (setpriv, no fork: the process we hold is the postmaster), over a folder chowned to it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The superuser initdb creates (trust authentication on loopback, no password).</summary>
    public const string User = "sensornode";

    /// <summary>How long a start may take until the server logs that it is ready, ms.</summary>
    public const int StartTimeoutMilliseconds = 30_000;

    private const int SigInt = 2;
    private const int SigQuit = 3;
    private const int StopTimeoutMilliseconds = 15_000;
    private const string ServiceAccount = "postgres";

    private readonly string _bin;
    private readonly string _folder;
    private readonly string _data;
    private readonly bool _durable;
    private readonly StringBuilder _log = new();
    private Process? _process;
    private bool _disposed;

    private PostgresServer(string bin, int port, bool durable)
    {
        _bin = bin;
        Port = port;
        _durable = durable;
        _folder = Directory.CreateTempSubdirectory("sensornode-postgres-").FullName;
        _data = Path.Combine(_folder, "data");
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The URL of database <paramref name="database"/> for <c>--db</c>: postgres://sensornode@127.0.0.1:port/database.</summary>
    public string Url(string database = "postgres") => $"postgres://{User}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>True while the postmaster runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The server's output so far (its log goes to stderr).</summary>
    public string ReadLog()
    {
        lock (_log) return _log.ToString();
    }

    /// <summary>
    /// The bin folder of the newest installed PostgreSQL (15 preferred: the version the tests are written against), or
    /// null when none is installed.
    /// </summary>
    public static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        string[] versions = Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "postgres")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0).ToArray();
        string? fifteen = versions.FirstOrDefault(d => Path.GetFileName(d) == "15");
        string? chosen = fifteen ?? versions.FirstOrDefault();
        return chosen == null ? null : Path.Combine(chosen, "bin");
    }

    /// <summary>
    /// Creates a cluster in a temp folder and starts it on a free loopback port. <paramref name="durable"/> false (tests)
    /// turns fsync off: a test's data need not survive a power cut, and a 2-core machine shared by several jobs is slow
    /// enough. Returns null, with the reason, when PostgreSQL is not installed, the server cannot run as an
    /// unprivileged user, or it does not come up in time.
    /// </summary>
    public static PostgresServer? TryStart(out string reason, bool durable = false)
    {
        string? bin = FindBin();
        if (bin == null)
        {
            reason = "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb; apt-get install postgresql, or run tools/test-all.sh)";
            return null;
        }
        if (IsRoot() && !AccountExists(ServiceAccount))
        {
            reason = $"running as root and there is no '{ServiceAccount}' account to run PostgreSQL as (the postgresql package creates it)";
            return null;
        }
        RemoveStaleFolders();
        var server = new PostgresServer(bin, MosquittoBroker.FreeLoopbackPort(), durable);
        try
        {
            server.InitDb();
            server.Start();
            reason = "";
            return server;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            reason = $"PostgreSQL did not start: {e.Message}";
            server.Dispose();
            return null;
        }
    }

    /// <summary>Starts the stopped server again on the same port and data (after <see cref="Stop"/>: a database restart).</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning) return;
        lock (_log) _log.Clear();
        var ready = new ManualResetEventSlim();
        string[] arguments =
        [
            "-D", _data, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=32MB",
            "-c", $"fsync={(_durable ? "on" : "off")}", "-c", $"synchronous_commit={(_durable ? "on" : "off")}", "-c", $"full_page_writes={(_durable ? "on" : "off")}",
        ];
        Process process = Launch(Path.Combine(_bin, "postgres"), arguments, redirect: true);
        void OnLine(object? _, DataReceivedEventArgs e)
        {
            if (e.Data == null) return;
            lock (_log) _log.AppendLine(e.Data);
            if (e.Data.Contains("ready to accept connections", StringComparison.Ordinal)) ready.Set();
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var watch = Stopwatch.StartNew();
        while (!ready.Wait(50))
        {
            if (process.HasExited) throw new InvalidOperationException($"postgres exited with {process.ExitCode}: {SenmlOneLine(ReadLog())}");
            if (watch.ElapsedMilliseconds > StartTimeoutMilliseconds) throw new InvalidOperationException($"postgres not ready after {StartTimeoutMilliseconds} ms: {SenmlOneLine(ReadLog())}");
        }
    }

    /// <summary>Stops the server (fast shutdown: open connections are ended, committed data stays), as a restart's first half.</summary>
    public void Stop() => Stop(SigInt);

    // SIGINT: fast shutdown (a checkpoint, seconds); SIGQUIT: immediate shutdown, for data that is thrown away anyway.
    private void Stop(int signal)
    {
        Process? process = _process;
        if (process == null) return;
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, signal);
            if (!process.WaitForExit(StopTimeoutMilliseconds)) process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        _process = null;
    }

    // Folders of earlier runs whose host ended before it could delete them: cleanly stopped (no postmaster.pid, which
    // a running server keeps) and more than an hour old (not one that another run is initialising right now).
    private static void RemoveStaleFolders()
    {
        foreach (string folder in Directory.GetDirectories(Path.GetTempPath(), "sensornode-postgres-*"))
        {
            try
            {
                if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")) || Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddHours(-1)) continue;
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or in use: leave it.
            }
        }
    }

    private void InitDb()
    {
        if (IsRoot())
        {
            // The temp folder is root's and 0700: the service account must own it (and reach it through /tmp, which it can).
            RunToEnd("chown", ["-R", $"{ServiceAccount}:", _folder]);
        }
        RunToEnd(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServer: true);
    }

    private void RunToEnd(string executable, string[] arguments, bool asServer = false)
    {
        using Process process = asServer ? Launch(executable, arguments, redirect: true) : Start(executable, arguments);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StartTimeoutMilliseconds * 2))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(executable)} did not finish");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(executable)} exited with {process.ExitCode}: {SenmlOneLine(error.Result + output.Result)}");
    }

    // As root: setpriv replaces itself with the program under the service account (no intermediate process, so
    // signals reach the postmaster); otherwise the program itself.
    private Process Launch(string executable, string[] arguments, bool redirect)
    {
        if (!IsRoot()) return Start(executable, arguments);
        return Start("setpriv", ["--reuid", ServiceAccount, "--regid", ServiceAccount, "--init-groups", "--", executable, .. arguments]);
    }

    private Process Start(string executable, string[] arguments)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        // initdb and postgres read these; a test runner's locale or a PGDATA of the caller must not leak in.
        info.Environment["LC_ALL"] = "C";
        info.Environment.Remove("PGDATA");
        return Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
    }

    private static string SenmlOneLine(string text)
    {
        string line = string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(4));
        return line.Length <= 500 ? line : line[^500..];
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && GetEuid() == 0;

    private static bool AccountExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>Stops the server and deletes its folder.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            // Quick: a test host ends soon after its last test, and the folder must be gone by then.
            Stop(SigQuit);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing a test run for.
        }
    }
}
