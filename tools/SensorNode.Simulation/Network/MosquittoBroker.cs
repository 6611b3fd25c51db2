using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SensorNode.Simulation.Network;

/// <summary>
/// A private mosquitto instance for tests and development: a free loopback port, a generated config (anonymous,
/// no persistence, everything logged to a file in its own temp folder), killed on <see cref="Dispose"/>. The
/// Debian package's own service is never used or needed.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    /// <summary>
    /// How long a start may take until the port accepts connections, ms. A readiness wait (it returns as soon as the port
    /// answers), so generous: a restart that loads a large persistence database on a loaded 2-core CI machine took over
    /// 5 s once.
    /// </summary>
    public const int StartTimeoutMilliseconds = 30_000;

    private const int StopTimeoutMilliseconds = 5000;
    private const int StartAttempts = 3;

    // sbin is often not on a non-root PATH; Debian installs the broker there.
    private static readonly string[] ExtraSearchFolders = { "/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin" };

    private readonly string _executable;
    private readonly string _folder;
    private readonly string _configPath;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private bool _disposed;

    private MosquittoBroker(string executable, int port, string accessConfig)
    {
        _executable = executable;
        Port = port;
        _folder = Directory.CreateTempSubdirectory("sensornode-mosquitto-").FullName;
        _configPath = Path.Combine(_folder, "mosquitto.conf");
        LogPath = Path.Combine(_folder, "mosquitto.log");
        // A listener with a certificate speaks TLS only.
        Tls = accessConfig.Split('\n').Any(line => line.TrimStart().StartsWith("certfile ", StringComparison.Ordinal));
        File.WriteAllText(_configPath, string.Join('\n',
            $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            accessConfig,
            "persistence false",
            // Run as root, mosquitto would switch to user 'mosquitto', who cannot write our temp folder.
            $"user {System.Environment.UserName}",
            $"log_dest file {LogPath}",
            "log_type all",
            ""));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port the broker listens on.</summary>
    public int Port { get; }

    /// <summary>True when the access config gave the listener a certfile: it then accepts TLS connections only.</summary>
    public bool Tls { get; }

    /// <summary>The broker's URL for <see cref="BrokerUrl.Parse"/>: mqtt://127.0.0.1:port, or mqtts:// when <see cref="Tls"/>.</summary>
    public string Url => $"{(Tls ? "mqtts" : "mqtt")}://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The broker's log file (log_type all: connects, subscribes, publishes, wills).</summary>
    public string LogPath { get; }

    /// <summary>True while the broker process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts a broker on a free loopback port and waits until it accepts connections. Returns null, with the
    /// reason, when mosquitto is not installed or does not come up within <see cref="StartTimeoutMilliseconds"/>.
    /// </summary>
    public static MosquittoBroker? TryStart(out string reason) => TryStart(out reason, AnonymousAccess);

    /// <summary>The access lines of <see cref="TryStart(out string)"/>: anyone may connect, publish and subscribe.</summary>
    public const string AnonymousAccess = "allow_anonymous true";

    /// <summary>
    /// As <see cref="TryStart(out string)"/>, with <paramref name="accessConfig"/> (one or more mosquitto.conf lines,
    /// newline-separated) in place of <see cref="AnonymousAccess"/>, e.g. "allow_anonymous false", "password_file
    /// /path", "acl_file /path". The lines apply to the loopback listener; files they name must stay readable while
    /// the broker runs, and across <see cref="Restart"/>.
    /// </summary>
    public static MosquittoBroker? TryStart(out string reason, string accessConfig)
    {
        ArgumentNullException.ThrowIfNull(accessConfig);
        string? executable = FindExecutable("mosquitto");
        if (executable == null)
        {
            reason = "mosquitto is not installed (not on PATH nor in /usr/sbin); tools/test-all.sh installs it with apt-get";
            return null;
        }
        reason = "";
        for (int attempt = 0; attempt < StartAttempts; attempt++)
        {
            // Another process may grab the free port between the probe and mosquitto's bind: try again then.
            var broker = new MosquittoBroker(executable, FreeLoopbackPort(), accessConfig);
            if (broker.TryLaunch(out reason))
            {
                return broker;
            }
            broker.Dispose();
        }
        return null;
    }

    /// <summary>
    /// The mosquitto.conf lines that make the listener TLS-only, for the access config of
    /// <see cref="TryStart(out string, string)"/>: the CA that signs client certificates (<paramref name="caFile"/>), the
    /// broker's own certificate and key (PEM paths). With <paramref name="requireCertificate"/> a client without a
    /// certificate from that CA is refused during the handshake; with <paramref name="identityAsUsername"/> (implies a
    /// required certificate) the certificate's CN is the client's user name for the ACL and no password is asked.
    /// Always <c>use_username_as_clientid true</c>: the client id is the authenticated user (the CN, or the password
    /// file's user), so no client can take over another's id, kick it or wipe its persistent session
    /// (docs/gateway-service.md, TLS and ACL).
    /// </summary>
    public static string TlsListenerConfig(string caFile, string certFile, string keyFile, bool requireCertificate, bool identityAsUsername)
    {
        ArgumentException.ThrowIfNullOrEmpty(caFile);
        ArgumentException.ThrowIfNullOrEmpty(certFile);
        ArgumentException.ThrowIfNullOrEmpty(keyFile);
        bool require = requireCertificate || identityAsUsername;
        return string.Join('\n',
            $"cafile {caFile}",
            $"certfile {certFile}",
            $"keyfile {keyFile}",
            $"require_certificate {(require ? "true" : "false")}",
            $"use_identity_as_username {(identityAsUsername ? "true" : "false")}",
            "use_username_as_clientid true");
    }

    /// <summary>The full path of an executable on PATH or in the sbin folders, or null.</summary>
    public static string? FindExecutable(string name)
    {
        string path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        IEnumerable<string> folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraSearchFolders);
        foreach (string folder in folders)
        {
            if (OperatingSystem.IsWindows())
            {
                string exe = Path.Combine(folder, name + ".exe");
                if (File.Exists(exe))
                {
                    return exe;
                }
                continue;
            }
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Kills the broker (no goodbye to clients, as a crash or power cut would). Safe when stopped.</summary>
    public void Stop()
    {
        Process? process = _process;
        _process = null;
        if (process == null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(StopTimeoutMilliseconds);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// Stops and starts the broker on the same port. Retained messages are gone (no persistence). Throws
    /// <see cref="InvalidOperationException"/> with mosquitto's reason when it does not come back.
    /// </summary>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Stop();
        if (!TryLaunch(out string reason))
        {
            throw new InvalidOperationException(reason);
        }
    }

    /// <summary>The log so far.</summary>
    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// Waits until the log holds <paramref name="text"/> (e.g. "Received SUBSCRIBE from sub-1"), at most
    /// <paramref name="timeoutMilliseconds"/>. False on timeout.
    /// </summary>
    public bool WaitForLog(string text, int timeoutMilliseconds) => WaitForLog(text, 1, timeoutMilliseconds);

    /// <summary>How many times the log holds <paramref name="text"/> now.</summary>
    public int LogCount(string text) => ReadLog().Split(text).Length - 1;

    /// <summary>
    /// Waits until the log holds <paramref name="text"/> at least <paramref name="count"/> times, at most
    /// <paramref name="timeoutMilliseconds"/>: the broker logs a client's packet when it handles it, which may be after the
    /// client has moved on. False on timeout.
    /// </summary>
    public bool WaitForLog(string text, int count, int timeoutMilliseconds)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (LogCount(text) >= count)
            {
                return true;
            }
            if (watch.ElapsedMilliseconds >= timeoutMilliseconds)
            {
                return false;
            }
            Thread.Sleep(20);
        }
    }

    /// <summary>Kills the broker and deletes its temp folder.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // A test run that ends without disposing must not leave brokers behind.
    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    private bool TryLaunch(out string reason)
    {
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_configPath);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e)
        {
            reason = $"cannot run {_executable}: {e.Message}";
            return false;
        }
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < StartTimeoutMilliseconds)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the output readers
                reason = $"mosquitto exited with code {process.ExitCode} on port {Port}: {Output()} {LastLogLines(3)}".TrimEnd();
                Stop();
                return false;
            }
            if (AcceptsConnections(Port))
            {
                reason = "";
                return true;
            }
            Thread.Sleep(50);
        }
        reason = $"mosquitto did not accept connections on port {Port} within {StartTimeoutMilliseconds} ms: {Output()} {LastLogLines(3)}".TrimEnd();
        Stop();
        return false;
    }

    private void Append(string? line)
    {
        if (line == null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString().Trim();
        }
    }

    private string LastLogLines(int count) =>
        string.Join(" | ", ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count));

    private static bool AcceptsConnections(int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(200) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    /// <summary>A loopback TCP port nobody listens on right now (the OS's pick), 1 to 65535.</summary>
    public static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
