using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
namespace SensorNode.Simulation.Network;

/// <summary>
/// mosquitto with persistence on (sessions, subscriptions and queued QoS 1 messages survive a restart) and no queue
/// limit, on a free loopback port, in its own temp folder. <see cref="MosquittoBroker"/> runs without persistence, so
/// the gateway's tests and <c>sensornode soak</c> bring this one. <see cref="Restart"/> stops with SIGTERM (mosquitto saves its
/// database) and starts again; <see cref="Restart(int)"/> with SIGKILL shows what mosquitto loses after its last autosave
/// (autosave_interval 1 s).
/// </summary>
public sealed class PersistentBroker : IDisposable
{
    private const int StartTimeoutMilliseconds = MosquittoBroker.StartTimeoutMilliseconds;
    private readonly string _folder = Directory.CreateTempSubdirectory("sensornode-gw-broker-").FullName;
    private readonly string _executable;
    private Process? _process;

    private PersistentBroker(string executable, string? passwordFile)
    {
        _executable = executable;
        Port = MosquittoBroker.FreeLoopbackPort();
        // With a password file: the documented listener's identity binding (the client id is the user name, whatever
        // id a client asks for), so one client cannot take over another's id or session.
        string[] access = passwordFile == null
            ? ["allow_anonymous true"]
            : ["allow_anonymous false", $"password_file {passwordFile}", "use_username_as_clientid true"];
        File.WriteAllText(ConfigPath, string.Join('\n', new[] {
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1" }.Concat(access).Concat(new[] {
            "persistence true",
            $"persistence_location {_folder}/",
            // 0 = no limit: a gateway that is away must find everything queued when it returns.
            "max_queued_messages 0",
            "autosave_interval 1",
            $"user {System.Environment.UserName}",
            $"log_dest file {Path.Combine(_folder, "mosquitto.log")}",
            "log_type all",
            "" })));
        Start();
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    private string ConfigPath => Path.Combine(_folder, "mosquitto.conf");

    /// <summary>A running broker; throws when mosquitto is installed but does not come up.</summary>
    public static PersistentBroker Launch() => Launch(null);

    /// <summary>
    /// A running broker; with <paramref name="passwordFile"/> (mosquitto_passwd lines) it refuses anonymous clients and
    /// binds each client id to the user name (<c>use_username_as_clientid</c>, as <c>sensornode provision</c> writes).
    /// </summary>
    public static PersistentBroker Launch(string? passwordFile) =>
        new(MosquittoBroker.FindExecutable("mosquitto") ?? throw new InvalidOperationException("mosquitto not installed"), passwordFile);

    /// <summary>Graceful restart on the same port: SIGTERM (the database is written), then start again.</summary>
    public void Restart() => Restart(15);

    /// <summary>Stops with <paramref name="signal"/> (15 SIGTERM: saves its database; 9 SIGKILL: does not) and starts again.</summary>
    public void Restart(int signal)
    {
        Stop(signal);
        Start();
    }

    /// <summary>The broker's log so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(Path.Combine(_folder, "mosquitto.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private void Start()
    {
        var start = new ProcessStartInfo(_executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ConfigPath);
        _process = Process.Start(start)!;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < StartTimeoutMilliseconds)
        {
            if (_process.HasExited) throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
            using var probe = new TcpClient();
            try
            {
                if (probe.ConnectAsync(IPAddress.Loopback, Port).Wait(200) && probe.Connected) return;
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(50);
        }
        string log;
        try { log = string.Join(" | ", ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3)); }
        catch (IOException) { log = "(no log)"; }
        throw new TimeoutException($"mosquitto did not listen on {Port} within {StartTimeoutMilliseconds} ms; its log ends: {log}");
    }

    private void Stop(int signal = 15)
    {
        Process? process = _process;
        _process = null;
        if (process == null) return;
        if (!process.HasExited)
        {
            _ = Kill(process.Id, signal); // SIGTERM: mosquitto writes its persistence file and exits
            if (!process.WaitForExit(5000)) process.Kill();
        }
        process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
