using System.Diagnostics;
using System.Globalization;
using System.Text;
using SensorNode.Simulation.Network;

namespace SensorNode.Gateway.IntegrationTests.Tls;

/// <summary>What a mosquitto client run printed and how it ended.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error);

/// <summary>
/// mosquitto_pub, mosquitto_sub and openssl over TLS as independent clients (libmosquitto and OpenSSL check the
/// certificates, not .NET), bounded in time. <see cref="MosquittoClients"/> speaks plain MQTT only.
/// </summary>
public static class TlsMosquittoClients
{
    /// <summary>The TLS arguments: trust <paramref name="caFile"/>; present the identity's certificate, or log in with its password.</summary>
    public static List<string> Arguments(int port, string caFile, Identity identity, bool usePassword)
    {
        var arguments = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--cafile", caFile, "-i", identity.Id + "-tool" };
        arguments.AddRange(usePassword
            ? new[] { "-u", identity.Id, "-P", identity.Password }
            : new[] { "--cert", identity.CertificateFile, "--key", identity.KeyFile });
        return arguments;
    }

    /// <summary>mosquitto_pub of <paramref name="payload"/> (stdin) at QoS 1.</summary>
    public static ToolRun Publish(List<string> tlsArguments, string topic, byte[] payload, bool retain = false)
    {
        var arguments = new List<string>(tlsArguments) { "-q", "1", "-t", topic, "-s" };
        if (retain) arguments.Add("-r");
        return Run("mosquitto_pub", arguments, payload, 10_000);
    }

    /// <summary>
    /// mosquitto_sub on <paramref name="filter"/> until <paramref name="count"/> messages or <paramref name="waitSeconds"/> s;
    /// returns topic to UTF-8 payload (the last one per topic).
    /// </summary>
    public static Dictionary<string, string> Subscribe(List<string> tlsArguments, string filter, int count, int waitSeconds)
    {
        var arguments = new List<string>(tlsArguments)
        {
            "-t", filter, "-F", "%t %x", "-C", count.ToString(CultureInfo.InvariantCulture), "-W", waitSeconds.ToString(CultureInfo.InvariantCulture),
        };
        ToolRun run = Run("mosquitto_sub", arguments, null, (waitSeconds + 5) * 1000);
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ', 2);
            messages[parts[0]] = parts.Length > 1 ? Encoding.UTF8.GetString(Convert.FromHexString(parts[1].Trim())) : "";
        }
        return messages;
    }

    /// <summary>Runs <paramref name="name"/> (found on PATH or in sbin) with a deadline; killed when it overruns.</summary>
    public static ToolRun Run(string name, IEnumerable<string> arguments, byte[]? stdin, int timeoutMilliseconds)
    {
        string executable = MosquittoBroker.FindExecutable(name) ?? throw new InvalidOperationException($"{name} not installed");
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        // The pipes are drained on threads of their own, not the thread pool's: with many tests blocked in parallel the pool
        // can lag by seconds, and a read that had not finished 2 s after the exit once returned a subscription as empty.
        string output = "", error = "";
        Thread outputReader = Drain(process.StandardOutput, text => output = text);
        Thread errorReader = Drain(process.StandardError, text => error = text);
        if (stdin != null) process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeoutMilliseconds))
        {
            process.Kill();
            process.WaitForExit(2000);
        }
        // The pipes close when the process exits: the readers end at once unless a child still holds them.
        outputReader.Join(10_000);
        errorReader.Join(10_000);
        return new ToolRun(process.HasExited ? process.ExitCode : -1, Volatile.Read(ref output), Volatile.Read(ref error));
    }

    private static Thread Drain(StreamReader reader, Action<string> done)
    {
        var thread = new Thread(() => done(reader.ReadToEnd())) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
